"""The drug catalogue: MS disease-modifying therapies, symptomatic and investigational drugs.

Rows without an owner are the shared catalogue, seeded by a data migration
and edited by staff in the admin. A patient may add their own drug (owner set)
with its own schedule; only they see it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.text import slugify

from mstracker.versioning import VersionField
from therapies.schedules import Schedule

from .validators import parse_schedule, validate_brand_names, validate_schedule


class Category(models.TextChoices):
    DMT = "dmt", "Disease-modifying therapy"
    SYMPTOMATIC = "symptomatic", "Symptomatic treatment"
    INVESTIGATIONAL = "investigational", "Investigational (trials)"


class DrugClass(models.TextChoices):
    INTERFERON = "interferon", "Interferon beta"
    GLATIRAMER = "glatiramer", "Glatiramer acetate"
    S1P_MODULATOR = "s1p_modulator", "S1P receptor modulator"
    FUMARATE = "fumarate", "Fumarate"
    PYRIMIDINE_SYNTHESIS_INHIBITOR = (
        "pyrimidine_synthesis_inhibitor",
        "Pyrimidine synthesis inhibitor",
    )
    PURINE_ANALOGUE = "purine_analogue", "Purine analogue"
    ANTI_CD20 = "anti_cd20", "Anti-CD20 antibody"
    ANTI_ALPHA4_INTEGRIN = "anti_alpha4_integrin", "Anti-alpha4 integrin antibody"
    ANTI_CD52 = "anti_cd52", "Anti-CD52 antibody"
    ANTHRACENEDIONE = "anthracenedione", "Anthracenedione"
    POTASSIUM_CHANNEL_BLOCKER = "potassium_channel_blocker", "Potassium channel blocker"
    MUSCLE_RELAXANT = "muscle_relaxant", "Muscle relaxant (spasticity)"
    WAKEFULNESS = "wakefulness", "Wakefulness-promoting (fatigue)"
    SODIUM_CHANNEL_BLOCKER = "sodium_channel_blocker", "Sodium channel blocker"
    VITAMIN = "vitamin", "Vitamin (high dose)"
    ANTIOXIDANT = "antioxidant", "Antioxidant"
    ANTIHISTAMINE = "antihistamine", "Antihistamine (remyelination)"
    ANTI_LINGO1 = "anti_lingo1", "Anti-LINGO-1 antibody"
    OTHER = "other", "Other"


class Route(models.TextChoices):
    ORAL = "oral", "Oral"
    SUBCUTANEOUS = "subcutaneous", "Subcutaneous injection"
    INTRAMUSCULAR = "intramuscular", "Intramuscular injection"
    INTRAVENOUS = "intravenous", "Intravenous infusion"


class DrugQuerySet(models.QuerySet):
    def available_to(self, user):
        """The shared catalogue plus the user's own custom drugs."""
        return self.filter(Q(owner__isnull=True) | Q(owner=user))

    def search(self, text):
        """Match generic name, brand names, code or class, ignoring case."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            Q(name__icontains=text)
            | Q(brand_names__icontains=text)
            | Q(code__icontains=text)
            | Q(drug_class__icontains=text.replace(" ", "_").replace("-", "_"))
        )


class Drug(models.Model):
    code = models.SlugField(max_length=64, help_text="Stable identifier, e.g. ocrelizumab-iv.")
    name = models.CharField("generic name", max_length=120)
    brand_names = models.JSONField(default=list, blank=True, validators=[validate_brand_names])
    drug_class = models.CharField(max_length=40, choices=DrugClass.choices)
    route = models.CharField(max_length=20, choices=Route.choices)
    category = models.CharField(max_length=20, choices=Category.choices, default=Category.DMT)
    schedule = models.JSONField(
        validators=[validate_schedule],
        help_text='Maintenance schedule, e.g. {"kind": "daily", "times": ["08:00", "20:00"]}.',
    )
    usual_dose = models.DecimalField(max_digits=10, decimal_places=3, null=True, blank=True)
    dose_unit = models.CharField(max_length=16, blank=True)
    clinic_administered = models.BooleanField(
        default=False, help_text="Given by a clinic (infusions), not taken by the patient."
    )
    notes = models.TextField(blank=True, help_text="Dosing notes, limits, off-label use.")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="custom_drugs",
        help_text="Empty for the shared catalogue; set for a patient's own drug.",
    )
    version = VersionField()

    objects = DrugQuerySet.as_manager()

    class Meta:
        ordering = ["category", "name", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(owner__isnull=True),
                name="therapies_catalogue_code_unique",
                violation_error_message="A catalogue drug with this code exists.",
            ),
            models.UniqueConstraint(
                fields=["owner", "code"],
                condition=Q(owner__isnull=False),
                name="therapies_custom_code_unique_per_owner",
                violation_error_message="You already have a drug with this code.",
            ),
        ]

    def __str__(self):
        if self.brand_names:
            return f"{self.name} ({', '.join(self.brand_names)})"
        return self.name

    def save(self, *args, **kwargs):
        if not self.code:
            self.code = self.make_code()
        super().save(*args, **kwargs)

    def make_code(self):
        """Custom drugs get ``custom-<name>``, made unique among the owner's drugs."""
        base = slugify(self.name)[:50] or "drug"
        if self.owner_id is None:
            return base
        code, n = f"custom-{base}", 2
        while Drug.objects.filter(owner_id=self.owner_id, code=code).exclude(pk=self.pk).exists():
            code, n = f"custom-{base}-{n}", n + 1
        return code

    @property
    def is_custom(self):
        return self.owner_id is not None

    @property
    def parsed_schedule(self) -> Schedule:
        return parse_schedule(self.schedule)
