"""Stored derivatives are kept by the database whoever writes, and one command checks and rebuilds them all."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from editorial.derived import check, derivatives, paused
from initiatives.models import Initiative, InitiativeFacetCount
from people.models import Membership, Post
from tests.factories import MembershipFactory, PostFactory

pytestmark = pytest.mark.django_db


def _flag(membership) -> bool:
    return Membership.objects.values_list("is_sole_holder", flat=True).get(pk=membership.pk)


def test_a_membership_copies_its_posts_flag_however_either_is_written():
    shared, sole = PostFactory(is_sole_holder=False), PostFactory(is_sole_holder=True)
    membership = MembershipFactory(post=shared, is_sole_holder=True)  # a wrong copy is not kept
    assert _flag(membership) is False
    Membership.objects.filter(pk=membership.pk).update_unrecorded(post=sole)
    assert _flag(membership) is True
    Post.objects.filter(pk=sole.pk).update_unrecorded(is_sole_holder=False)
    assert _flag(membership) is False
    Membership.objects.filter(pk=membership.pk).update_unrecorded(is_sole_holder=True)  # by hand: copied again
    assert _flag(membership) is False


def test_every_derivative_is_declared_beside_its_model_in_rebuild_order():
    names = [derived.name for derived in derivatives()]
    assert "people_membership.is_sole_holder" in names
    keys = names.index("initiatives_initiative.facet_keys")
    assert names.index("initiatives_initiativefacetcount (counts of initiatives_initiative.facet_keys)") > keys
    assert {"initiatives_initiative.search_vector", "meetings_statement.search_vector"} <= set(names)


def test_the_check_finds_drift_of_each_kind_and_the_rebuild_mends_it():
    membership = MembershipFactory(post=PostFactory(is_sole_holder=False))
    with paused(Membership):  # a bulk load with the triggers off, and nothing rebuilt after
        Membership.objects.filter(pk=membership.pk).update_unrecorded(is_sole_holder=True)
        (copies,) = derivatives(Membership)
        assert check(copies) == 1
        errors = StringIO()
        with pytest.raises(CommandError, match="differ from a rebuild"):
            call_command("rebuild_derived", "--check", stdout=StringIO(), stderr=errors)
        assert "people_membership.is_sole_holder: 1 rows differ" in errors.getvalue()
        assert _flag(membership) is True  # a check changes nothing
        call_command("rebuild_derived", stdout=StringIO())
        assert _flag(membership) is False
    call_command("rebuild_derived", "--check", stdout=StringIO())


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search vectors are stored on PostgreSQL only")
def test_the_check_finds_a_stale_search_vector():
    from tests.factories import InitiativeFactory

    initiative = InitiativeFactory(name="Supercomputing centre")
    with connection.cursor() as cursor:  # the vector's trigger watches name and summary only
        cursor.execute("UPDATE initiatives_initiative SET search_vector = NULL WHERE id = %s", [initiative.pk])
    (vector, *_) = derivatives(Initiative)
    assert check(vector) == 1
    call_command("rebuild_derived", stdout=StringIO())
    assert check(vector) == 0
    assert Initiative.objects.filter(search_vector="supercomputing").exists()


def test_counts_paused_for_a_load_are_counted_after():
    from tests.website.conftest import published_initiative

    with paused(InitiativeFacetCount):
        published_initiative(status="launched")
        assert not InitiativeFacetCount.objects.filter(key="status:launched").exists()
    assert InitiativeFacetCount.objects.get(key="status:launched", other="").total == 1
