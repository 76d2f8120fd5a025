"""Checks against a running `make run`: demo login in the browser flow, the demo
patient's progression dashboard (gzipped, then from the cache), a task on the worker."""

import gzip
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
    return opener


def dashboard_shows_raw_and_pira(opener):
    """As a browser asks for it: gzip accepted; the second visit comes from the cache."""
    for visit in ("first", "repeat"):
        request = urllib.request.Request(
            f"{BASE}/journal/progression/", headers={"Accept-Encoding": "gzip"}
        )
        with opener.open(request) as response:
            if response.headers.get("Content-Encoding") != "gzip":
                sys.exit(f"smoke: the dashboard ({visit} visit) was not gzipped")
            html = gzip.decompress(response.read()).decode()
        words = " ".join(re.sub(r"<[^>]+>", " ", html).split())
        for expected in (
            "1 lasting worsening after a relapse (RAW) and 1 lasting",
            "This is not a diagnosis",
        ):
            if expected not in words:
                sys.exit(f"smoke: the dashboard ({visit} visit) does not say {expected!r}")
    print("smoke: the demo dashboard shows the RAW step and the PIRA rise, twice")


def task_runs_on_the_worker():
    django.setup()
    from mstracker.tasks import ping

    if ping.delay().get(timeout=90) != "pong":
        sys.exit("smoke: the worker gave a wrong answer")
    print("smoke: the worker answered a task over the filesystem broker")


dashboard_shows_raw_and_pira(login_as_demo_patient())
task_runs_on_the_worker()
