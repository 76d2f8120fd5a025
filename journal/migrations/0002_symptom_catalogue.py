"""Seed the MS symptom catalogue (shared rows: no owner)."""

from django.db import migrations

# A copy of journal/catalogue.py as it was, so this migration never changes.
SYMPTOMS = (
    ("fatigue", "Fatigue", "No tiredness", "Exhausted, cannot do anything"),
    ("walking", "Walking / mobility", "Walking as usual", "Cannot walk at all"),
    ("balance", "Balance", "Steady on my feet", "Cannot stand without support"),
    ("numbness", "Numbness / tingling", "No numbness or tingling", "Constant, cannot feel things"),
    ("vision", "Vision", "Seeing as usual", "Cannot see to read or get around"),
    ("pain", "Pain", "No pain", "Worst pain imaginable"),
    ("spasticity", "Spasticity / stiffness", "Muscles relaxed", "Stiff or in spasm all the time"),
    ("bladder_bowel", "Bladder / bowel", "No problems", "Constant urgency or accidents"),
    ("cognition", "Thinking (brain fog)", "Thinking clearly", "Cannot concentrate or remember"),
    ("mood", "Low mood", "Mood as usual", "Very low, hopeless"),
    ("heat", "Heat sensitivity", "Heat does not bother me", "Heat makes everything much worse"),
    ("sleep", "Sleep problems", "Slept well", "Hardly slept at all"),
)


def seed(apps, schema_editor):
    Symptom = apps.get_model("journal", "Symptom")
    for position, (code, name, low, high) in enumerate(SYMPTOMS, start=1):
        Symptom.objects.update_or_create(
            code=code,
            owner=None,
            defaults={"name": name, "anchor_low": low, "anchor_high": high, "position": position},
        )


def unseed(apps, schema_editor):
    Symptom = apps.get_model("journal", "Symptom")
    Symptom.objects.filter(owner=None, code__in=[s[0] for s in SYMPTOMS]).delete()


class Migration(migrations.Migration):
    dependencies = [("journal", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
