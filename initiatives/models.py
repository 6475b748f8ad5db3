"""What governments set up: initiatives, their timelines and the themes they belong to."""

from django.db import models
from django.db.models import Q

from editorial.derived.counts import KeyCounts
from editorial.derived.keys import Key, StoredKeys, keys_field
from editorial.models import (
    AliasBase,
    DatePrecisionField,
    ends_after_start,
    not_negative,
    refuse_cycle,
)
from editorial.search import search_vector_field
from people.models import Jurisdiction, Organization, Person
from sources.models import CitedRecord


class AmountQualifier(models.TextChoices):
    """How exactly a source states an amount: "more than HK$200 billion" is not HK$200 billion."""

    EXACT = "exact", "Exactly"
    ABOUT = "about", "About"
    MORE_THAN = "more_than", "More than"
    AT_LEAST = "at_least", "At least"
    UP_TO = "up_to", "Up to"
    LESS_THAN = "less_than", "Less than"


class Theme(CitedRecord):
    name = models.CharField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    requires_citation = False  # our own classification, not a fact a source states

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class InitiativeStatus(models.TextChoices):
    """Where the initiative stands in the world (its editorial state is separate)."""

    PROPOSED = "proposed", "Proposed"
    ANNOUNCED = "announced", "Announced"
    IN_PREPARATION = "in_preparation", "In preparation"
    LAUNCHED = "launched", "Launched"
    OPERATIONAL = "operational", "Operational"
    SUSPENDED = "suspended", "Suspended"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"


class Instrument(models.TextChoices):
    """The kind of policy instrument, after the usual policy-tools typologies."""

    INSTITUTION = "institution", "New institution or body"
    FACILITY = "facility", "Facility or infrastructure"
    DIGITAL_SERVICE = "digital_service", "Digital platform or public service"
    PROGRAMME = "programme", "Programme"
    FUNDING = "funding", "Funding or investment"
    TASK_FORCE = "task_force", "Task force or team"
    STRATEGY = "strategy", "Strategy or policy framework"
    REGULATION = "regulation", "Legislation or regulation"
    EDUCATION = "education", "Education and training"
    COOPERATION = "cooperation", "International cooperation"
    OTHER = "other", "Other"


class Initiative(CitedRecord):
    revision_children = ("aliases", "identifiers")
    # The budget is one fact (amount, currency, qualifier, as of): publishing requires a citation of it.
    citation_facts = {"budget": "Budget"}

    name = models.CharField(max_length=300)
    summary = models.TextField(blank=True)
    status = models.CharField(max_length=20, choices=InitiativeStatus, default=InitiativeStatus.ANNOUNCED)
    instrument = models.CharField("kind of policy instrument", max_length=20, choices=Instrument, blank=True)
    jurisdiction = models.ForeignKey(
        Jurisdiction, null=True, blank=True, on_delete=models.PROTECT, related_name="initiatives"
    )
    responsible_organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text="Empty when the sources do not say who runs it.",
    )
    lead_officials = models.ManyToManyField(Person, blank=True, related_name="initiatives_led")
    themes = models.ManyToManyField(Theme, blank=True, related_name="initiatives")
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The larger initiative this one is part of.",
    )
    related = models.ManyToManyField("self", blank=True, help_text="Initiatives that work together with this one.")

    announced_date = models.DateField(null=True, blank=True)
    announced_date_precision = DatePrecisionField()
    start_date = models.DateField(null=True, blank=True, help_text="When it was established or launched.")
    start_date_precision = DatePrecisionField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty while it runs.")
    end_date_precision = DatePrecisionField(is_end=True)

    budget_amount = models.DecimalField(max_digits=20, decimal_places=2, null=True, blank=True)
    budget_currency = models.CharField(max_length=3, blank=True, help_text="ISO 4217 code, e.g. HKD.")
    budget_qualifier = models.CharField(
        max_length=10, choices=AmountQualifier, default=AmountQualifier.EXACT, blank=True
    )
    budget_as_of = models.DateField("budget as of", null=True, blank=True)
    budget_as_of_precision = DatePrecisionField()
    # What site search and the list's words search; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("name", "summary")
    search_vector = search_vector_field(*search_fields)

    facet_keys = keys_field()
    # The facets of the public list (website.initiatives), as keys on each row: the list narrows by them and
    # InitiativeFacetCount counts them.
    derived = (
        StoredKeys(
            column="facet_keys",
            keys=(
                Key("jurisdiction", "jurisdiction"),
                Key("status", "status"),
                Key("theme", "themes"),
                Key("instrument", "instrument"),
                Key("organization", "responsible_organization"),
                Key("year", "announced_date", year=True),
            ),
        ),
    )

    class Meta:
        ordering = ["name"]
        constraints = [
            ends_after_start("initiative"),
            not_negative("initiative", "budget_amount"),
            models.CheckConstraint(
                condition=Q(budget_amount__isnull=True) | ~Q(budget_currency=""),
                name="initiative_budget_has_currency",
            ),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="initiative_not_own_parent"),
        ]
        indexes = [
            # Keyset paging of the public list, by name and by recency: deep pages cost what the first does. Each
            # holds the facet keys too (PostgreSQL): a page of a filtered list finds its rows in the index alone,
            # then reads those rows only (keyset_page's `load`). Two facets matching 1% of 100,000 initiatives read
            # 4,600 rows of the table for a page of 50 otherwise: 6.0 ms, against 2.8.
            models.Index(
                fields=["name", "id"],
                include=["facet_keys"],
                condition=Q(editorial_status="published"),
                name="initiative_public_name",
            ),
            models.Index(
                fields=["-published_at", "-id"],
                include=["facet_keys"],
                condition=Q(editorial_status="published"),
                name="initiative_public_recent",
            ),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        refuse_cycle(self, "parent", [self.parent_id])

    def required_citation_fields(self) -> dict[str, str]:
        return {"budget": "the budget"} if self.budget_amount is not None else {}


class InitiativeFacetCount(models.Model):
    """How many published initiatives carry a facet key (`other` and `third` empty), two keys together
    (every ordered pair, `third` empty), or three (each pair once, its bytewise lesser key first, with a third).

    Derived data, written only by database triggers on the initiatives table (declared below, made by
    migration 0008), so that every write, the workflow's or a bulk one, keeps it exact. The key `*` counts
    every published initiative. With it the public list answers its total and facet counts with up to two facets chosen,
    from a few rows, whatever the number of initiatives.
    """

    key = models.CharField(max_length=200)
    other = models.CharField(max_length=200, blank=True)
    third = models.CharField(max_length=200, blank=True)
    total = models.IntegerField(default=0)

    derived = (KeyCounts(source="initiatives_initiative", keys="facet_keys", trigger="initiatives_facet_counts"),)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["key", "other", "third"], name="initiative_facet_count_unique")]
        # The counts of one key, and of one key with each other, read apart from the many of three keys.
        indexes = [
            models.Index(fields=["key"], condition=Q(other="", third=""), name="initiative_facet_count_keys"),
            models.Index(fields=["key", "other"], condition=Q(third=""), name="initiative_facet_count_pairs"),
        ]

    def __str__(self):
        return " ".join(filter(None, [self.key, self.other, self.third])) + f": {self.total}"


class InitiativeAlias(AliasBase):
    """Other names, acronyms and names in other scripts."""

    record = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="aliases")

    class Meta(AliasBase.Meta):
        verbose_name_plural = "initiative aliases"
        constraints = [AliasBase.unique_per_record("initiative")]


class MilestoneKind(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ANNOUNCED = "announced", "Announced"
    FUNDED = "funded", "Funded"
    LEGISLATED = "legislated", "Legislated"
    ESTABLISHED = "established", "Established"
    LAUNCHED = "launched", "Launched"
    OPERATIONAL = "operational", "Became operational"
    SUSPENDED = "suspended", "Suspended"
    RESUMED = "resumed", "Resumed"
    EXPANDED = "expanded", "Expanded"
    REVIEWED = "reviewed", "Reviewed"
    COMPLETED = "completed", "Completed"
    DISCONTINUED = "discontinued", "Discontinued"
    OTHER = "other", "Other"


class Milestone(CitedRecord):
    """A dated entry on an initiative's timeline."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="milestones")
    kind = models.CharField(max_length=20, choices=MilestoneKind)
    date = models.DateField()
    date_precision = DatePrecisionField()
    description = models.TextField(blank=True)
    amount = models.DecimalField(
        max_digits=20, decimal_places=2, null=True, blank=True, help_text="For funding milestones."
    )
    currency = models.CharField(max_length=3, blank=True)

    class Meta:
        ordering = ["initiative", "date"]
        indexes = [
            # An initiative's status on a date (initiatives.asof.with_status_as_of): its latest published milestone
            # by then, read from the index alone, once per row of a list as of a date.
            models.Index(
                fields=["initiative", "-date", "-id"],
                include=["kind"],
                condition=Q(editorial_status="published"),
                name="milestone_public_latest",
            ),
        ]
        constraints = [
            not_negative("milestone", "amount"),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""), name="milestone_amount_has_currency"
            ),
        ]

    def __str__(self):
        date = self.partial_date("date")
        when = f" {date.display()}" if date else ""
        name = f"{self.initiative}: " if self.initiative_id else ""
        return f"{name}{self.get_kind_display().lower()}{when}"
