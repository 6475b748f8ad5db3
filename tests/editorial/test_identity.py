"""Identity that lasts and the one publication rule, for every kind of curated record."""

import uuid

import pytest
from django.core.exceptions import ValidationError

from editorial.models import EditorialStatus
from editorial.services import unique_slug
from tests.constraints import assert_refused_by_database
from tests.factories import (
    CitationFactory,
    InitiativeFactory,
    JurisdictionFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PostFactory,
    StatementFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

CURATED_FACTORIES = [
    OrganizationFactory,
    PostFactory,
    PersonFactory,
    MembershipFactory,
    ThemeFactory,
    InitiativeFactory,
    MilestoneFactory,
    MeetingFactory,
    ParticipationFactory,
    StatementFactory,
]


@pytest.mark.parametrize("factory", [JurisdictionFactory, *CURATED_FACTORIES, CitationFactory])
def test_slug_is_unique_per_model(factory):
    factory(slug="same-slug")
    assert_refused_by_database(lambda: factory(slug="same-slug"))
    assert factory._meta.model.objects.filter(slug="same-slug").count() == 1


@pytest.mark.parametrize("factory", [*CURATED_FACTORIES, CitationFactory])
def test_uuid_is_unique_per_model(factory):
    shared = uuid.uuid4()
    factory(uuid=shared)
    assert_refused_by_database(lambda: factory(uuid=shared))


@pytest.mark.parametrize("factory", CURATED_FACTORIES)
def test_published_returns_only_published_rows(factory):
    model = factory._meta.model
    published = factory(editorial_status=EditorialStatus.PUBLISHED)
    for status in (EditorialStatus.DRAFT, EditorialStatus.IN_REVIEW, EditorialStatus.ARCHIVED):
        factory(editorial_status=status)
    assert model.objects.count() == 4
    assert list(model.objects.published()) == [published]


@pytest.mark.parametrize("factory", CURATED_FACTORIES)
def test_a_path_of_the_public_lists_is_no_record_address(factory):
    record = factory.build(slug="feed")
    with pytest.raises(ValidationError) as refused:
        record.clean()
    assert "slug" in refused.value.message_dict


def test_a_record_named_like_a_list_path_gets_another_address():
    assert unique_slug(InitiativeFactory.build(name="Feed")) == "feed-2"
