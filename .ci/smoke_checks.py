"""Checks against a running `make run`: demo login in the browser flow, a task on the worker."""

import http.cookiejar
import os
import re
import sys
import urllib.parse
import urllib.request

import django

BASE = os.environ["SMOKE_BASE"]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mstracker.settings")
sys.path.insert(0, os.getcwd())


def login_as_demo_patient():
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"{BASE}/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)[1]
    form = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "demo-patient", "password": "ms-tracker-demo"}
    ).encode()
    request = urllib.request.Request(
        f"{BASE}/accounts/login/", data=form, headers={"Referer": f"{BASE}/accounts/login/"}
    )
    home = opener.open(request).read().decode()
    if "demo-patient" not in home or "Log out" not in home:
        sys.exit("smoke: the demo login failed")
    print("smoke: demo patient logged in")


def task_runs_on_the_worker():
    django.setup()
    from mstracker.tasks import ping

    if ping.delay().get(timeout=90) != "pong":
        sys.exit("smoke: the worker gave a wrong answer")
    print("smoke: the worker answered a task over the filesystem broker")


login_as_demo_patient()
task_runs_on_the_worker()
