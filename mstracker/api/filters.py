"""Date-range filtering shared by every list endpoint: ``?date_from=&date_to=``."""

import django_filters


class DateRangeFilterSet(django_filters.FilterSet):
    """Inclusive range on the model's ``date`` field; subclasses may point it
    elsewhere by redeclaring both filters with another ``field_name``."""

    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")
