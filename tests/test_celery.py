"""The Celery app is configured as Django expects and a real worker runs tasks."""

import pytest
from django.conf import settings

from mstracker.celery import app
from mstracker.tasks import ping


def test_the_app_reads_django_settings():
    assert app.conf.broker_url == settings.CELERY_BROKER_URL
    assert app.conf.task_serializer == "json"
    assert app.conf.accept_content == ["json"]
    assert app.conf.task_time_limit == settings.CELERY_TASK_TIME_LIMIT
    assert app.conf.timezone == "UTC"
    assert "mstracker.ping" in app.tasks


@pytest.mark.celery_worker
def test_a_task_runs_on_a_real_worker(celery_worker):
    result = ping.delay()
    assert result.get(timeout=30) == "pong"
    assert result.successful()
