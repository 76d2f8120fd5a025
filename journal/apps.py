from django.apps import AppConfig


class JournalConfig(AppConfig):
    """What a patient records about their body and life, and the progression analysis."""

    name = "journal"

    def ready(self):
        from mstracker.accounts import records_version

        from . import models

        # Every record the dashboard reads; symptom scores are written with their
        # check-in (`CheckIn.objects.record`), in its transaction.
        records_version.track(
            models.CheckIn,
            models.Relapse,
            models.Measure,
            models.QuestionnaireResponse,
            models.ExerciseSession,
            models.VitaminDDose,
            models.VitaminDLevel,
            models.SmokingRecord,
            models.MriReport,
            models.LabResult,
            models.JournalSettings,
            models.SelfTestRun,
        )
        records_version.track(models.Symptom, owner="owner_id")
