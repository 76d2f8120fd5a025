"""The clinician's panel: one row per patient who shares, with flags, from stored summaries.

One query whatever the number of patients or the length of their history: active
shares joined to the patient and their summary row; flags come from
``care.flags.flags`` over the stored facts (never the dashboard per patient).
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from journal.progression_definitions import DEFINITIONS, STANDARD

from .access import display_name
from .flags import Flag, flags
from .models import Share

SORTS = ("flags", "name", "last_viewed")


@dataclass
class PanelRow:
    share: Share
    flags: list[Flag]

    @property
    def patient(self):
        return self.share.patient

    @property
    def name(self):
        return display_name(self.share.patient)

    @property
    def last_viewed_at(self) -> datetime | None:
        return self.share.last_viewed_at

    @property
    def summary(self):
        return getattr(self.share.patient, "care_summary", None)

    @property
    def computed_at(self):
        return self.summary.computed_at if self.summary else None


def row_for(share) -> PanelRow:
    """The panel row of one share, its flags under the clinician's PIRA definition."""
    summary = getattr(share.patient, "care_summary", None)
    raised = []
    if summary is not None:
        prefs = getattr(share.clinician, "clinician_preferences", None)
        definition = DEFINITIONS.get(prefs.progression_definition if prefs else "", STANDARD)
        raised = flags(
            summary.facts,
            share.patient.local_today(),
            share.scopes,
            share.last_viewed_at,
            definition.key,
            "" if definition is STANDARD else definition.name.lower(),
        )
    return PanelRow(share=share, flags=raised)


def panel(clinician, sort="flags", flag=None, now=None) -> list[PanelRow]:
    """The clinician's patients, most flags first by default; ``flag`` keeps those with it."""
    shares = (
        Share.objects.active(now or timezone.now())
        .filter(clinician=clinician)
        .select_related("patient", "patient__care_summary", "clinician__clinician_preferences")
        .order_by("patient_id", "-accepted_at")
    )
    rows, seen = [], set()
    for share in shares:
        if share.patient_id not in seen:  # one share per pair; the newest if ever two
            seen.add(share.patient_id)
            rows.append(row_for(share))
    if flag:
        rows = [row for row in rows if any(f.code == flag for f in row.flags)]
    if sort == "name":
        rows.sort(key=lambda r: r.name.lower())
    elif sort == "last_viewed":
        rows.sort(key=lambda r: (r.last_viewed_at is not None, r.last_viewed_at or 0))
    else:
        rows.sort(key=lambda r: (-len(r.flags), r.name.lower()))
    return rows
