"""Partners' API for initiatives, their milestones and themes: serializers (the schema), filters, viewsets."""

import django_filters
from django.db.models import Exists, OuterRef
from rest_framework import serializers

from api.filters import JurisdictionFilter, RecordFilter, RecordFilterSet, date_from, date_to, is_uuid
from api.lean.fields import AliasesField, JurisdictionField, PartialDateField, RefField
from api.resources import Resource
from api.serializers import CitedRecordSerializer
from api.viewsets import RecordViewSet
from api.writes import WritableMixin
from initiatives.models import (
    AmountQualifier,
    Initiative,
    InitiativeStatus,
    Instrument,
    Milestone,
    MilestoneKind,
    Theme,
)
from meetings.models import Statement

TIMESTAMPS = {"updated": "updated_at", "created": "created_at", "published": "published_at"}


class ThemeSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The theme, e.g. Innovation and technology.")
    description = serializers.CharField(help_text="What the theme covers; may be empty.")


class ThemeFilter(RecordFilterSet):
    search_fields = ("name",)

    class Meta:
        model = Theme
        fields: list[str] = []


class ThemeViewSet(WritableMixin, RecordViewSet):
    """Themes that group initiatives and statements (our own classification)."""

    resource = Resource("themes", Theme, label="name")
    serializer_class = ThemeSerializer
    filterset_class = ThemeFilter
    ordering_fields = {"name": "name", **TIMESTAMPS}
    write_fields = ("slug", "name", "description")


class InitiativeSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The initiative's name.")
    aliases = AliasesField(help_text="Other names, acronyms and names in other scripts.")
    summary = serializers.CharField(help_text="What it is, in a few sentences; may be empty.")
    status = serializers.ChoiceField(
        choices=InitiativeStatus.choices, help_text="Where it stands in the world (not its editorial state)."
    )
    instrument = serializers.ChoiceField(
        choices=Instrument.choices, allow_blank=True, help_text="The kind of policy instrument; empty when unknown."
    )
    jurisdiction = JurisdictionField(allow_null=True, help_text="The government whose initiative it is.")
    responsible_organization = RefField(
        "organizations", allow_null=True, help_text="The body that runs it; null when the sources do not say."
    )
    lead_officials = RefField("people", many=True, help_text="The officials who lead it.")
    themes = RefField("themes", many=True, help_text="Themes it belongs to.")
    # DRF's metaclass takes declared fields off the class: this one does not clash with Field.parent.
    parent = RefField(  # type: ignore[assignment]
        "initiatives", allow_null=True, help_text="The larger initiative it is part of."
    )
    related = RefField("initiatives", many=True, help_text="Initiatives that work together with it.")
    announced_date = PartialDateField(allow_null=True, help_text="When it was announced.")
    start_date = PartialDateField(allow_null=True, help_text="When it was established or launched.")
    end_date = PartialDateField(allow_null=True, help_text="When it ended; null while it runs.")
    budget_amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="Its budget, as a decimal string; null if unknown."
    )
    budget_currency = serializers.CharField(help_text="ISO 4217 code of the budget, e.g. HKD; empty without one.")
    budget_qualifier = serializers.ChoiceField(
        choices=AmountQualifier.choices, allow_blank=True, help_text="How exactly the source states the budget."
    )
    budget_as_of = PartialDateField(allow_null=True, help_text="The date the budget figure refers to.")


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

    resource = Resource("initiatives", Initiative, label="name", web_path="/initiatives/{slug}/")
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


class MilestoneSerializer(CitedRecordSerializer):
    initiative = RefField("initiatives", help_text="The initiative whose timeline it is on.")
    kind = serializers.ChoiceField(choices=MilestoneKind.choices, help_text="What happened.")
    date = PartialDateField(help_text="When it happened.")
    description = serializers.CharField(help_text="What happened, in words; may be empty.")
    amount = serializers.DecimalField(
        max_digits=20, decimal_places=2, allow_null=True, help_text="For funding milestones: the amount."
    )
    currency = serializers.CharField(help_text="ISO 4217 code of the amount; empty without one.")


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

    resource = Resource("milestones", Milestone, label="description")
    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    ordering_fields = {"date": "date", **TIMESTAMPS}
    write_fields = ("slug", "initiative", "kind", "date", "description", "amount", "currency")
