"""The demo patient: a switch from interferon to ocrelizumab, with realistic adherence."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from mstracker.accounts.models import User
from therapies import services
from therapies.models import Course, DoseLog

pytestmark = pytest.mark.django_db


def test_demo_history_is_realistic_and_loading_it_twice_changes_nothing():
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    patient = User.objects.get(username="demo-patient")
    counts = (Course.objects.count(), DoseLog.objects.count())
    call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (Course.objects.count(), DoseLog.objects.count()) == counts

    interferon, ocrelizumab, dalfampridine = Course.objects.filter(user=patient).order_by("start")
    assert interferon.drug.drug_class == "interferon"
    assert interferon.stop_reason == "lack_of_efficacy"
    assert ocrelizumab.drug.drug_class == "anti_cd20"
    assert ocrelizumab.start == interferon.stop + timedelta(days=1)
    assert 2 * 365 <= (patient.local_today() - ocrelizumab.start).days < 2 * 365 + 30

    report = services.adherence_report(patient)
    year = report.overall_for(365).doses.percent
    assert 75 < year < 95  # imperfect, as real patients are
    infusions = {row.state for row in next(r for r in report.courses if r.clinic).infusions}
    assert {"given", "given_late", "upcoming"} <= infusions
