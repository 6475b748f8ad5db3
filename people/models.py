"""Who: officials, the organizations they serve, the posts they hold and when."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from editorial.derived.copies import CopiedColumn
from editorial.derived.keys import Linked, StoredKeys, Watch, keys_field
from editorial.models import (
    AliasBase,
    CuratedQuerySet,
    DatePrecisionField,
    EditorialStatus,
    ends_after_start,
    refuse_cycle,
)
from editorial.search import search_vector_field
from sources.models import CitedRecord


class JurisdictionKind(models.TextChoices):
    COUNTRY = "country", "Country or economy"
    SPECIAL_REGION = "special_region", "Special administrative region"
    SUBNATIONAL = "subnational", "Subnational region"
    CITY = "city", "City"
    REGION = "region", "Multinational region"
    INTERNATIONAL = "international", "International"


class Jurisdiction(models.Model):
    """Where a government's writ runs: reference data that facets and filters group by.

    Not a curated record: jurisdictions are few, public and uncontroversial, so they carry no
    editorial status and never hide what points at them.
    """

    name = models.CharField(max_length=200, unique=True, help_text="e.g. Hong Kong, China.")
    slug = models.SlugField(max_length=120, unique=True)
    code = models.CharField(
        max_length=10, blank=True, help_text="ISO 3166 code where there is one, e.g. HK, KR, CN-GD."
    )
    kind = models.CharField(max_length=20, choices=JurisdictionKind)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["code"], condition=~Q(code=""), name="jurisdiction_code_unique"),
        ]

    def __str__(self):
        return self.name


class OrganizationKind(models.TextChoices):
    GOVERNMENT = "government", "Government"
    BUREAU = "bureau", "Policy bureau or ministry"
    DEPARTMENT = "department", "Department or agency"
    LEGISLATURE = "legislature", "Legislature"
    INTERNATIONAL_FORUM = "international_forum", "International forum"
    INTERNATIONAL_ORGANIZATION = "international_organization", "International organization"
    INSTITUTE = "institute", "Institute or research body"
    PUBLIC_BODY = "public_body", "Statutory or public body"
    COMPANY = "company", "Company"
    UNIVERSITY = "university", "University"
    NEWS_OUTLET = "news_outlet", "News outlet"
    OTHER = "other", "Other"


class Organization(CitedRecord):
    revision_children = ("aliases", "identifiers")

    name = models.CharField(max_length=300)
    kind = models.CharField(max_length=30, choices=OrganizationKind)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text="The body it belongs to, e.g. a bureau's government.",
    )
    jurisdiction = models.ForeignKey(
        Jurisdiction,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="organizations",
        help_text="Empty for international bodies.",
    )
    description = models.TextField(blank=True)
    website = models.URLField(blank=True)
    founded_date = models.DateField(null=True, blank=True)
    founded_date_precision = DatePrecisionField()
    # What site search searches; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("name", "description")
    search_vector = search_vector_field(*search_fields)
    dissolved_date = models.DateField(null=True, blank=True)
    dissolved_date_precision = DatePrecisionField(is_end=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            ends_after_start("organization", start="founded_date", end="dissolved_date"),
            models.CheckConstraint(condition=~Q(parent=models.F("pk")), name="organization_not_own_parent"),
        ]

    def __str__(self):
        return self.name

    def clean(self):
        super().clean()
        refuse_cycle(self, "parent", [self.parent_id])


class OrganizationAlias(AliasBase):
    record = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="aliases")

    class Meta(AliasBase.Meta):
        verbose_name_plural = "organization aliases"
        constraints = [AliasBase.unique_per_record("organization")]


class Post(CitedRecord):
    """A role in an organization, e.g. Financial Secretary of the HKSAR Government."""

    revision_children = ("aliases", "identifiers")

    title = models.CharField(max_length=300, help_text="The role as officially styled, e.g. Financial Secretary.")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="posts")
    is_sole_holder = models.BooleanField(
        default=True, help_text="At most one person holds this post at a time (a secretary, not a member)."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["organization__name", "title"]
        constraints = [
            models.UniqueConstraint(fields=["organization", "title"], name="post_title_unique_per_organization"),
        ]

    def __str__(self):
        return f"{self.title}, {self.organization}" if self.organization_id else self.title

    def clean(self):
        super().clean()
        if self.pk and self.is_sole_holder:
            current = self.memberships.current().exclude(editorial_status=EditorialStatus.ARCHIVED)
            if current.count() > 1:
                raise ValidationError(
                    {"is_sole_holder": "More than one person holds this post now; end all terms but one first."}
                )


class PostAlias(AliasBase):
    """How the press refers to a post: "the financial secretary", "FS", "the finance chief"."""

    record = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="aliases")

    class Meta(AliasBase.Meta):
        verbose_name_plural = "post aliases"
        constraints = [AliasBase.unique_per_record("post")]


# The posts a person holds or held, as the public sees them: SQL over the person's row (`{row}`), for the keys.
HELD = (
    "FROM people_membership held JOIN people_post post ON post.id = held.post_id "
    "JOIN people_organization organization ON organization.id = post.organization_id "
    "WHERE held.person_id = {row}.id AND held.editorial_status = 'published' "
    "AND post.editorial_status = 'published' AND organization.editorial_status = 'published'"
)
HELD_WATCHES = (
    Watch("people_membership", "SELECT {row}.person_id"),
    Watch(
        "people_post",
        "SELECT held.person_id FROM people_membership held WHERE held.post_id = {row}.id",
        columns=("editorial_status", "organization_id"),
        updates_only=True,  # a post with memberships is never deleted (PROTECT)
    ),
    Watch(
        "people_organization",
        "SELECT held.person_id FROM people_membership held JOIN people_post post ON post.id = held.post_id "
        "WHERE post.organization_id = {row}.id",
        columns=("editorial_status", "jurisdiction_id"),
        updates_only=True,
    ),
)


class Person(CitedRecord):
    revision_children = ("aliases", "identifiers")

    full_name = models.CharField(max_length=300, help_text="As the person is usually named, e.g. Paul Chan Mo-po.")
    given_name = models.CharField(max_length=150, blank=True)
    family_name = models.CharField(max_length=150, blank=True)
    original_script_name = models.CharField(
        max_length=300, blank=True, help_text="The name in its original script, e.g. 陳茂波."
    )
    honorific_prefix = models.CharField(max_length=100, blank=True, help_text="e.g. Mr, Dr, The Honourable.")
    honorific_suffix = models.CharField(max_length=100, blank=True, help_text="Post-nominals, e.g. GBM, GBS, JP.")
    bio = models.TextField("short bio", blank=True)
    # What site search and the list's words search; the stored vector is `editorial.search.document(*search_fields)`.
    search_fields = ("full_name", "original_script_name", "bio")
    search_vector = search_vector_field(*search_fields)

    # The facets of the public list (website.people): the organizations and jurisdictions of the posts a
    # person holds or held, as the public sees them (membership, post and organization published).
    facet_keys = keys_field()
    derived = (
        StoredKeys(
            column="facet_keys",
            keys=(
                Linked("organization", f"SELECT organization.id AS value {HELD}", watches=HELD_WATCHES),
                Linked("jurisdiction", f"SELECT organization.jurisdiction_id AS value {HELD}", watches=HELD_WATCHES),
            ),
        ),
    )

    class Meta:
        ordering = ["family_name", "full_name"]
        verbose_name_plural = "people"
        indexes = [
            # Keyset paging of the public list by name.
            models.Index(
                fields=["family_name", "full_name", "id"],
                condition=Q(editorial_status="published"),
                name="person_public_name",
            ),
        ]

    def __str__(self):
        return self.full_name


class PersonAlias(AliasBase):
    """Other names: "Paul Chan", "Chan Mo-po", 陳茂波."""

    record = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="aliases")

    class Meta(AliasBase.Meta):
        verbose_name_plural = "person aliases"
        constraints = [AliasBase.unique_per_record("person")]


class MembershipQuerySet(CuratedQuerySet):
    def active_on(self, date: datetime.date):
        """Held on `date`. An end is stored as the last day of its period ("until 2024": 31 December).

        An unknown start counts as held: a source that names someone "Financial Secretary" on a
        date proves the post was held then, even when nobody recorded since when.
        """
        started = Q(start_date__isnull=True) | Q(start_date__lte=date)
        return self.filter(started & (Q(end_date__isnull=True) | Q(end_date__gte=date)))

    def current(self):
        return self.filter(end_date__isnull=True)


class Membership(CitedRecord):
    """A person holds a post from a date to a date, or still."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="memberships")
    post = models.ForeignKey(Post, on_delete=models.PROTECT, related_name="memberships")
    start_date = models.DateField(null=True, blank=True, help_text="Empty when the source does not say.")
    start_date_precision = DatePrecisionField()
    end_date = models.DateField(null=True, blank=True, help_text="Empty while the post is held.")
    end_date_precision = DatePrecisionField(is_end=True)
    is_sole_holder = models.BooleanField(
        default=True,
        editable=False,
        help_text="Copied from the post by the database, so that it can keep one current holder.",
    )
    # The copy is kept by triggers whoever writes the membership or its post (editorial.derived.copies).
    derived = (CopiedColumn(column="is_sole_holder", via="post"),)

    objects = MembershipQuerySet.as_manager()  # type: ignore[misc]  # django-stubs #1713: as_manager() in a subclass

    class Meta:
        ordering = ["-start_date", "post__title"]
        constraints = [
            ends_after_start("membership"),
            # Archived memberships are withdrawn facts and must not block the real holder.
            models.UniqueConstraint(
                fields=["post"],
                condition=Q(end_date__isnull=True, is_sole_holder=True) & ~Q(editorial_status=EditorialStatus.ARCHIVED),
                name="membership_one_current_holder_per_sole_post",
            ),
        ]

    def __str__(self):
        if not (self.person_id and self.post_id):
            return "New membership"
        return f"{self.person} as {self.post.title}"

    def clean(self):
        super().clean()
        if self.post_id:
            self.is_sole_holder = self.post.is_sole_holder
            if self.is_sole_holder and self.end_date is None:
                others = (
                    Membership.objects.filter(post_id=self.post_id, end_date__isnull=True, is_sole_holder=True)
                    .exclude(editorial_status=EditorialStatus.ARCHIVED)
                    .exclude(pk=self.pk)
                )
                if others.exists():
                    raise ValidationError(
                        {"end_date": f"{self.post} has one holder at a time; end the current holder's term first."}
                    )
