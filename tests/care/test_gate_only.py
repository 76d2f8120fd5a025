"""Issue 11: no view or viewset decides whose records it reads from ``request.user``.

Every page and API resource about a patient's record gets its subject from the access
gate (``mstracker.care.access``: ``self.subject``, ``self.access.reader``). This walks
the source of the apps that hold records and fails on any ``request.user`` there, so
a new view cannot scope rows to the requester behind the gate's back. The gate itself,
the accounts app (the requester's own account) and the care app's clinician workspace
(the clinician acting as themselves) are the places that read the requester.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORD_APPS = [
    ROOT / "journal",
    ROOT / "therapies",
    ROOT / "mstracker" / "reminders",
    ROOT / "mstracker" / "portability",
    ROOT / "mstracker" / "api",
    ROOT / "mstracker" / "health_links",
    ROOT / "mstracker" / "mixins.py",
]


def sources():
    for place in RECORD_APPS:
        files = [place] if place.is_file() else sorted(place.rglob("*.py"))
        for path in files:
            if "migrations" not in path.parts:
                yield path


def reads_request_user(node):
    """``request.user`` or ``self.request.user``."""
    if not (isinstance(node, ast.Attribute) and node.attr == "user"):
        return False
    owner = node.value
    if isinstance(owner, ast.Name):
        return owner.id == "request"
    return isinstance(owner, ast.Attribute) and owner.attr == "request"


def test_no_record_app_reads_request_user():
    found = []
    for path in sources():
        tree = ast.parse(path.read_text(), filename=str(path))
        for node in ast.walk(tree):
            if reads_request_user(node):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not found, "use self.subject (or self.access.reader) from the gate: " + ", ".join(found)


def test_the_check_finds_what_it_looks_for():
    tree = ast.parse("def get(self, request):\n    a = request.user\n    b = self.request.user\n")
    assert sum(reads_request_user(n) for n in ast.walk(tree)) == 2
