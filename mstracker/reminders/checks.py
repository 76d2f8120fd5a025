"""Start-up checks that say when ``sources.py`` no longer matches the apps it reads.

Silent until the journal or therapies app has models: then a missing model
or field, or therapies present but the dose functions still unwired, is a
warning that names the function to fix, instead of reminders that quietly
never fire.
"""

from django.apps import apps
from django.core import checks

from . import sources


def _has_models(app_label):
    return apps.is_installed(app_label) and bool(list(apps.get_app_config(app_label).get_models()))


@checks.register()
def sources_are_wired(app_configs=None, **kwargs):
    problems = []
    if _has_models("journal"):
        for name, fields in sources.JOURNAL_NEEDS.items():
            if sources.model("journal", name, fields) is None:
                problems.append(
                    checks.Warning(
                        f"journal.{name} with fields {', '.join(fields)} is not there; the "
                        "reminders that read it behave as if nothing was recorded.",
                        hint="Update mstracker/reminders/sources.py to the journal's models.",
                        id="reminders.W001",
                    )
                )
    if _has_models("therapies") and not sources.therapies_wired():
        problems.append(
            checks.Warning(
                "The therapies app has models but the dose functions in "
                "mstracker/reminders/sources.py are still stubs: no dose reminders are sent.",
                hint="Wire due_doses, next_dose_at, dose_logged, log_dose_taken, _doses_taken "
                "and watch_dose_changes, then make therapies_wired() return True.",
                id="reminders.W002",
            )
        )
    return problems
