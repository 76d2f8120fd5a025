from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils import timezone

from .models import Role, User


class ClinicianVerificationFilter(admin.SimpleListFilter):
    """Clinician accounts are self-declared (issue 20): staff find the unverified ones
    that patients already share with, to check them first."""

    title = "clinician verification"
    parameter_name = "verification"

    def lookups(self, request, model_admin):
        return [
            ("unverified_sharing", "Unverified, holding active shares"),
            ("unverified", "Unverified"),
            ("verified", "Verified"),
        ]

    def queryset(self, request, queryset):
        from mstracker.care.models import Share

        clinicians = queryset.filter(role=Role.CLINICIAN)
        if self.value() == "verified":
            return clinicians.filter(clinician_verification__isnull=False)
        if self.value() == "unverified":
            return clinicians.filter(clinician_verification__isnull=True)
        if self.value() == "unverified_sharing":
            sharing = Share.objects.active(timezone.now()).values("clinician_id")
            return clinicians.filter(clinician_verification__isnull=True, pk__in=sharing)
        return queryset


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "email", "role", "time_zone", "ms_course", "is_staff")
    list_filter = ("role", ClinicianVerificationFilter, "ms_course", "is_staff", "is_active")
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        ("Profile", {"fields": ("role", "time_zone", "ms_course", "diagnosis_year")}),
    )
    add_fieldsets = (
        *DjangoUserAdmin.add_fieldsets,
        ("Profile", {"fields": ("email", "role", "time_zone")}),
    )
