"""WSGI entry point (gunicorn mstracker.wsgi)."""

import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")

application = get_wsgi_application()

# The 400,000 objects of Django, DRF and the apps, loaded once, never become garbage:
# moved out of the collector's reach, they are not scanned on every full collection
# (a pause of a few milliseconds inside some request; issue 15). Objects made later
# are collected as usual.
gc.collect()
gc.freeze()
