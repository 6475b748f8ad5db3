"""An initiative on a date: status and budget from published milestones, precision honoured."""

import datetime
from decimal import Decimal

import pytest

from editorial.asof import AsOf, BadAsOf
from editorial.dates import DatePrecision
from initiatives.asof import initiatives_on, with_status_as_of
from initiatives.models import Initiative, MilestoneKind
from tests.factories import CitationFactory, InitiativeFactory, MilestoneFactory

pytestmark = pytest.mark.django_db
PUBLISHED = "published"
day = datetime.date


def _milestone(initiative, kind, date, precision=DatePrecision.DAY, **kwargs):
    milestone = MilestoneFactory(
        initiative=initiative, kind=kind, date=date, date_precision=precision, editorial_status=PUBLISHED, **kwargs
    )
    CitationFactory(record=milestone, editorial_status=PUBLISHED)
    return milestone


def _status(initiative, on):
    return initiatives_on([initiative], on)[initiative.pk].status


def _sql_status(initiative, on):
    return with_status_as_of(Initiative.objects.filter(pk=initiative.pk), on).values_list("status_as_of", flat=True)[0]


@pytest.mark.parametrize(
    ("precision", "date", "before", "inside", "after"),
    [
        (DatePrecision.YEAR, day(2024, 1, 1), day(2023, 12, 31), day(2024, 6, 1), day(2025, 1, 1)),
        (DatePrecision.MONTH, day(2024, 6, 1), day(2024, 5, 31), day(2024, 6, 15), day(2024, 7, 1)),
        (DatePrecision.DAY, day(2024, 6, 1), day(2024, 5, 31), None, day(2024, 6, 1)),
    ],
)
def test_status_on_honours_the_precision_of_a_milestone(precision, date, before, inside, after):
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    _milestone(initiative, MilestoneKind.ANNOUNCED, day(2020, 3, 4))
    launched = _milestone(initiative, MilestoneKind.LAUNCHED, date, precision)

    earlier = _status(initiative, before)
    assert (earlier.value, earlier.certain) == ("announced", True)
    later = _status(initiative, after)
    assert (later.value, later.certain) == ("launched", True)
    assert [citation.object_id for citation in later.evidence] == [launched.pk]
    if inside is not None:
        unsure = _status(initiative, inside)
        assert (unsure.value, unsure.certain, unsure.otherwise) == ("launched", False, "announced")
        first = launched.partial_date("date")
        assert unsure.between == (first.date, first.last_day)
        assert "before or after this date is not known" in unsure.note
        assert _sql_status(initiative, inside) == "launched"
    assert _sql_status(initiative, before) == "announced"
    assert _sql_status(initiative, after) == "launched"


def test_year_milestone_matches_the_issue_example():
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    _milestone(initiative, MilestoneKind.LAUNCHED, day(2024, 1, 1), DatePrecision.YEAR)
    status = _status(initiative, day(2024, 6, 1))
    assert (status.value, status.certain, status.between_iso) == ("launched", False, ["2024-01-01", "2024-12-31"])
    assert status.note == "Launched during 2024: before or after this date is not known"
    assert _status(initiative, day(2023, 12, 31)).value is None


def test_status_goes_launched_suspended_resumed():
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    _milestone(initiative, MilestoneKind.LAUNCHED, day(2021, 5, 1))
    suspended = _milestone(initiative, MilestoneKind.SUSPENDED, day(2022, 3, 1), DatePrecision.MONTH)
    resumed = _milestone(initiative, MilestoneKind.RESUMED, day(2023, 2, 10))

    assert _status(initiative, day(2021, 12, 31)).value == "launched"
    during = _status(initiative, day(2022, 3, 15))
    assert (during.value, during.certain, during.otherwise) == ("suspended", False, "launched")
    assert _status(initiative, day(2022, 6, 1)).value == "suspended"
    assert [c.object_id for c in _status(initiative, day(2022, 6, 1)).evidence] == [suspended.pk]
    back = _status(initiative, day(2023, 2, 10))
    assert (back.value, back.certain) == ("launched", True)
    assert [c.object_id for c in back.evidence] == [resumed.pk]
    for on in (day(2021, 12, 31), day(2022, 6, 1), day(2023, 2, 10)):
        assert _sql_status(initiative, on) == _status(initiative, on).value


def test_an_unpublished_milestone_never_changes_the_answer():
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    _milestone(initiative, MilestoneKind.LAUNCHED, day(2021, 5, 1))
    MilestoneFactory(initiative=initiative, kind=MilestoneKind.DISCONTINUED, date=day(2022, 1, 1))  # a draft
    MilestoneFactory(
        initiative=initiative, kind=MilestoneKind.FUNDED, date=day(2022, 1, 1), amount=Decimal(5), currency="HKD"
    )
    answer = initiatives_on([initiative], day(2024, 1, 1))[initiative.pk]
    assert answer.status.value == "launched"
    assert answer.budget.value is None
    assert _sql_status(initiative, day(2024, 1, 1)) == "launched"


def test_an_unpublished_citation_is_no_evidence():
    initiative = InitiativeFactory(editorial_status=PUBLISHED)
    milestone = MilestoneFactory(
        initiative=initiative, kind=MilestoneKind.LAUNCHED, date=day(2021, 5, 1), editorial_status=PUBLISHED
    )
    CitationFactory(record=milestone)  # a draft citation
    assert _status(initiative, day(2022, 1, 1)).evidence == ()


def test_budget_as_stated_by_then():
    initiative = InitiativeFactory(
        editorial_status=PUBLISHED,
        budget_amount=Decimal(300),
        budget_currency="HKD",
        budget_qualifier="about",
        budget_as_of=day(2024, 1, 1),
        budget_as_of_precision=DatePrecision.YEAR,
    )
    CitationFactory(record=initiative, field="budget", editorial_status=PUBLISHED)
    _milestone(initiative, MilestoneKind.FUNDED, day(2022, 4, 1), amount=Decimal(100), currency="HKD")

    def budget(on):
        return initiatives_on([initiative], on)[initiative.pk].budget

    assert budget(day(2022, 3, 31)).value is None
    assert budget(day(2022, 4, 1)).value["amount"] == Decimal(100)
    unsure = budget(day(2024, 6, 1))
    assert (unsure.value["amount"], unsure.certain, unsure.otherwise["amount"]) == (Decimal(300), False, Decimal(100))
    assert unsure.value["qualifier"] == "about"
    assert [c.field for c in unsure.evidence] == ["budget"]
    assert budget(day(2025, 1, 1)).certain


def test_as_of_reads_reduced_precision_and_refuses_the_rest():
    assert AsOf.parse("2024").day == day(2024, 12, 31)
    assert AsOf.parse("2024-02").day == day(2024, 2, 29)
    assert AsOf.parse("2024-06-01").day == day(2024, 6, 1)
    for bad in ("2024-13", "2024-02-30", "June 2024", "", "2024-6-1"):
        with pytest.raises(BadAsOf):
            AsOf.parse(bad)


def test_initiatives_on_costs_two_queries_for_one_or_many(django_assert_num_queries):
    initiatives = [InitiativeFactory(editorial_status=PUBLISHED) for _ in range(5)]
    for initiative in initiatives:
        _milestone(initiative, MilestoneKind.LAUNCHED, day(2021, 5, 1))
    initiatives_on(initiatives[:1], day(2022, 1, 1))  # content types cached
    with django_assert_num_queries(2):
        initiatives_on(initiatives[:1], day(2022, 1, 1))
    with django_assert_num_queries(2):
        answers = initiatives_on(initiatives, day(2022, 1, 1))
    assert {answer.status.value for answer in answers.values()} == {"launched"}
