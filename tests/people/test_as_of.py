"""Who held a post on a date: partial starts and ends, and a start nobody recorded."""

import datetime

import pytest

from editorial.dates import DatePrecision
from people.asof import holders_on, posts_of_people_on, posts_on
from tests.factories import ArticleFactory, CitationFactory, MembershipFactory, PostFactory

pytestmark = pytest.mark.django_db
PUBLISHED = "published"
day = datetime.date


def _post():
    return PostFactory(editorial_status=PUBLISHED, organization__editorial_status=PUBLISHED)


def _membership(post, **kwargs):
    return MembershipFactory(post=post, person__editorial_status=PUBLISHED, editorial_status=PUBLISHED, **kwargs)


def _answer(post, on):
    return [(held.derived.value, held.derived.certain) for held in holders_on(post, on)]


def test_a_year_start_is_unknown_within_the_year_and_sure_after():
    post = _post()
    membership = _membership(post, start_date=day(2022, 1, 1), start_date_precision=DatePrecision.YEAR)
    person = membership.person
    assert _answer(post, day(2021, 12, 31)) == []
    assert _answer(post, day(2022, 6, 1)) == [(person, False)]
    assert holders_on(post, day(2022, 6, 1))[0].derived.between == (day(2022, 1, 1), day(2022, 12, 31))
    assert _answer(post, day(2023, 1, 1)) == [(person, True)]


def test_a_month_end_is_unknown_within_the_month_and_over_after():
    post = _post()
    membership = _membership(
        post, start_date=day(2020, 3, 2), end_date=day(2023, 6, 30), end_date_precision=DatePrecision.MONTH
    )
    assert _answer(post, day(2023, 5, 31)) == [(membership.person, True)]
    unsure = holders_on(post, day(2023, 6, 10))[0].derived
    assert (unsure.certain, unsure.between) == (False, (day(2023, 6, 1), day(2023, 6, 30)))
    assert unsure.note.startswith("Ended during June 2023")
    assert _answer(post, day(2023, 7, 1)) == []


def test_a_day_end_is_held_on_that_day_only():
    post = _post()
    membership = _membership(post, start_date=day(2020, 3, 2), end_date=day(2023, 6, 30))
    assert _answer(post, day(2020, 3, 1)) == []
    assert _answer(post, day(2020, 3, 2)) == [(membership.person, True)]
    assert _answer(post, day(2023, 6, 30)) == [(membership.person, True)]
    assert _answer(post, day(2023, 7, 1)) == []


def test_a_membership_without_a_start_is_unknown_before_its_earliest_evidence():
    post = _post()
    membership = _membership(post, start_date=None)
    article = ArticleFactory(published_at=datetime.datetime(2024, 3, 5, 12, tzinfo=datetime.UTC))
    citation = CitationFactory(record=membership, article=article, editorial_status=PUBLISHED)
    # A draft citation of an earlier article is no evidence: it must not move the date.
    CitationFactory(
        record=membership, article=ArticleFactory(published_at=datetime.datetime(2020, 1, 1, 12, tzinfo=datetime.UTC))
    )
    before = holders_on(post, day(2024, 3, 4))[0].derived
    assert (before.certain, before.between) == (False, (None, day(2024, 3, 5)))
    assert "2024-03-05" in before.note
    after = holders_on(post, day(2024, 3, 5))[0].derived
    assert (after.value, after.certain, after.evidence) == (membership.person, True, (citation,))


def test_a_draft_membership_never_answers():
    post = _post()
    MembershipFactory(post=post, person__editorial_status=PUBLISHED, start_date=day(2020, 1, 1))
    assert holders_on(post, day(2021, 1, 1)) == []


def test_posts_of_a_person_and_of_many_people_in_two_queries(django_assert_num_queries):
    memberships = [_membership(_post(), start_date=day(2020, 1, 1)) for _ in range(4)]
    person = memberships[0].person
    assert [held.derived.value for held in posts_on(person, day(2021, 1, 1))] == [memberships[0].post]
    people = [membership.person.pk for membership in memberships]
    with django_assert_num_queries(2):
        posts_of_people_on(people[:1], day(2021, 1, 1))
    with django_assert_num_queries(2):
        held = posts_of_people_on(people, day(2021, 1, 1))
    assert all(len(posts) == 1 for posts in held.values())
