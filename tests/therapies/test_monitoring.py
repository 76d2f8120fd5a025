"""Monitoring blood tests a DMT's label asks for: which are due, and the Today card."""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from journal.lab_rules import ALT, IGG, JCV_INDEX, KINDS, LYMPHOCYTES
from tests.journal.factories import LabFactory
from tests.therapies.factories import CourseFactory, catalogue
from therapies.models import Drug
from therapies.monitoring import MONITORING, RunningCourse, due_tests

TODAY = date(2025, 6, 4)


def natalizumab(start=date(2024, 1, 10), stop=None):
    return RunningCourse("natalizumab", "Natalizumab", start, stop)


@pytest.mark.django_db
def test_every_entry_names_a_catalogue_dmt_a_known_test_and_its_source():
    for code, requirements in MONITORING.items():
        assert Drug.objects.filter(code=code, owner=None, category="dmt").exists(), code
        for requirement in requirements:
            assert requirement.test in KINDS
            assert requirement.source
            assert requirement.every_months >= 1
    tests = {code: {r.test for r in reqs} for code, reqs in MONITORING.items()}
    assert tests["natalizumab"] == {JCV_INDEX}
    assert tests["cladribine"] == {LYMPHOCYTES}
    assert all(tests[c] == {LYMPHOCYTES} for c in ("fingolimod", "siponimod", "ozanimod",
                                                    "ponesimod"))  # fmt: skip
    assert tests["ocrelizumab-iv"] == tests["ofatumumab"] == {IGG}
    assert tests["teriflunomide"] == {ALT}


def test_no_result_since_the_course_began_is_due_since_its_start():
    [due] = due_tests([natalizumab()], {}, TODAY)
    assert (due.test, due.due_on, due.last) == (JCV_INDEX, date(2024, 1, 10), None)
    assert due.overdue_on(TODAY)


def test_a_recent_result_is_not_due_and_an_old_one_is():
    assert due_tests([natalizumab()], {JCV_INDEX: date(2025, 3, 1)}, TODAY) == []
    [due] = due_tests([natalizumab()], {JCV_INDEX: date(2024, 11, 1)}, TODAY)
    assert due.due_on == date(2025, 5, 1)
    # Within two weeks of falling due it shows, not yet overdue.
    [soon] = due_tests([natalizumab()], {JCV_INDEX: date(2024, 12, 15)}, TODAY)
    assert soon.due_on == date(2025, 6, 15)
    assert not soon.overdue_on(TODAY)


def test_a_stopped_course_and_a_drug_without_monitoring_ask_for_nothing():
    assert due_tests([natalizumab(stop=date(2025, 1, 1))], {}, TODAY) == []
    assert due_tests([RunningCourse("glatiramer-20", "Glatiramer", date(2024, 1, 1))], {},
                     TODAY) == []  # fmt: skip


def test_teriflunomide_alt_is_monthly_only_in_the_first_six_months():
    early = RunningCourse("teriflunomide", "Teriflunomide", date(2025, 3, 1))
    [due] = due_tests([early], {ALT: date(2025, 5, 1)}, TODAY)
    assert due.due_on == date(2025, 6, 1)
    late = RunningCourse("teriflunomide", "Teriflunomide", date(2024, 1, 1))
    assert due_tests([late], {ALT: date(2024, 6, 20)}, TODAY) == []


def test_two_drugs_asking_for_one_test_are_one_entry():
    courses = [
        RunningCourse("fingolimod", "Fingolimod", date(2024, 1, 1)),
        RunningCourse("dimethyl-fumarate", "Dimethyl fumarate", date(2024, 6, 1)),
    ]
    [due] = due_tests(courses, {}, TODAY)
    assert due.drugs == ("Fingolimod", "Dimethyl fumarate")
    assert due.due_on == date(2024, 1, 1)
    assert len(due.requirements) == 2


@pytest.mark.django_db
def test_the_today_page_shows_a_test_that_is_due(patient, patient_client):
    with time_machine.travel(date(2025, 6, 4), tick=False):
        CourseFactory(user=patient, drug=catalogue("natalizumab"), start=date(2024, 1, 10))
        LabFactory(user=patient, kind="jcv_index", value=0.3, unit="index", date=date(2024, 9, 1))
        page = patient_client.get(reverse("journal:today")).content.decode()
        assert "Blood tests due" in page
        assert "JCV antibody index" in page
        assert "Due since 1 Mar 2025" in page
        assert "Last result 1 Sep 2024" in page
        assert f"{reverse('journal:lab_new')}?kind=jcv_index" in page

        LabFactory(user=patient, kind="jcv_index", value=0.3, unit="index", date=date(2025, 6, 1))
        assert (
            "Blood tests due" not in patient_client.get(reverse("journal:today")).content.decode()
        )


@pytest.mark.django_db
def test_the_demo_patient_sees_their_igg_due(client):
    import io

    from django.core.management import call_command

    from mstracker.accounts.models import User

    call_command("demo", stdout=io.StringIO())
    client.force_login(User.objects.get(username="demo-patient"))
    page = client.get(reverse("journal:today")).content.decode()
    assert "Blood tests due" in page
    assert "Immunoglobulin G (IgG)" in page
