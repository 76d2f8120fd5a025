from django.apps import AppConfig


class JournalConfig(AppConfig):
    """What a patient records about their body and life, and the progression analysis."""

    name = "journal"

    def ready(self):
        from django.db.models.signals import post_delete, pre_delete

        from mstracker.accounts import records_version

        from . import models
        from .models import checkins

        # Every record the dashboard reads; symptom scores are written with their
        # check-in (`CheckIn.objects.record`), in its transaction.
        records_version.track(models.CheckIn, history=False)
        records_version.track(
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
        records_version.track(models.Symptom, owner="owner_id", history=False)
        # A deleted own symptom takes its scores with it: its check-ins are recounted.
        pre_delete.connect(checkins.remember_scored_checkins, sender=models.Symptom)
        post_delete.connect(checkins.recount_scored_checkins, sender=models.Symptom)
