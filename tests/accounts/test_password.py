import re

import pytest
from django.core import mail
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_password_change(client, patient, password):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": password,
            "new_password1": "another-long-pass-77",
            "new_password2": "another-long-pass-77",
        },
    )
    assert response.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password("another-long-pass-77")


def test_password_change_needs_the_old_password(client, patient):
    client.force_login(patient)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": "wrong",
            "new_password1": "x-long-pass-1234",
            "new_password2": "x-long-pass-1234",
        },
    )
    assert "old_password" in response.context["form"].errors


def test_password_reset_by_email_link(client, patient):
    response = client.post(reverse("password_reset"), {"email": "Alice@Example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    link = re.search(r"http://testserver(/accounts/password/reset/\S+/)", mail.outbox[0].body)[1]

    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_url, {"new_password1": "fresh-long-pass-321", "new_password2": "fresh-long-pass-321"}
    )
    assert done.status_code == 302
    patient.refresh_from_db()
    assert patient.check_password("fresh-long-pass-321")

    # The link works once.
    reused = client.get(link, follow=True)
    assert b"This link has expired" in reused.content


def test_password_reset_does_not_tell_whether_an_account_exists(client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []
