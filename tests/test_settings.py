"""Settings come from the environment and refuse to start production half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "x7!kq2-production-like-secret-key-that-is-long-enough-0123456789",
    "ALLOWED_HOSTS": "mstracker.example.org",
    "DATABASE_URL": "sqlite:////tmp/mstracker-deploy-check.sqlite3",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
}
OURS = {
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "DATABASE_URL",
    "CELERY_BROKER_URL",
    "CELERY_RESULT_BACKEND",
    "CACHE_URL",
    "EMAIL_URL",
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "REMINDERS_KEEP_DAYS",
}


def run(code_or_args, **env):
    base = {k: v for k, v in os.environ.items() if k not in OURS}
    args = code_or_args if isinstance(code_or_args, list) else ["-c", code_or_args]
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


SETUP = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='mstracker.settings'; django.setup()"
)


def test_production_settings_load():
    result = run(SETUP + "; from django.conf import settings; print(settings.DEBUG)", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run(SETUP, **env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_short_secret_key():
    result = run(SETUP, **{**PRODUCTION, "SECRET_KEY": "short"})
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_to_start_without_allowed_hosts():
    env = {k: v for k, v in PRODUCTION.items() if k != "ALLOWED_HOSTS"}
    result = run(SETUP, **env)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DEBUG", "maybe"),
        ("DATABASE_URL", "postgress://oops"),
        ("CACHE_URL", "memcachd://nowhere"),
        ("CONN_MAX_AGE", "forever"),
        ("REMINDERS_KEEP_DAYS", "ninety"),
        ("REMINDERS_KEEP_DAYS", "0"),
    ],
)
def test_a_malformed_variable_is_named(name, value):
    result = run(SETUP, **{**PRODUCTION, name: value})
    assert result.returncode != 0
    assert name in result.stderr.splitlines()[-1]


def test_development_defaults_need_no_server():
    result = run(
        SETUP
        + "; from django.conf import settings as s;"
        + " print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND)",
        DEBUG="1",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "filesystem://",
        "django.core.mail.backends.console.EmailBackend",
    ]


def test_check_deploy_reports_no_warnings():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
