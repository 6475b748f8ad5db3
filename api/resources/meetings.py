"""Partners' API for meetings, participations and statements: filters and viewsets (shapes: meetings.public)."""

import django_filters

from api.filters import JurisdictionFilter, RecordFilter, RecordFilterSet, date_from, date_to
from api.viewsets import RecordViewSet
from api.writes import WritableMixin
from meetings.models import (
    Capacity,
    Meeting,
    MeetingKind,
    Participation,
    Rendering,
    SpeechAct,
    Statement,
)
from meetings.public import (
    MEETINGS,
    PARTICIPATIONS,
    STATEMENTS,
    MeetingSerializer,
    ParticipationSerializer,
    StatementSerializer,
)

TIMESTAMPS = {"updated": "updated_at", "created": "created_at", "published": "published_at"}


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

    resource = MEETINGS
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

    resource = PARTICIPATIONS
    serializer_class = ParticipationSerializer
    filterset_class = ParticipationFilter
    ordering_fields = TIMESTAMPS
    write_fields = ("slug", "person", "meeting", "capacity", "post", "delegation")


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

    resource = STATEMENTS
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
