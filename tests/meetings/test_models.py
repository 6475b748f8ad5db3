"""Invariants of meetings/: kept by the database, by `clean()`, and read through the QuerySets."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from editorial.dates import DatePrecision
from editorial.revisions import take
from editorial.workflow import save_record
from meetings.models import Capacity, MeetingAlias, Participation
from tests.constraints import assert_refused_by_database
from tests.factories import (
    MeetingFactory,
    ParticipationFactory,
    PersonFactory,
    StatementAmountFactory,
)

pytestmark = pytest.mark.django_db


# Identity


def test_meeting_alias_is_unique_per_record():
    meeting, other = MeetingFactory(), MeetingFactory()
    MeetingAlias.objects.create(record=meeting, name="FMM")
    MeetingAlias.objects.create(record=other, name="FMM")
    assert_refused_by_database(lambda: MeetingAlias.objects.create(record=meeting, name="FMM"))


# Meetings


def test_meeting_cannot_end_before_it_starts():
    assert_refused_by_database(
        lambda: MeetingFactory(start_date=datetime.date(2025, 10, 22), end_date=datetime.date(2025, 10, 21)),
        check="meeting_ends_after_start",
    )


def test_meeting_may_last_one_day_or_several():
    MeetingFactory(start_date=datetime.date(2025, 10, 22), end_date=datetime.date(2025, 10, 22))
    MeetingFactory(start_date=datetime.date(2025, 10, 20), end_date=datetime.date(2025, 10, 22))
    MeetingFactory(start_date=datetime.date(2025, 10, 22), end_date=None)
    assert MeetingFactory._meta.model.objects.count() == 3


def test_meeting_clean_normalises_a_series_to_its_year():
    meeting = MeetingFactory.build(start_date=datetime.date(2025, 5, 15), start_date_precision=DatePrecision.YEAR)
    meeting.full_clean()
    assert meeting.start_date == datetime.date(2025, 1, 1)


def test_a_session_may_belong_to_two_meetings():
    finance, structural_reform = MeetingFactory(), MeetingFactory()
    joint_session = MeetingFactory()
    joint_session.parents.set([finance, structural_reform])
    assert list(finance.parts.all()) == [joint_session]
    assert list(structural_reform.parts.all()) == [joint_session]


@pytest.mark.parametrize("parent", ["itself", "its session", "a session of its session"])
def test_a_meeting_is_not_part_of_itself_however_far_down(parent):
    series, meeting = MeetingFactory(kind="series"), MeetingFactory()
    session, sub_session = MeetingFactory(kind="session"), MeetingFactory(kind="session")
    meeting.parents.set([series])
    session.parents.set([meeting])
    sub_session.parents.set([session])
    below = {"itself": meeting, "its session": session, "a session of its session": sub_session}[parent]

    with pytest.raises(ValidationError, match="cannot be part of itself") as refused:
        save_record(record=meeting, by=None, data=take(meeting, m2m={"parents": [series, below]}))
    assert set(refused.value.message_dict) == {"parents"}
    assert list(meeting.parents.all()) == [series]


def test_a_meeting_may_be_part_of_two_meetings_that_share_a_series():
    series = MeetingFactory(kind="series")
    finance, structural_reform, joint_session = MeetingFactory(), MeetingFactory(), MeetingFactory(kind="session")
    for meeting in (finance, structural_reform):
        meeting.parents.set([series])
    save_record(record=joint_session, by=None, data=take(joint_session, m2m={"parents": [finance, structural_reform]}))
    assert set(joint_session.parents.all()) == {finance, structural_reform}


# Participations


def test_participation_capacity_is_unique_per_person_and_meeting():
    person, meeting = PersonFactory(), MeetingFactory()
    ParticipationFactory(person=person, meeting=meeting, capacity=Capacity.SPOKE)
    assert_refused_by_database(lambda: ParticipationFactory(person=person, meeting=meeting, capacity=Capacity.SPOKE))


def test_participation_may_record_several_capacities_and_several_meetings():
    person, meeting = PersonFactory(), MeetingFactory()
    ParticipationFactory(person=person, meeting=meeting, capacity=Capacity.ATTENDED)
    ParticipationFactory(person=person, meeting=meeting, capacity=Capacity.SPOKE)
    ParticipationFactory(person=person, capacity=Capacity.SPOKE)
    ParticipationFactory(meeting=meeting, capacity=Capacity.SPOKE)
    assert Participation.objects.filter(person=person).count() == 3
    assert Participation.objects.filter(meeting=meeting).count() == 3


# Statement amounts


def test_statement_amount_is_not_negative():
    assert_refused_by_database(
        lambda: StatementAmountFactory(value=Decimal("-200")), check="statement_amount_value_not_negative"
    )


def test_statement_amount_may_be_zero():
    assert StatementAmountFactory(value=Decimal("0")).pk is not None


def test_statement_amount_needs_a_currency():
    assert_refused_by_database(lambda: StatementAmountFactory(currency=""), check="statement_amount_has_currency")


# QuerySets
