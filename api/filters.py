"""Filters every list shares: related records by UUID or slug, partial-date ranges, search, `updated_since`."""

import copy
import datetime
import uuid

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field

from editorial.dates import PartialDate
from editorial.models import EditorialStatus
from editorial.search import search


class PartialDateFormField(forms.CharField):
    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        try:
            return PartialDate.parse(value)
        except ValueError as error:
            # The reason quotes the value: as a parameter, since django-filter formats the message with `%`.
            raise forms.ValidationError("%(reason)s", code="invalid", params={"reason": str(error)}) from None


@extend_schema_field({"type": "string", "pattern": r"^\d{4}(-\d{2}(-\d{2})?)?$"})
class PartialDateFilter(django_filters.Filter):
    """`<date>_from=2024` (on or after the start of 2024), `<date>_to=2024-10` (up to 31 October 2024)."""

    field_class = PartialDateFormField

    def __init__(self, *args, bound: str, **kwargs):
        self.bound = bound
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value is None:
            return qs
        if self.bound == "from":
            return qs.filter(**{f"{self.field_name}__gte": value.date})
        return qs.filter(**{f"{self.field_name}__lte": value.last_day})


class UTCDateTimeFormField(IsoDateTimeField):
    """An ISO 8601 time, brought to UTC: offsets beyond what the database takes (+17:01) are still valid times."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(datetime.UTC) if timezone.is_aware(moment) else moment
        except OverflowError:
            raise forms.ValidationError("This time is out of range.") from None


class UTCDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCDateTimeFormField


def date_from(field_name: str, label: str) -> PartialDateFilter:
    """`<field>_from`: on or after a date written YYYY, YYYY-MM or YYYY-MM-DD."""
    return PartialDateFilter(
        field_name=field_name, bound="from", help_text=f"{label} on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    )


def date_to(field_name: str, label: str) -> PartialDateFilter:
    """`<field>_to`: on or before the end of a date written YYYY, YYYY-MM or YYYY-MM-DD."""
    return PartialDateFilter(
        field_name=field_name, bound="to", help_text=f"{label} on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."
    )


def is_uuid(value: str) -> bool:
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


class RecordFilter(django_filters.CharFilter):
    """A related published record, named by its UUID or its slug."""

    def __init__(self, *args, curated: bool = True, **kwargs):
        self.curated = curated
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        key = "uuid" if is_uuid(value) else "slug"
        lookups = {f"{self.field_name}__{key}": value}
        if self.curated:
            # Naming an unpublished record matches nothing, as if it did not exist.
            lookups[f"{self.field_name}__editorial_status"] = EditorialStatus.PUBLISHED
        return qs.filter(**lookups)


class JurisdictionFilter(django_filters.CharFilter):
    """A jurisdiction by its ISO code (HK, KR) or its slug."""

    def filter(self, qs, value):
        if not value:
            return qs
        return qs.filter(Q(**{f"{self.field_name}__code__iexact": value}) | Q(**{f"{self.field_name}__slug": value}))


def related_exists(model, link: str, record_field: str, value: str, **extra) -> Exists:
    """Whether a published `model` row links the outer record (`link`) to the record named by `value`."""
    key = "uuid" if is_uuid(value) else "slug"
    return Exists(
        model.objects.published().filter(
            **{link: OuterRef("pk"), f"{record_field}__{key}": value, f"{record_field}__editorial_status": "published"},
            **extra,
        )
    )


class RecordFilterSet(django_filters.FilterSet):
    """What every list filters by; subclasses add their fields."""

    updated_since = UTCDateTimeFilter(
        field_name="updated_at",
        lookup_expr="gte",
        help_text="Records changed at or after this time (ISO 8601, e.g. 2025-10-22T00:00:00Z).",
    )
    search = django_filters.CharFilter(method="filter_search")  # described by get_filters, with its fields

    # Where the model keeps no search vector of its own (editorial.search): the fields searched.
    search_fields: tuple[str, ...] | None = None

    @classmethod
    def get_filters(cls):
        filters = super().get_filters()
        if "search" in filters and cls._meta.model is not None:  # not on this abstract base
            fields = cls.search_fields or cls._meta.model.search_fields
            filters["search"] = copy.deepcopy(filters["search"])  # the declared one is every subclass's
            filters["search"].extra["help_text"] = (
                f"Full-text search in {', '.join(fields)}, as the website's search box: words (English stems; "
                'common words ignored), "a quoted phrase", -word to exclude, or between alternatives; every word '
                "must match. Aliases are not searched."
            )
        return filters

    def filter_search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return search(queryset, value, self.search_fields)


class RecordFilterBackend(DjangoFilterBackend):
    """django-filter's backend, skipped when the request names no filter at all.

    A FilterSet is a form with deep copies of its filters, built per request: on a plain page it
    costs more than reading the page's rows, to filter nothing (every filter ignores an empty value).
    """

    # What lists read of the query string besides filters: the cursor, page size, ordering, expansion, format.
    not_filters = frozenset({"cursor", "page_size", "ordering", "expand", "format"})

    def filter_queryset(self, request, queryset, view):
        if self.not_filters.issuperset(request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)
