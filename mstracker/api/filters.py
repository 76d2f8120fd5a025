"""What every list endpoint's filters share: ``?date_from=&date_to=`` within the
dates of ``mstracker.date_range``, and foreign-key filters scoped to the subject.

A foreign-key filter (``?course=``, ``?drug=``) only offers the subject's own
rows (the patient the access gate resolved: the requester on their own paths, a
sharing patient on a clinician's; for drugs, the shared catalogue and the
subject's own): another patient's id
is "not one of the available choices", exactly as an id that does not exist,
so a filter never confirms that someone else's record is there.
"""

import django_filters

from mstracker.date_fields import FilterDateFilter


def visible_to(queryset, user):
    """The rows of ``queryset`` a user may name: ``available_to(user)`` where the
    queryset defines it (the drug catalogue), else the rows whose ``user`` is them."""
    if user is None or not user.is_authenticated:
        return queryset.none()
    if hasattr(queryset, "available_to"):
        return queryset.available_to(user)
    if any(f.name == "user" for f in queryset.model._meta.get_fields()):
        return queryset.filter(user=user)
    return queryset


class OwnedFilterSet(django_filters.FilterSet):
    """A filterset whose model-choice filters offer only the subject's rows."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = getattr(self.request, "subject", None)  # set by the access gate
        for name, flt in self.filters.items():
            if isinstance(
                flt, django_filters.ModelChoiceFilter | django_filters.ModelMultipleChoiceFilter
            ):
                field = self.form.fields[name]
                field.queryset = visible_to(field.queryset, user)


class DateRangeFilterSet(OwnedFilterSet):
    """Inclusive range on the model's ``date`` field; subclasses may point it
    elsewhere by redeclaring both filters with another ``field_name``."""

    date_from = FilterDateFilter(field_name="date", lookup_expr="gte")
    date_to = FilterDateFilter(field_name="date", lookup_expr="lte")
