"""Partners' API for people, organizations, posts and memberships: filters and viewsets (shapes: people.public)."""

import django_filters

from api.filters import JurisdictionFilter, RecordFilter, RecordFilterSet, date_from, date_to, related_exists
from api.viewsets import RecordViewSet
from api.writes import WritableMixin
from people.models import Membership, Organization, OrganizationKind, Person, Post
from people.public import (
    MEMBERSHIPS,
    ORGANIZATIONS,
    PEOPLE,
    POSTS,
    MembershipSerializer,
    OrganizationSerializer,
    PersonSerializer,
    PostSerializer,
)

TIMESTAMPS = {"updated": "updated_at", "created": "created_at", "published": "published_at"}


class OrganizationFilter(RecordFilterSet):
    kind = django_filters.ChoiceFilter(choices=OrganizationKind.choices, help_text="What sort of body it is.")
    jurisdiction = JurisdictionFilter(field_name="jurisdiction", help_text="Jurisdiction by ISO code (HK) or slug.")
    parent = RecordFilter(field_name="parent", help_text="The body it belongs to, by UUID or slug.")
    founded_date_from = date_from("founded_date", "Founded")
    founded_date_to = date_to("founded_date", "Founded")

    class Meta:
        model = Organization
        fields: list[str] = []


class OrganizationViewSet(WritableMixin, RecordViewSet):
    """Governments, bureaus, agencies, forums and other bodies."""

    resource = ORGANIZATIONS
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilter
    ordering_fields = {"name": "name", **TIMESTAMPS, "founded_date": "founded_date"}
    write_fields = (
        "slug",
        "name",
        "kind",
        "parent",
        "jurisdiction",
        "description",
        "website",
        "founded_date",
        "dissolved_date",
    )


class PostFilter(RecordFilterSet):
    organization = RecordFilter(field_name="organization", help_text="The organization, by UUID or slug.")

    search_fields = ("title",)

    class Meta:
        model = Post
        fields: list[str] = []


class PostViewSet(WritableMixin, RecordViewSet):
    """Roles in organizations, e.g. Financial Secretary of the HKSAR Government."""

    resource = POSTS
    serializer_class = PostSerializer
    filterset_class = PostFilter
    ordering_fields = {"title": "title", **TIMESTAMPS}
    write_fields = ("slug", "title", "organization", "is_sole_holder", "description")


class PersonFilter(RecordFilterSet):
    organization = django_filters.CharFilter(
        method="filter_organization", help_text="Held a post in this organization (UUID or slug)."
    )
    post = django_filters.CharFilter(method="filter_post", help_text="Held this post (UUID or slug).")

    class Meta:
        model = Person
        fields: list[str] = []

    def filter_organization(self, queryset, name, value):
        return queryset.filter(related_exists(Membership, "person", "post__organization", value))

    def filter_post(self, queryset, name, value):
        return queryset.filter(related_exists(Membership, "person", "post", value))


class PersonViewSet(WritableMixin, RecordViewSet):
    """Officials and other people who speak, lead and hold posts."""

    resource = PEOPLE
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    ordering_fields = {"full_name": "full_name", "family_name": "family_name", **TIMESTAMPS}
    write_fields = (
        "slug",
        "full_name",
        "given_name",
        "family_name",
        "original_script_name",
        "honorific_prefix",
        "honorific_suffix",
        "bio",
    )


class MembershipFilter(RecordFilterSet):
    person = RecordFilter(field_name="person", help_text="The person, by UUID or slug.")
    post = RecordFilter(field_name="post", help_text="The post, by UUID or slug.")
    organization = RecordFilter(field_name="post__organization", help_text="The post's organization, UUID or slug.")
    current = django_filters.BooleanFilter(
        field_name="end_date", lookup_expr="isnull", help_text="true: held now (no end date); false: ended."
    )
    start_date_from = date_from("start_date", "Started")
    start_date_to = date_to("start_date", "Started")
    end_date_from = date_from("end_date", "Ended")
    end_date_to = date_to("end_date", "Ended")

    search = None  # links between records: no words of their own to search

    class Meta:
        model = Membership
        fields: list[str] = []


class MembershipViewSet(WritableMixin, RecordViewSet):
    """Who held which post, from when to when."""

    resource = MEMBERSHIPS
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilter
    ordering_fields = {"start_date": "start_date", "end_date": "end_date", **TIMESTAMPS}
    write_fields = ("slug", "person", "post", "start_date", "end_date")
