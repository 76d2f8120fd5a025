"""Named definitions of PIRA a neurologist can choose: presets of `ProgressionSettings`.

Published definitions of progression independent of relapse activity differ in a few
rules, and a PIRA count means little unless it says which one it follows. Each preset
here is one named object with its source and the msprog options that reproduce it
(`tests/journal/test_progression_vs_pymsprog.py` checks every preset against
pymsprog on generated histories). The rules themselves stay in
`journal.progression`, one function each.

Patients always see `STANDARD`; a clinician's default comes from their preferences
(`definition_for(reader)`), and the API takes `?definition=`.
"""

from dataclasses import asdict, dataclass

from journal.progression import ProgressionSettings


@dataclass(frozen=True)
class Definition:
    """One preset: its API key, its name on pages, what it changes and its source."""

    key: str
    name: str
    changes: str  # what it does differently from the standard one, in a sentence
    source: str
    settings: ProgressionSettings

    def options(self) -> dict:
        """The settings as plain values (what the API answers with)."""
        return asdict(self.settings)

    def msprog_options(self) -> dict:
        return msprog_options(self.settings)


STANDARD = Definition(
    key="standard",
    name="Standard",
    changes="Harmonised PIRA: no relapse from 90 days before to 30 days after the onset, "
    "nor around a confirmation at least 12 weeks later; the baseline roves to each "
    "confirmed event.",
    source="Müller et al., JAMA Neurology 2023 (harmonised PIRA); Kappos et al., JAMA "
    "Neurology 2020 (roving baseline); msprog's standard options.",
    settings=ProgressionSettings(),
)
REBASELINE = Definition(
    key="rebaseline",
    name="Re-baseline after relapse",
    changes="As standard, but once a relapse is more than 90 days past, the baseline moves "
    "to the first assessment at least 30 days after it, so residual disability a relapse "
    "left behind cannot count towards a later PIRA.",
    source='Müller et al., JAMA Neurology 2023: the reference "should also be reset if a '
    'relapse causes residual disability"; msprog relapse_rebl=True.',
    settings=ProgressionSettings(rebaseline_after_relapse=True),
)
HIGH_SPECIFICITY = Definition(
    key="high_specificity",
    name="High specificity",
    changes="As standard, but PIRA needs no relapse at all from 90 days before the onset to "
    "30 days after the first confirmation; a worsening with a relapse during its "
    "confirmation stays unlabelled.",
    source="The high-specificity reading of Müller et al. 2023, as in Bsteh et al., MSARD "
    '2025 ("PIRA with relapse during confirmation" is not PIRA); msprog relapse_indep '
    '{"event": (90, None), "conf": (None, 30)}.',
    settings=ProgressionSettings(pira_relapse_free_span=True),
)
CONFIRMED_24_WEEKS = Definition(
    key="standard_24w",
    name="24-week confirmation",
    changes="As standard, but a change must be confirmed at least 24 weeks later (from "
    "day 161) instead of 12.",
    source="Kappos et al., JAMA Neurology 2020 (24-week confirmed disability worsening); "
    "msprog conf_days=168.",
    settings=ProgressionSettings(confirmation_days=168),
)

DEFINITIONS: dict[str, Definition] = {
    d.key: d for d in (STANDARD, REBASELINE, HIGH_SPECIFICITY, CONFIRMED_24_WEEKS)
}
CHOICES = [(d.key, d.name) for d in DEFINITIONS.values()]


def get(key: str | None) -> Definition:
    """The definition with this key; the standard one for None or ""."""
    return DEFINITIONS[key] if key else STANDARD


def definition_for(reader) -> Definition:
    """The definition a reader sees by default: a clinician's chosen one
    (`care.ClinicianPreferences`), the standard one for everyone else.

    The API (`GET /api/v1/progression/` and the clinician's route) uses it when
    `definition` is absent, and the visit summary names it. One query for a clinician.
    """
    from mstracker.accounts.models import Role
    from mstracker.care.models import ClinicianPreferences

    if reader is None or not reader.is_authenticated or reader.role != Role.CLINICIAN:
        return STANDARD
    key = (
        ClinicianPreferences.objects.filter(clinician=reader)
        .values_list("progression_definition", flat=True)
        .first()
    )
    return DEFINITIONS.get(key, STANDARD)


def msprog_options(settings: ProgressionSettings) -> dict:
    """The options of msprog's `MSprog()` (Montobbio et al.; R `msprog`, Python
    `pymsprog`) that give the same events as our engine with `settings`, for anyone
    reproducing a figure. pymsprog itself is never imported by the app."""
    if settings.pira_relapse_free_span:
        event = (settings.pira_event_before_days, None)
        conf = (None, settings.pira_confirmation_after_days)
    else:
        event = (settings.pira_event_before_days, settings.pira_event_after_days)
        conf = (settings.pira_confirmation_before_days, settings.pira_confirmation_after_days)
    return {
        "event": "multiple",
        "baseline": "roving",
        "proceed_from": "firstconf",
        "sub_threshold_rebl": "none",
        "relapse_rebl": settings.rebaseline_after_relapse,
        "skip_local_extrema": "none",
        "RAW_PIRA": True,
        "conf_days": settings.confirmation_days,
        "conf_tol_days": [
            settings.confirmation_tolerance_before_days,
            settings.confirmation_tolerance_after_days,
        ],
        "require_sust_days": 0,
        "check_intermediate": True,
        "relapse_to_bl": settings.relapse_to_baseline_days,
        "relapse_to_event": 0,
        "relapse_to_conf": settings.relapse_to_confirmation_days,
        "relapse_assoc": settings.relapse_associated_days,
        "relapse_indep": {"prec": (0, 0), "event": event, "conf": conf},
        "impute_last_visit": 0,
    }
