"""Invariants of initiatives/: kept by the database, by `clean()`, and read through the QuerySets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from editorial.dates import DatePrecision
from editorial.models import EditorialStatus
from initiatives.models import Initiative, InitiativeAlias, Milestone
from tests.constraints import assert_refused_by_database
from tests.factories import InitiativeFactory, MilestoneFactory, ThemeFactory

pytestmark = pytest.mark.django_db


# Identity


def test_theme_name_is_unique():
    ThemeFactory(name="Innovation and technology")
    assert_refused_by_database(lambda: ThemeFactory(name="Innovation and technology"))


def test_initiative_alias_is_unique_per_record():
    initiative, other = InitiativeFactory(), InitiativeFactory()
    InitiativeAlias.objects.create(record=initiative, name="NIF")
    InitiativeAlias.objects.create(record=other, name="NIF")
    assert_refused_by_database(lambda: InitiativeAlias.objects.create(record=initiative, name="NIF"))


# Initiatives


def test_initiative_cannot_end_before_it_starts():
    assert_refused_by_database(
        lambda: InitiativeFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2023, 12, 31)),
        check="initiative_ends_after_start",
    )


def test_initiative_may_end_the_day_it_starts_or_have_one_date_only():
    InitiativeFactory(start_date=datetime.date(2024, 1, 1), end_date=datetime.date(2024, 1, 1))
    InitiativeFactory(start_date=None, end_date=datetime.date(2024, 1, 1))
    InitiativeFactory(start_date=datetime.date(2024, 1, 1), end_date=None)
    assert Initiative.objects.count() == 3


def test_initiative_budget_is_not_negative():
    assert_refused_by_database(
        lambda: InitiativeFactory(budget_amount=Decimal("-1"), budget_currency="HKD"),
        check="initiative_budget_amount_not_negative",
    )


def test_initiative_budget_may_be_zero():
    assert InitiativeFactory(budget_amount=Decimal("0"), budget_currency="HKD").pk is not None


def test_initiative_budget_needs_a_currency():
    assert_refused_by_database(
        lambda: InitiativeFactory(budget_amount=Decimal("10000000000"), budget_currency=""),
        check="initiative_budget_has_currency",
    )


def test_initiative_without_budget_needs_no_currency():
    initiative = InitiativeFactory(budget_amount=None, budget_currency="")
    initiative.refresh_from_db()
    assert (initiative.budget_amount, initiative.budget_currency) == (None, "")


def test_initiative_keeps_its_budget_exactly():
    initiative = InitiativeFactory(budget_amount=Decimal("10000000000.50"), budget_currency="HKD")
    initiative.refresh_from_db()
    assert initiative.budget_amount == Decimal("10000000000.50")


def test_initiative_is_not_its_own_parent():
    initiative = InitiativeFactory()
    initiative.parent = initiative
    assert_refused_by_database(initiative.save, check="initiative_not_own_parent")


def test_initiative_is_not_part_of_one_below_it():
    top = InitiativeFactory()
    middle = InitiativeFactory(parent=top)
    bottom = InitiativeFactory(parent=middle)
    top.parent = bottom
    with pytest.raises(ValidationError, match="cannot be part of itself"):
        top.full_clean()


def test_initiative_may_be_part_of_another():
    programme = InitiativeFactory()
    scheme = InitiativeFactory(parent=programme)
    assert list(programme.children.all()) == [scheme]


# Milestones


def test_milestone_amount_is_not_negative():
    assert_refused_by_database(
        lambda: MilestoneFactory(amount=Decimal("-0.01"), currency="HKD"), check="milestone_amount_not_negative"
    )


def test_milestone_amount_needs_a_currency():
    assert_refused_by_database(
        lambda: MilestoneFactory(amount=Decimal("100"), currency=""), check="milestone_amount_has_currency"
    )


def test_milestone_without_amount_needs_no_currency():
    assert MilestoneFactory(amount=None, currency="").pk is not None


def test_milestone_str_shows_its_date_at_its_precision():
    milestone = MilestoneFactory(
        initiative__name="AI Supercomputing Centre", date=datetime.date(2024, 10, 1), date_precision=DatePrecision.MONTH
    )
    assert str(milestone) == "AI Supercomputing Centre: announced October 2024"


# CuratedRecord.clean


def test_clean_normalises_a_year_to_1_january():
    initiative = InitiativeFactory.build(
        start_date=datetime.date(2024, 6, 15),
        start_date_precision=DatePrecision.YEAR,
        announced_date=datetime.date(2023, 10, 25),
        announced_date_precision=DatePrecision.MONTH,
        end_date=datetime.date(2026, 3, 31),
    )
    initiative.full_clean()
    assert initiative.start_date == datetime.date(2024, 1, 1)
    assert initiative.announced_date == datetime.date(2023, 10, 1)
    assert initiative.end_date == datetime.date(2026, 3, 31)
    assert initiative.budget_as_of is None


def test_clean_normalises_a_milestone_date():
    milestone = MilestoneFactory.build(
        initiative=InitiativeFactory(), date=datetime.date(2024, 10, 16), date_precision=DatePrecision.YEAR
    )
    milestone.full_clean()
    assert milestone.date == datetime.date(2024, 1, 1)
    assert milestone.partial_date("date").display() == "2024"


# QuerySets


def test_milestones_of_a_published_initiative_are_filtered_on_their_own_status():
    initiative = InitiativeFactory(editorial_status=EditorialStatus.PUBLISHED)
    published = MilestoneFactory(initiative=initiative, editorial_status=EditorialStatus.PUBLISHED)
    MilestoneFactory(initiative=initiative)
    assert list(Milestone.objects.filter(initiative=initiative).published()) == [published]
