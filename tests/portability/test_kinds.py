"""The export's field lists cover every model field, and every model of the patient."""

from django.apps import apps
from django.contrib.auth import get_user_model

from mstracker.portability.kinds import KINDS, NOT_EXPORTED
from tests.portability.test_account_deletion import paths_to_user


def test_every_field_of_every_exported_model_is_exported_or_excluded_with_a_reason():
    forgotten = {
        kind.name: sorted({f.name for f in kind.model._meta.concrete_fields} - kind.covered())
        for kind in KINDS
    }
    assert {name: fields for name, fields in forgotten.items() if fields} == {}


def test_every_model_with_a_path_to_the_patient_is_exported_or_listed_as_not():
    exported = {kind.model._meta.label for kind in KINDS}
    models = {model._meta.label for model in paths_to_user()}
    assert models - exported - set(NOT_EXPORTED) == set()
    assert get_user_model()._meta.label in exported


def test_the_not_exported_list_names_real_models():
    labels = {m._meta.label for m in apps.get_models(include_auto_created=True)}
    assert set(NOT_EXPORTED) <= labels
