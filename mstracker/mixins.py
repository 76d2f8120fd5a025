"""View mixins that scope every browser page to the requesting patient."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

from mstracker.accounts.models import Role


class PatientRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Logged in as a patient; anonymous visitors go to the login page,
    clinicians get a 403 (they see patients' records through shares)."""

    def test_func(self):
        return self.request.user.role == Role.PATIENT


class OwnedObjectMixin(PatientRequiredMixin):
    """Generic views over the patient's own rows: someone else's id is a 404."""

    owner_field = "user"

    def get_queryset(self):
        return super().get_queryset().filter(**{self.owner_field: self.request.user})
