"""docker-compose.yml describes the production stack the README promises."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent


def load():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_the_stack_has_its_five_services():
    assert set(load()["services"]) == {"db", "redis", "web", "worker", "beat"}


def test_web_migrates_then_serves_with_gunicorn():
    command = load()["services"]["web"]["command"]
    assert command.index("migrate --noinput") < command.index("gunicorn mstracker.wsgi")


def test_worker_and_beat_are_separate_celery_processes():
    services = load()["services"]
    assert services["worker"]["command"].startswith("celery -A mstracker worker")
    assert services["beat"]["command"].startswith("celery -A mstracker beat")
    assert services["beat"]["deploy"]["replicas"] == 1


def test_app_services_share_one_image_configured_only_by_environment():
    services = load()["services"]
    for name in ("web", "worker", "beat"):
        env = services[name]["environment"]
        assert services[name]["build"] == "."
        assert env["DEBUG"] == "0"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["CELERY_BROKER_URL"].startswith("redis://redis:6379")
        assert "SECRET_KEY" in env
        assert services[name]["depends_on"]["db"]["condition"] == "service_healthy"


def test_the_dockerfile_builds_what_compose_runs():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "pip install -r requirements.txt" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    assert "USER mstracker" in dockerfile


def test_redis_lets_the_cache_give_way_but_never_the_queues():
    command = load()["services"]["redis"]["command"]
    policy = command[command.index("--maxmemory-policy") + 1]
    assert policy == "volatile-lru"  # only keys with an expiry: the cache's, not the broker's
    assert "--maxmemory" in command


@pytest.mark.django_db
def test_the_web_healthcheck_passes_against_the_site(live_server, settings):
    """The probe compose runs, against a live server that, as in production, answers
    only to the site's own host name."""
    settings.ALLOWED_HOSTS = ["mstracker.example.org"]
    [cmd, python, flag, code] = load()["services"]["web"]["healthcheck"]["test"]
    assert (cmd, python, flag) == ("CMD", "python", "-c")
    code = code.replace("http://127.0.0.1:8000", live_server.url)
    probe = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "ALLOWED_HOSTS": "mstracker.example.org"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert probe.returncode == 0, probe.stderr
