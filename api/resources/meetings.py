"""Partners' API for meetings, participations and statements: serializers (the schema), filters, viewsets."""

import django_filters
from rest_framework import serializers

from api.filters import JurisdictionFilter, RecordFilter, RecordFilterSet, date_from, date_to
from api.lean import Context
from api.lean.fields import AliasesField, JurisdictionField, PartialDateField, RefField, RowsField
from api.lean.readers import ref
from api.resources import Resource
from api.serializers import CitedRecordSerializer, CompactRefSerializer
from api.viewsets import RecordViewSet
from api.writes import WritableMixin
from initiatives.models import AmountQualifier
from meetings.models import (
    Capacity,
    Meeting,
    MeetingKind,
    Participation,
    Rendering,
    SpeechAct,
    Statement,
    StatementAmount,
)

TIMESTAMPS = {"updated": "updated_at", "created": "created_at", "published": "published_at"}


class MeetingSerializer(CitedRecordSerializer):
    name = serializers.CharField(help_text="The meeting's name.")
    aliases = AliasesField(help_text="Other names and acronyms.")
    kind = serializers.ChoiceField(choices=MeetingKind.choices, help_text="Series, summit, meeting, session...")
    parents = RefField("meetings", many=True, help_text="The events it is part of (a joint session: both).")
    description = serializers.CharField(help_text="What it was; may be empty.")
    start_date = PartialDateField(allow_null=True, help_text="When it started.")
    end_date = PartialDateField(allow_null=True, help_text="When it ended; null for a one-day event.")
    venue = serializers.CharField(help_text="Where it took place; may be empty.")
    locality = serializers.CharField(help_text="City or town, e.g. Incheon; may be empty.")
    country = JurisdictionField(allow_null=True, help_text="The country or economy where it took place.")
    host_economy = JurisdictionField(allow_null=True, help_text="The economy or government hosting it.")
    organizer = RefField("organizations", allow_null=True, help_text="The forum or body convening it.")


class MeetingFilter(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=MeetingKind.choices, help_text="Series, summit, meeting, session...")
    organizer = RecordFilter(field_name="organizer", help_text="The convening body, by UUID or slug.")
    parent = RecordFilter(field_name="parents", help_text="An event it is part of, by UUID or slug.")
    country = JurisdictionFilter(field_name="country", help_text="Where it took place, by ISO code or slug.")
    host_economy = JurisdictionFilter(field_name="host_economy", help_text="The host, by ISO code or slug.")
    start_date_from = date_from("start_date", "Started")
    start_date_to = date_to("start_date", "Started")

    class Meta:
        model = Meeting
        fields: list[str] = []


class MeetingViewSet(WritableMixin, RecordViewSet):
    """Events at every level: a series, a meeting, a session."""

    resource = Resource("meetings", Meeting, label="name", web_path="/meetings/{slug}/")
    serializer_class = MeetingSerializer
    filterset_class = MeetingFilter
    ordering_fields = {"name": "name", "start_date": "start_date", **TIMESTAMPS}
    write_fields = (
        "slug",
        "name",
        "kind",
        "parents",
        "description",
        "start_date",
        "end_date",
        "venue",
        "locality",
        "country",
        "host_economy",
        "organizer",
    )


class ParticipationSerializer(CitedRecordSerializer):
    person = RefField("people", help_text="Who took part.")
    meeting = RefField("meetings", help_text="Where.")
    capacity = serializers.ChoiceField(choices=Capacity.choices, help_text="Attended, spoke, chaired...")
    post = RefField("posts", allow_null=True, help_text="The post in which the person took part.")
    delegation = JurisdictionField(allow_null=True, help_text="The economy whose delegation the person was in.")


class ParticipationFilter(RecordFilterSet):
    person = RecordFilter(field_name="person", help_text="The person, by UUID or slug.")
    meeting = RecordFilter(field_name="meeting", help_text="The meeting, by UUID or slug.")
    post = RecordFilter(field_name="post", help_text="The post, by UUID or slug.")
    capacity = django_filters.ChoiceFilter(choices=Capacity.choices, help_text="Attended, spoke, chaired...")
    delegation = JurisdictionFilter(field_name="delegation", help_text="The delegation, by ISO code or slug.")

    search = None  # links between records: no words of their own to search

    class Meta:
        model = Participation
        fields: list[str] = []


class ParticipationViewSet(WritableMixin, RecordViewSet):
    """Who took part in which meeting, in which capacity."""

    resource = Resource("participations", Participation, label="slug")
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = TIMESTAMPS
    write_fields = ("slug", "person", "meeting", "capacity", "post", "delegation")


class StatementAmountSerializer(serializers.Serializer):
    value = serializers.DecimalField(max_digits=20, decimal_places=2, help_text="The amount, as a decimal string.")
    currency = serializers.CharField(help_text="ISO 4217 code, e.g. HKD.")
    qualifier = serializers.ChoiceField(choices=AmountQualifier.choices, help_text="How exactly it is stated.")
    surface = serializers.CharField(help_text="As written in the source: more than HK$200 billion.")
    purpose = serializers.CharField(help_text="What it is for; may be empty.")
    initiative = CompactRefSerializer(allow_null=True, help_text="The initiative it funds, if published.")


def statement_amounts(pks: list[int], ctx: Context) -> dict[int, list[dict]]:
    """The amounts each statement names, with their published initiatives: one query for the page."""
    rows = (
        StatementAmount.objects.filter(statement_id__in=pks)
        .order_by("statement_id", "pk")
        .values_list(
            "statement_id",
            "value",
            "currency",
            "qualifier",
            "surface",
            "purpose",
            "initiative__uuid",
            "initiative__name",
            "initiative__editorial_status",
        )
    )
    by_statement: dict[int, list[dict]] = {}
    for statement, value, currency, qualifier, surface, purpose, uuid, name, status in rows:
        initiative = ref(ctx, "initiatives", uuid, name) if status == "published" else None
        by_statement.setdefault(statement, []).append(
            {
                "value": str(value),
                "currency": currency,
                "qualifier": qualifier,
                "surface": surface,
                "purpose": purpose,
                "initiative": initiative,
            }
        )
    return by_statement


class StatementSerializer(CitedRecordSerializer):
    speaker = RefField("people", help_text="Who said it.")
    post = RefField("posts", allow_null=True, help_text="The post the speaker spoke in.")
    meeting = RefField("meetings", allow_null=True, help_text="Where; null outside any meeting (an interview).")
    date = PartialDateField(allow_null=True, help_text="When it was said.")
    speech_act = serializers.ChoiceField(choices=SpeechAct.choices, help_text="Said, announced, proposed...")
    rendering = serializers.ChoiceField(
        choices=Rendering.choices, help_text="quoted: the speaker's words; paraphrased: the reporter's account."
    )
    summary = serializers.CharField(help_text="One line for lists and timelines.")
    text = serializers.CharField(help_text="The words as quoted, or the reporter's paraphrase of them.")
    language = serializers.CharField(help_text="BCP 47 tag of the text's language.")
    initiatives = RefField("initiatives", many=True, help_text="The initiatives it is about.")
    themes = RefField("themes", many=True, help_text="Its themes.")
    amounts = RowsField(
        statement_amounts, StatementAmountSerializer(), help_text="Amounts it names, as the source states them."
    )


class StatementFilter(RecordFilterSet):
    speaker = RecordFilter(field_name="speaker", help_text="The speaker, by UUID or slug.")
    person = RecordFilter(field_name="speaker", help_text="Same as speaker.")
    meeting = RecordFilter(field_name="meeting", help_text="The meeting, by UUID or slug.")
    post = RecordFilter(field_name="post", help_text="The speaker's post, by UUID or slug.")
    initiative = RecordFilter(field_name="initiatives", help_text="An initiative it is about, by UUID or slug.")
    theme = RecordFilter(field_name="themes", help_text="A theme, by UUID or slug.")
    speech_act = django_filters.ChoiceFilter(choices=SpeechAct.choices, help_text="Said, announced, proposed...")
    rendering = django_filters.ChoiceFilter(choices=Rendering.choices, help_text="quoted or paraphrased.")
    date_from = date_from("date", "Said")
    date_to = date_to("date", "Said")

    class Meta:
        model = Statement
        fields: list[str] = []


class StatementViewSet(WritableMixin, RecordViewSet):
    """Who said or proposed what, where and when, about which initiatives."""

    resource = Resource("statements", Statement, label="summary")
    serializer_class = StatementSerializer
    filterset_class = StatementFilter
    ordering_fields = {"date": "date", **TIMESTAMPS}
    write_fields = (
        "slug",
        "speaker",
        "post",
        "meeting",
        "date",
        "speech_act",
        "rendering",
        "summary",
        "text",
        "language",
        "initiatives",
        "themes",
    )
