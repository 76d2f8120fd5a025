import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PROFILE = reverse("accounts:profile")


def profile_data(**overrides):
    data = {
        "email": "alice@example.org",
        "first_name": "Alice",
        "time_zone": "Asia/Tokyo",
        "ms_course": "rrms",
        "diagnosis_year": "2019",
    }
    data.update(overrides)
    return data


def test_the_patient_edits_their_profile(patient_client, patient):
    response = patient_client.post(PROFILE, profile_data())
    assert response.status_code == 302
    patient.refresh_from_db()
    assert (patient.time_zone, patient.ms_course, patient.diagnosis_year) == (
        "Asia/Tokyo",
        "rrms",
        2019,
    )


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("time_zone", "Europe/Atlantis"),
        ("ms_course", "bogus"),
        ("diagnosis_year", "2999"),
        ("diagnosis_year", "1850"),
        ("email", "not-an-email"),
    ],
)
def test_bad_profile_values_are_refused_next_to_their_field(patient_client, patient, field, value):
    response = patient_client.post(PROFILE, profile_data(**{field: value}))
    assert response.status_code == 200
    assert field in response.context["form"].errors
    patient.refresh_from_db()
    assert patient.time_zone == "Europe/Berlin"  # nothing saved


def test_an_email_of_another_account_is_refused(patient_client, other_patient):
    response = patient_client.post(PROFILE, profile_data(email="BOB@example.org"))
    assert "email" in response.context["form"].errors


def test_pages_render_in_the_users_time_zone(rf, patient, other_patient):
    from django.contrib.auth.models import AnonymousUser
    from django.utils import timezone

    from mstracker.accounts.middleware import UserTimezoneMiddleware

    other_patient.time_zone = "America/New_York"
    seen = []
    middleware = UserTimezoneMiddleware(lambda r: seen.append(timezone.get_current_timezone_name()))
    for user in (patient, other_patient, AnonymousUser()):
        request = rf.get("/")
        request.user = user
        middleware(request)
    assert seen == ["Europe/Berlin", "America/New_York", "UTC"]
