"""Staff edit the shared drug catalogue here; patients' own records stay out of the admin."""

from django.contrib import admin

from .models import Drug


@admin.register(Drug)
class DrugAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "category", "drug_class", "route", "clinic_administered")
    list_filter = ("category", "drug_class", "route", "clinic_administered")
    search_fields = ("name", "code", "brand_names")
    fields = (
        "code",
        "name",
        "brand_names",
        "category",
        "drug_class",
        "route",
        "schedule",
        "usual_dose",
        "dose_unit",
        "clinic_administered",
        "notes",
    )

    def get_queryset(self, request):
        # Patients' custom drugs are their own records, not the catalogue.
        return super().get_queryset(request).filter(owner__isnull=True)
