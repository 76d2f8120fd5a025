"""The admin: at ``ADMIN_URL``, staff with two-factor only, a 404 for everyone else."""

import pytest

from tests.factories import ClinicianFactory, PatientFactory, current_code, sign_in

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["/admin/", "/admin/login/", "/admin/accounts/user/"])
def test_a_patient_a_clinician_and_a_visitor_get_404(client, patient, path):
    assert client.get(path).status_code == 404
    sign_in(client, patient)
    assert client.get(path).status_code == 404
    sign_in(client, ClinicianFactory())
    assert client.get(path).status_code == 404


def test_staff_need_two_factor(client, password):
    staff = PatientFactory(is_staff=True, is_superuser=True)
    client.force_login(staff)  # no two-factor: the admin's log-in asks for a code
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")
    assert b"otp_token" in client.get(response.url).content

    verified = ClinicianFactory(is_staff=True, is_superuser=True)
    client.logout()
    client.post("/accounts/login/", {"username": verified.username, "password": password})
    client.post("/accounts/two-factor/verify/", {"code": current_code(verified)})
    assert client.get("/admin/").status_code == 200


def test_the_admin_path_is_a_setting():
    from django.conf import settings

    assert settings.ADMIN_URL == "admin/"  # ADMIN_URL=... moves it (read at start)


def test_staff_list_the_unverified_clinicians_that_patients_share_with(client, password):
    from mstracker.care.models import VerifiedClinician
    from tests.care.factories import ShareFactory

    sharing = ClinicianFactory(username="dr-sharing")
    ShareFactory(clinician=sharing)
    ClinicianFactory(username="dr-idle")  # unverified, nobody shares with them
    checked = ClinicianFactory(username="dr-checked")
    ShareFactory(clinician=checked)
    VerifiedClinician.objects.create(clinician=checked)
    revoked = ClinicianFactory(username="dr-revoked")
    ShareFactory(clinician=revoked).revoke()

    staff = ClinicianFactory(is_staff=True, is_superuser=True)
    client.post("/accounts/login/", {"username": staff.username, "password": password})
    client.post("/accounts/two-factor/verify/", {"code": current_code(staff)})
    page = client.get("/admin/accounts/user/", {"verification": "unverified_sharing"})
    assert page.status_code == 200
    listed = {user.username for user in page.context["cl"].result_list}
    assert listed == {"dr-sharing"}
