"""View mixins for the pages about a patient's record: every one goes through the
access gate (``mstracker.care.access``), which hands the view ``self.subject``."""

from mstracker.care.access import SubjectMixin


class PatientRequiredMixin(SubjectMixin):
    """A page about the subject's record. On a patient's own pages the subject is the
    patient; anonymous visitors go to the login page, and a clinician (who has no
    record of their own) gets a 403: they see patients' records through shares."""


class OwnedObjectMixin(PatientRequiredMixin):
    """Generic views over the subject's rows: someone else's id is a 404."""

    owner_field = "user"

    def get_queryset(self):
        return super().get_queryset().filter(**{self.owner_field: self.subject})
