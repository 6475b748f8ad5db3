"""Where officials spoke: meetings and their sessions, who took part, and what they said."""

from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q

from editorial.derived.keys import Key, StoredKeys, keys_field
from editorial.models import (
    AliasBase,
    DatePrecisionField,
    ends_after_start,
    not_negative,
    refuse_cycle,
)
from editorial.search import search_vector_field
from initiatives.models import AmountQualifier, Initiative, Theme
from people.models import Jurisdiction, Organization, Person, Post
from sources.models import CitedRecord


class MeetingKind(models.TextChoices):
    SERIES = "series", "Series or year of meetings"
    SUMMIT = "summit", "Summit"
    CONFERENCE = "conference", "Conference"
    MEETING = "meeting", "Meeting"
    SESSION = "session", "Session"
    VISIT = "visit", "Official visit"
    PRESS_EVENT = "press_event", "Press conference or briefing"
    OTHER = "other", "Other"


class Meeting(CitedRecord):
    """An event at any level: a series (APEC 2025), a meeting (its Finance Ministers' Meeting) or a session.

    A session can belong to more than one meeting: the joint session of the Finance Ministers'
    Meeting and the Structural Reform Ministerial Meeting is part of both.
    """

    revision_children = ("aliases", "identifiers")

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=20, choices=MeetingKind)
    parents = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="parts", help_text="The events this one is part of."
    )
    description = models.TextField(blank=True)
    start_date = models.DateField(null=True, blank=True)
    start_date_precision = DatePrecisionField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty for a one-day event.")
    end_date_precision = DatePrecisionField(is_end=True)
    venue = models.CharField(max_length=300, blank=True)
    locality = models.CharField(max_length=200, blank=True, help_text="City or town, e.g. Incheon.")
    country = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_held",
        help_text="Where it took place.",
    )
    host_economy = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings_hosted",
        help_text="The economy or government hosting it (for APEC, the host economy of the year).",
    )
    organizer = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="meetings",
        help_text="The forum or body convening it, e.g. APEC.",
    )
    # What site search and the list's words search; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("name", "description", "locality", "venue")
    search_vector = search_vector_field(*search_fields)

    # The facets of the public list (website.meetings), as keys on each row.
    facet_keys = keys_field()
    derived = (
        StoredKeys(
            column="facet_keys",
            keys=(
                Key("kind", "kind"),
                Key("year", "start_date", year=True),
                Key("country", "country"),
                Key("host", "host_economy"),
                Key("organizer", "organizer"),
            ),
        ),
    )

    class Meta:
        ordering = ["-start_date", "name"]
        constraints = [ends_after_start("meeting")]

    def __str__(self):
        return self.name

    def clean_links(self, m2m: dict[str, list]) -> None:
        super().clean_links(m2m)
        refuse_cycle(self, "parents", m2m.get("parents", ()))


class MeetingAlias(AliasBase):
    record = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="aliases")

    class Meta(AliasBase.Meta):
        verbose_name_plural = "meeting aliases"
        constraints = [AliasBase.unique_per_record("meeting")]


class Capacity(models.TextChoices):
    ATTENDED = "attended", "Attended"
    SPOKE = "spoke", "Spoke"
    CHAIRED = "chaired", "Chaired"
    DELEGATION_HEAD = "delegation_head", "Headed a delegation"


class Participation(CitedRecord):
    """A person at a meeting, in one capacity; one row per capacity (attended, spoke...)."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="participations")
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="participations")
    capacity = models.CharField(max_length=20, choices=Capacity)
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text="The post in which the person took part, e.g. Financial Secretary.",
    )
    delegation = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
        help_text="The economy whose delegation the person belonged to.",
    )

    class Meta:
        ordering = ["meeting", "person", "capacity"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "meeting", "capacity"], name="participation_unique_capacity_per_meeting"
            ),
        ]

    def __str__(self):
        if not (self.person_id and self.meeting_id):
            return "New participation"
        return f"{self.person} {self.get_capacity_display().lower()} {self.meeting}"


class SpeechAct(models.TextChoices):
    SAID = "said", "Said"
    ANNOUNCED = "announced", "Announced"
    PROPOSED = "proposed", "Proposed"
    ADVOCATED = "advocated", "Advocated"
    PLEDGED = "pledged", "Pledged"
    REPORTED = "reported", "Reported progress"


class Rendering(models.TextChoices):
    """Whether the text is the speaker's words or the reporter's account of them."""

    QUOTED = "quoted", "Quoted verbatim"
    PARAPHRASED = "paraphrased", "Paraphrased"


class Statement(CitedRecord):
    """Who said or proposed what, where and when, about which initiatives."""

    speaker = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="statements")
    post = models.ForeignKey(
        Post,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="The post the speaker spoke in.",
    )
    meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statements",
        help_text="Empty for a statement made outside any meeting (an interview, a blog post).",
    )
    date = models.DateField(null=True, blank=True)
    date_precision = DatePrecisionField()
    speech_act = models.CharField(max_length=20, choices=SpeechAct, default=SpeechAct.SAID)
    rendering = models.CharField(max_length=20, choices=Rendering)
    summary = models.CharField(max_length=300, help_text="One line for lists and timelines.")
    text = models.TextField(help_text="The words as quoted, or the reporter's paraphrase of them.")
    language = models.CharField(max_length=35, default="en")
    initiatives = models.ManyToManyField(Initiative, blank=True, related_name="statements")
    # What site search searches; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("summary", "text")
    search_vector = search_vector_field(*search_fields)

    revision_children = ("amounts", "identifiers")
    themes = models.ManyToManyField(Theme, blank=True, related_name="statements")

    class Meta:
        ordering = ["-date", "speaker"]

    def __str__(self):
        return self.summary


class StatementAmount(models.Model):
    """An amount a statement names: "more than HK$200 billion" invested in innovation and technology."""

    statement = models.ForeignKey(Statement, on_delete=models.CASCADE, related_name="amounts")
    value = models.DecimalField(max_digits=20, decimal_places=2)
    currency = models.CharField(max_length=3, help_text="ISO 4217 code, e.g. HKD.")
    qualifier = models.CharField(max_length=10, choices=AmountQualifier, default=AmountQualifier.EXACT)
    surface = models.CharField(max_length=200, help_text="As written in the source: more than HK$200 billion.")
    purpose = models.CharField(max_length=300, blank=True, help_text="What it is for, e.g. innovation and technology.")
    initiative = models.ForeignKey(
        Initiative, null=True, blank=True, on_delete=models.SET_NULL, related_name="stated_amounts"
    )
    citations = GenericRelation("sources.Citation")

    revision_key = ("surface",)

    class Meta:
        ordering = ["statement", "pk"]
        constraints = [
            not_negative("statement_amount", "value"),
            models.CheckConstraint(condition=~Q(currency=""), name="statement_amount_has_currency"),
        ]

    def __str__(self):
        return self.surface
