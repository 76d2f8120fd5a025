"""The Today card as the journal's Today page will include it: ``{% today_doses user %}``."""

from datetime import date, timedelta

import pytest
from django.template import Context, Template

from tests.therapies.conftest import log_history
from tests.therapies.factories import CourseFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("frozen")]

CARD = Template("{% load therapies_tags %}{% today_doses user %}")


def render(rf, user):
    request = rf.get("/today/")
    request.user = user
    return CARD.render(Context({"request": request, "user": user, "csrf_token": "t0ken"}))


@pytest.mark.parametrize("days", [5, 500])
def test_two_queries_whatever_the_history(rf, patient, days, django_assert_num_queries):
    course = CourseFactory(user=patient, start=date(2024, 6, 14) - timedelta(days=days))
    log_history(course, course.start, date(2024, 6, 14))  # 10 or 1,000 logs
    with django_assert_num_queries(2):
        html = render(rf, patient)
    assert 'name="csrfmiddlewaretoken" value="t0ken"' in html
    assert 'name="next" value="/today/"' in html  # back to the page that shows the card
    assert "Doses on time, last 30 days" in html


def test_nothing_for_a_clinician(rf, clinician, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert render(rf, clinician).strip() == ""


def test_no_course_no_doses(rf, patient):
    html = render(rf, patient)
    assert "No doses are due today." in html
    assert "<strong>–</strong>" in html
