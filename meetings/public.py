"""The public shape of meetings, participations and statements: what the API and the website write.

Each kind's serializer is its one declaration: the API serves it (api/resources/meetings.py) and the website
writes its JSON and CSV from it (website/meetings.py), through editorial.public.
"""

from rest_framework import serializers

from editorial.public import Context
from editorial.public.fields import AliasesField, JurisdictionField, PartialDateField, RefField, RowsField
from editorial.public.readers import ref
from editorial.public.resources import Resource, declare
from editorial.public.shapes import CompactRefSerializer
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
from sources.public import CitedRecordSerializer


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


MEETINGS = declare(Resource("meetings", Meeting, label="name", web_path="/meetings/{slug}/"), MeetingSerializer)


class ParticipationSerializer(CitedRecordSerializer):
    person = RefField("people", help_text="Who took part.")
    meeting = RefField("meetings", help_text="Where.")
    capacity = serializers.ChoiceField(choices=Capacity.choices, help_text="Attended, spoke, chaired...")
    post = RefField("posts", allow_null=True, help_text="The post in which the person took part.")
    delegation = JurisdictionField(allow_null=True, help_text="The economy whose delegation the person was in.")


PARTICIPATIONS = declare(Resource("participations", Participation, label="slug"), ParticipationSerializer)


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


STATEMENTS = declare(Resource("statements", Statement, label="summary"), StatementSerializer)
