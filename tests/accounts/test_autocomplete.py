"""Personal fields say what they hold, so browsers and assistive tools can fill them in
(WCAG 1.3.5 Identify Input Purpose)."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def autocomplete(html, name):
    tag = re.search(rf'<(?:input|select)[^>]*\bname="{name}"[^>]*>', html).group(0)
    match = re.search(r'autocomplete="([^"]*)"', tag)
    return match and match.group(1)


def test_signup_fields_have_autocomplete(client):
    html = client.get(reverse("accounts:signup")).content.decode()
    assert autocomplete(html, "username") == "username"
    assert autocomplete(html, "email") == "email"
    assert autocomplete(html, "password1") == "new-password"
    assert autocomplete(html, "password2") == "new-password"


def test_profile_fields_have_autocomplete(patient_client):
    html = patient_client.get(reverse("accounts:profile")).content.decode()
    assert autocomplete(html, "email") == "email"
    assert autocomplete(html, "first_name") == "given-name"
