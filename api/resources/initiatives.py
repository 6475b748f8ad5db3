"""Partners' API for initiatives, their milestones and themes: filters and viewsets (shapes: initiatives.public)."""

import django_filters
from django.db.models import Exists, OuterRef

from api.filters import JurisdictionFilter, RecordFilter, RecordFilterSet, date_from, date_to, is_uuid
from api.viewsets import RecordViewSet
from api.writes import WritableMixin
from initiatives.models import (
    Initiative,
    InitiativeStatus,
    Instrument,
    Milestone,
    MilestoneKind,
    Theme,
)
from initiatives.public import (
    INITIATIVES,
    MILESTONES,
    THEMES,
    InitiativeSerializer,
    MilestoneSerializer,
    ThemeSerializer,
)
from meetings.models import Statement

TIMESTAMPS = {"updated": "updated_at", "created": "created_at", "published": "published_at"}


class ThemeFilter(RecordFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Theme
        fields: list[str] = []


class ThemeViewSet(WritableMixin, RecordViewSet):
    """Themes that group initiatives and statements (our own classification)."""

    resource = THEMES
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering_fields = {"name": "name", **TIMESTAMPS}
    write_fields = ("slug", "name", "description")


class InitiativeFilter(RecordFilterSet):
    status = django_filters.ChoiceFilter(choices=InitiativeStatus.choices, help_text="Where it stands in the world.")
    instrument = django_filters.ChoiceFilter(choices=Instrument.choices, help_text="The kind of policy instrument.")
    jurisdiction = JurisdictionFilter(field_name="jurisdiction", help_text="Jurisdiction by ISO code (HK) or slug.")
    organization = RecordFilter(
        field_name="responsible_organization", help_text="Responsible organization, by UUID or slug."
    )
    theme = RecordFilter(field_name="themes", help_text="A theme it belongs to, by UUID or slug.")
    person = RecordFilter(field_name="lead_officials", help_text="An official who leads it, by UUID or slug.")
    parent = RecordFilter(field_name="parent", help_text="The larger initiative, by UUID or slug.")
    meeting = django_filters.CharFilter(
        method="filter_meeting", help_text="Spoken about at this meeting (UUID or slug), in a published statement."
    )
    announced_date_from = date_from("announced_date", "Announced")
    announced_date_to = date_to("announced_date", "Announced")
    start_date_from = date_from("start_date", "Started")
    start_date_to = date_to("start_date", "Started")
    end_date_from = date_from("end_date", "Ended")
    end_date_to = date_to("end_date", "Ended")

    class Meta:
        model = Initiative
        fields: list[str] = []

    def filter_meeting(self, queryset, name, value):
        key = "uuid" if is_uuid(value) else "slug"
        statements = Statement.objects.published().filter(
            initiatives=OuterRef("pk"), **{f"meeting__{key}": value, "meeting__editorial_status": "published"}
        )
        return queryset.filter(Exists(statements))


class InitiativeViewSet(WritableMixin, RecordViewSet):
    """What governments set up: status, jurisdiction, responsible body, officials, budget, dates, themes."""

    resource = INITIATIVES
    serializer_class = InitiativeSerializer
    filterset_class = InitiativeFilter
    ordering_fields = {
        "name": "name",
        **TIMESTAMPS,
        "announced_date": "announced_date",
        "start_date": "start_date",
        "end_date": "end_date",
    }
    write_fields = (
        "slug",
        "name",
        "summary",
        "status",
        "instrument",
        "jurisdiction",
        "responsible_organization",
        "lead_officials",
        "themes",
        "parent",
        "related",
        "announced_date",
        "start_date",
        "end_date",
        "budget_amount",
        "budget_currency",
        "budget_qualifier",
        "budget_as_of",
    )


class MilestoneFilter(RecordFilterSet):
    initiative = RecordFilter(field_name="initiative", help_text="The initiative, by UUID or slug.")
    kind = django_filters.ChoiceFilter(choices=MilestoneKind.choices, help_text="What happened.")
    date_from = date_from("date", "Happened")
    date_to = date_to("date", "Happened")

    search_fields = ("description",)

    class Meta:
        model = Milestone
        fields: list[str] = []


class MilestoneViewSet(WritableMixin, RecordViewSet):
    """Dated entries on initiatives' timelines."""

    resource = MILESTONES
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering_fields = {"date": "date", **TIMESTAMPS}
    write_fields = ("slug", "initiative", "kind", "date", "description", "amount", "currency")
