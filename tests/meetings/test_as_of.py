"""A meeting's participants on a date."""

import datetime

import pytest

from editorial.dates import DatePrecision
from meetings.asof import participants_on
from tests.factories import MeetingFactory, ParticipationFactory

pytestmark = pytest.mark.django_db
PUBLISHED = "published"
day = datetime.date


def test_participants_on_follow_the_meetings_date():
    meeting = MeetingFactory(
        editorial_status=PUBLISHED, start_date=day(2024, 5, 1), start_date_precision=DatePrecision.MONTH
    )
    took = ParticipationFactory(meeting=meeting, person__editorial_status=PUBLISHED, editorial_status=PUBLISHED)
    ParticipationFactory(meeting=meeting, person__editorial_status=PUBLISHED)  # a draft
    assert participants_on(meeting, day(2024, 4, 30)) == []
    unsure = participants_on(meeting, day(2024, 5, 10))
    assert [(t.derived.value, t.derived.certain) for t in unsure] == [(took.person, False)]
    sure = participants_on(meeting, day(2024, 6, 1))
    assert [(t.derived.value, t.derived.certain) for t in sure] == [(took.person, True)]
