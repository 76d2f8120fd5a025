"""The demo patient's two years of journal: realistic, valid, and made once."""

import io

import pytest
from django.core.management import call_command

from journal.models import CheckIn, Measure, QuestionnaireResponse, Relapse
from mstracker.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_history_tells_the_story_and_is_idempotent():
    call_command("demo", stdout=io.StringIO())
    patient = User.objects.get(username="demo-patient")
    checkins = CheckIn.objects.filter(user=patient).count()
    assert 600 < checkins <= 731
    relapses = list(Relapse.objects.filter(user=patient).order_by("onset"))
    assert len(relapses) == 4
    assert sum(r.possible_pseudo_relapse for r in relapses) == 1
    assert relapses[3].episode_of == relapses[2]
    assert Relapse.objects.filter(user=patient).counted().count() == 2
    edss = list(Measure.objects.filter(user=patient, kind="edss").order_by("date"))
    assert [m.value for m in edss] == [2.0, 3.0, 3.0, 4.0, 4.0]
    assert QuestionnaireResponse.objects.filter(user=patient, kind="phq9").count() >= 8
    for entry in [*relapses, *edss]:
        entry.full_clean()
    call_command("demo", stdout=io.StringIO())
    assert CheckIn.objects.filter(user=patient).count() == checkins
