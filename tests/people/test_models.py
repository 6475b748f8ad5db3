"""Invariants of people/: kept by the database, by `clean()`, and read through the QuerySets."""

import datetime
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError

from editorial.dates import DatePrecision
from editorial.models import EditorialStatus, ExternalIdentifier
from editorial.workflow import save_record
from people.models import Membership, OrganizationAlias, PersonAlias, PostAlias
from tests.constraints import assert_refused_by_database
from tests.factories import (
    JurisdictionFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db


# Identity


def test_curated_record_gets_a_uuid_by_default():
    first, second = PersonFactory(), PersonFactory()
    assert isinstance(first.uuid, uuid.UUID)
    assert first.uuid != second.uuid


def test_jurisdiction_name_is_unique():
    JurisdictionFactory(name="Hong Kong, China")
    assert_refused_by_database(lambda: JurisdictionFactory(name="Hong Kong, China"))


def test_jurisdiction_code_is_unique_when_given():
    JurisdictionFactory(code="HK")
    assert_refused_by_database(lambda: JurisdictionFactory(code="HK"))


def test_jurisdiction_code_may_be_empty_on_many():
    JurisdictionFactory(code="")
    JurisdictionFactory(code="")
    assert JurisdictionFactory._meta.model.objects.filter(code="").count() == 2


def test_external_identifier_is_unique_per_kind_scheme_and_value():
    first, second = OrganizationFactory(), OrganizationFactory()
    organization_type = ContentType.objects.get_for_model(first)
    ExternalIdentifier.objects.create(content_type=organization_type, object_id=first.pk, scheme="wikidata", value="Q1")
    assert_refused_by_database(
        lambda: ExternalIdentifier.objects.create(
            content_type=organization_type, object_id=second.pk, scheme="wikidata", value="Q1"
        )
    )


def test_external_identifier_may_repeat_across_kinds_and_schemes():
    organization, person = OrganizationFactory(), PersonFactory()
    organization_type = ContentType.objects.get_for_model(organization)
    ExternalIdentifier.objects.create(
        content_type=organization_type, object_id=organization.pk, scheme="wikidata", value="Q1"
    )
    ExternalIdentifier.objects.create(
        content_type=ContentType.objects.get_for_model(person), object_id=person.pk, scheme="wikidata", value="Q1"
    )
    ExternalIdentifier.objects.create(
        content_type=organization_type, object_id=organization.pk, scheme="lei", value="Q1"
    )
    assert list(organization.identifiers.values_list("scheme", flat=True)) == ["lei", "wikidata"]
    assert person.identifiers.get().value == "Q1"


@pytest.mark.parametrize(
    ("alias_model", "factory"),
    [(OrganizationAlias, OrganizationFactory), (PostAlias, PostFactory), (PersonAlias, PersonFactory)],
)
def test_alias_is_unique_per_record(alias_model, factory):
    record, other = factory(), factory()
    alias_model.objects.create(record=record, name="FS")
    alias_model.objects.create(record=other, name="FS")
    assert_refused_by_database(lambda: alias_model.objects.create(record=record, name="FS"))
    assert alias_model.objects.filter(name="FS").count() == 2


# Organizations and posts


def test_organization_cannot_be_dissolved_before_it_was_founded():
    assert_refused_by_database(
        lambda: OrganizationFactory(founded_date=datetime.date(2020, 1, 1), dissolved_date=datetime.date(2019, 12, 31)),
        check="organization_ends_after_start",
    )


def test_organization_may_be_dissolved_the_day_it_was_founded():
    organization = OrganizationFactory(founded_date=datetime.date(2020, 1, 1), dissolved_date=datetime.date(2020, 1, 1))
    assert organization.pk is not None


def test_organization_is_not_its_own_parent():
    organization = OrganizationFactory()
    organization.parent = organization
    assert_refused_by_database(organization.save, check="organization_not_own_parent")


def test_organization_is_not_part_of_one_below_it():
    top = OrganizationFactory()
    middle = OrganizationFactory(parent=top)
    bottom = OrganizationFactory(parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError, match="cannot be part of itself"):
        top.full_clean()


def test_organization_may_have_another_organization_as_parent():
    government = OrganizationFactory()
    bureau = OrganizationFactory(parent=government)
    assert list(government.children.all()) == [bureau]


def test_post_title_is_unique_per_organization():
    organization = OrganizationFactory()
    PostFactory(organization=organization, title="Financial Secretary")
    PostFactory(title="Financial Secretary")
    assert_refused_by_database(lambda: PostFactory(organization=organization, title="Financial Secretary"))


# Memberships: dates and the one current holder


def test_membership_cannot_end_before_it_starts():
    assert_refused_by_database(
        lambda: MembershipFactory(start_date=datetime.date(2022, 7, 1), end_date=datetime.date(2022, 6, 30)),
        check="membership_ends_after_start",
    )


def test_membership_with_unknown_start_may_have_an_end():
    membership = MembershipFactory(start_date=None, end_date=datetime.date(2022, 6, 30))
    assert membership.pk is not None


def test_sole_post_refuses_a_second_open_membership():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, end_date=None)
    assert_refused_by_database(lambda: MembershipFactory(post=post, end_date=None))
    assert Membership.objects.filter(post=post).count() == 1


def test_sole_post_accepts_an_ended_membership_and_an_open_one():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, start_date=datetime.date(2017, 1, 16), end_date=datetime.date(2022, 6, 30))
    MembershipFactory(post=post, start_date=datetime.date(2022, 7, 1), end_date=None)
    assert Membership.objects.filter(post=post).count() == 2


def test_sole_post_refuses_reopening_an_ended_membership_while_another_is_open():
    post = PostFactory(is_sole_holder=True)
    former = MembershipFactory(post=post, start_date=datetime.date(2017, 1, 16), end_date=datetime.date(2022, 6, 30))
    MembershipFactory(post=post, end_date=None)
    former.end_date = None
    assert_refused_by_database(former.save)


def test_shared_post_accepts_two_open_memberships():
    post = PostFactory(is_sole_holder=False)
    MembershipFactory(post=post, end_date=None, is_sole_holder=False)
    MembershipFactory(post=post, end_date=None, is_sole_holder=False)
    assert Membership.objects.filter(post=post, end_date__isnull=True).count() == 2


def test_archived_open_membership_does_not_block_the_real_holder():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, end_date=None, editorial_status=EditorialStatus.ARCHIVED)
    MembershipFactory(post=post, end_date=None, editorial_status=EditorialStatus.PUBLISHED)
    assert Membership.objects.filter(post=post, end_date__isnull=True).count() == 2


def test_open_membership_blocks_whatever_its_editorial_status_short_of_archived():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, end_date=None, editorial_status=EditorialStatus.DRAFT)
    assert_refused_by_database(
        lambda: MembershipFactory(post=post, end_date=None, editorial_status=EditorialStatus.PUBLISHED)
    )


# Membership.clean


def test_membership_clean_refuses_a_second_current_holder_on_end_date():
    post = PostFactory(title="Financial Secretary", is_sole_holder=True)
    MembershipFactory(post=post, end_date=None)
    second = MembershipFactory.build(post=post, person=PersonFactory(), end_date=None)
    with pytest.raises(ValidationError) as excinfo:
        second.full_clean()
    assert "end_date" in excinfo.value.message_dict
    assert "one holder at a time" in excinfo.value.message_dict["end_date"][0]
    assert "Financial Secretary" in excinfo.value.message_dict["end_date"][0]


def test_membership_clean_accepts_the_current_holder_itself():
    membership = MembershipFactory(end_date=None)
    membership.full_clean()


def test_membership_clean_accepts_a_new_holder_once_the_old_term_ended():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, end_date=datetime.date(2022, 6, 30), start_date=datetime.date(2017, 1, 16))
    successor = MembershipFactory.build(post=post, person=PersonFactory(), end_date=None)
    save_record(record=successor, by=None)  # through full_clean, as every save
    assert Membership.objects.filter(post=post).count() == 2


def test_membership_clean_ignores_an_archived_current_holder():
    post = PostFactory(is_sole_holder=True)
    MembershipFactory(post=post, end_date=None, editorial_status=EditorialStatus.ARCHIVED)
    MembershipFactory.build(post=post, person=PersonFactory(), end_date=None).full_clean()


@pytest.mark.parametrize("is_sole_holder", [True, False])
def test_membership_clean_copies_is_sole_holder_from_the_post(is_sole_holder):
    post = PostFactory(is_sole_holder=is_sole_holder)
    membership = MembershipFactory.build(post=post, person=PersonFactory(), is_sole_holder=not is_sole_holder)
    membership.full_clean()
    assert membership.is_sole_holder is is_sole_holder


def test_membership_clean_lets_a_shared_post_have_two_current_holders():
    post = PostFactory(is_sole_holder=False)
    MembershipFactory(post=post, end_date=None)
    second = MembershipFactory.build(post=post, person=PersonFactory(), end_date=None)
    save_record(record=second, by=None)
    assert Membership.objects.filter(post=post, end_date__isnull=True).count() == 2


def test_membership_clean_normalises_partial_dates():
    membership = MembershipFactory.build(
        person=PersonFactory(),
        post=PostFactory(),
        start_date=datetime.date(2022, 7, 15),
        start_date_precision=DatePrecision.MONTH,
        end_date=datetime.date(2024, 9, 30),
        end_date_precision=DatePrecision.YEAR,
    )
    membership.full_clean()
    assert membership.start_date == datetime.date(2022, 7, 1)
    # The end of a span is stored as the last day of its period: "until 2024" runs to 31 December.
    assert membership.end_date == datetime.date(2024, 12, 31)
    assert str(membership.partial_date("end_date")) == "2024"


def test_membership_ending_in_the_year_it_started_is_valid():
    """Ended "in 2022" after starting on 15 July 2022: the end's period reaches past the start."""
    membership = MembershipFactory.build(
        person=PersonFactory(),
        post=PostFactory(),
        start_date=datetime.date(2022, 7, 15),
        end_date=datetime.date(2022, 1, 1),
        end_date_precision=DatePrecision.YEAR,
    )
    save_record(record=membership, by=None)
    assert membership.end_date == datetime.date(2022, 12, 31)


# QuerySets


def test_membership_is_a_draft_by_default():
    assert MembershipFactory().editorial_status == EditorialStatus.DRAFT


def active_on(day: datetime.date) -> list[Membership]:
    return list(Membership.objects.active_on(day).order_by("pk"))


def test_active_on_counts_an_open_ended_membership():
    membership = MembershipFactory(start_date=datetime.date(2022, 7, 1), end_date=None)
    assert active_on(datetime.date(2025, 10, 22)) == [membership]
    assert active_on(datetime.date(2022, 7, 1)) == [membership]
    assert active_on(datetime.date(2022, 6, 30)) == []


def test_active_on_counts_an_unknown_start():
    membership = MembershipFactory(start_date=None, end_date=datetime.date(2024, 6, 30))
    assert active_on(datetime.date(1990, 1, 1)) == [membership]
    assert active_on(datetime.date(2024, 7, 1)) == []


def cleaned_membership(**fields) -> Membership:
    """A membership saved as the admin and the services save it: through the workflow, which runs full_clean."""
    membership = MembershipFactory.build(person=PersonFactory(), post=PostFactory(), **fields)
    save_record(record=membership, by=None)
    return membership


def test_active_on_reads_an_end_at_year_precision_to_31_december():
    membership = cleaned_membership(
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2024, 1, 1),
        end_date_precision=DatePrecision.YEAR,
    )
    assert active_on(datetime.date(2024, 6, 15)) == [membership]
    assert active_on(datetime.date(2024, 12, 31)) == [membership]
    assert active_on(datetime.date(2025, 1, 1)) == []


def test_active_on_reads_an_end_at_month_precision_to_the_end_of_the_month():
    membership = cleaned_membership(
        start_date=datetime.date(2020, 1, 1),
        end_date=datetime.date(2024, 2, 1),
        end_date_precision=DatePrecision.MONTH,
    )
    assert active_on(datetime.date(2024, 2, 1)) == [membership]
    assert active_on(datetime.date(2024, 2, 29)) == [membership]
    assert active_on(datetime.date(2024, 3, 1)) == []
    assert active_on(datetime.date(2025, 2, 10)) == []


def test_active_on_reads_an_end_at_day_precision_as_that_day():
    membership = MembershipFactory(start_date=datetime.date(2020, 1, 1), end_date=datetime.date(2024, 2, 1))
    assert active_on(datetime.date(2024, 2, 1)) == [membership]
    assert active_on(datetime.date(2024, 2, 2)) == []


def test_active_on_leaves_out_a_membership_ended_before_the_date():
    MembershipFactory(start_date=datetime.date(2017, 1, 16), end_date=datetime.date(2022, 6, 30))
    current = MembershipFactory(start_date=datetime.date(2022, 7, 1), end_date=None)
    assert active_on(datetime.date(2023, 1, 1)) == [current]


def test_active_on_leaves_out_a_membership_not_yet_started():
    MembershipFactory(start_date=datetime.date(2026, 1, 1), end_date=None)
    assert active_on(datetime.date(2025, 10, 22)) == []


def test_current_returns_open_memberships():
    MembershipFactory(start_date=datetime.date(2017, 1, 16), end_date=datetime.date(2022, 6, 30))
    current = MembershipFactory(end_date=None)
    assert list(Membership.objects.current()) == [current]
