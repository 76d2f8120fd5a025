from django.contrib import admin

from .models import AccessEvent, ClinicalNote, Invitation, PatientSummary, Share, VerifiedClinician


class InvitationInline(admin.StackedInline):
    model = Invitation
    readonly_fields = ("method", "email", "code_digest", "expires_at", "used_at")
    exclude = ("nonce",)
    can_delete = False
    extra = 0


@admin.register(Share)
class ShareAdmin(admin.ModelAdmin):
    list_display = ("patient", "clinician", "status", "expires_at", "last_viewed_at")
    list_select_related = ("patient", "clinician")
    raw_id_fields = ("patient", "clinician")
    readonly_fields = ("created_at", "accepted_at", "last_viewed_at")
    inlines = [InvitationInline]


@admin.register(AccessEvent)
class AccessEventAdmin(admin.ModelAdmin):
    """Read-only: the access log is evidence; nobody edits or deletes it here."""

    list_display = ("at", "reader_name", "patient", "action", "what", "object_id", "ip")
    list_filter = ("action", "what")
    search_fields = ("reader_name", "patient__username")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ClinicalNote)
class ClinicalNoteAdmin(admin.ModelAdmin):
    list_display = ("created_at", "clinician_name", "patient")
    raw_id_fields = ("patient", "clinician")


@admin.register(VerifiedClinician)
class VerifiedClinicianAdmin(admin.ModelAdmin):
    """Staff mark a clinician verified after checking their identity; shown as a badge."""

    list_display = ("clinician", "verified_by", "verified_at")
    raw_id_fields = ("clinician",)
    readonly_fields = ("verified_by", "verified_at")

    def save_model(self, request, obj, form, change):
        if not change:
            obj.verified_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(PatientSummary)
class PatientSummaryAdmin(admin.ModelAdmin):
    list_display = ("patient", "computed_at")
    readonly_fields = ("patient", "facts", "computed_at")

    def has_add_permission(self, request):
        return False
