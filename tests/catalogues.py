"""Put back the catalogues that data migrations seed, after a flush wiped them.

pytest-django runs transactional tests (browser, Celery worker, concurrency)
after the others and empties every table after each one, including the
symptom and drug catalogues the data migrations made. Re-seeding with the
migrations' own functions keeps one definition of each catalogue.
"""

from importlib import import_module

from django.apps import apps

SEEDS = (
    ("journal", "Symptom", "journal.migrations.0002_symptom_catalogue"),
    ("therapies", "Drug", "therapies.migrations.0002_seed_catalogue"),
)


def ensure_catalogues():
    for app_label, model_name, migration in SEEDS:
        model = apps.get_model(app_label, model_name)
        if not model.objects.filter(owner=None).exists():
            import_module(migration).seed(apps, None)
