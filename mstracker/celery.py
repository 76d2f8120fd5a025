"""The Celery application, configured from Django settings (``CELERY_*``).

Workers and beat log through Django's ``LOGGING``; payloads are JSON only.
"""

import logging.config
import os

from celery import Celery
from celery.signals import setup_logging

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")

app = Celery("mstracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@setup_logging.connect
def configure_logging(*args, **kwargs):
    """Use Django's LOGGING for the worker and beat instead of Celery's own."""
    from django.conf import settings

    logging.config.dictConfig(settings.LOGGING)


@app.on_after_configure.connect
def make_filesystem_broker_folders(sender, **kwargs):
    """The filesystem transport needs its folders to exist before the first message."""
    options = sender.conf.broker_transport_options or {}
    for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder"):
        if options.get(key):
            os.makedirs(options[key], exist_ok=True)
    backend = sender.conf.result_backend or ""
    if backend.startswith("file://"):
        os.makedirs(backend.removeprefix("file://"), exist_ok=True)
