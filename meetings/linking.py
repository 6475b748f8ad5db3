"""How the ingestion linker finds meetings, and turns suggested meetings and statements into drafts."""

import datetime

from articles.linking import registry
from editorial.dates import DatePrecision
from meetings.models import Meeting, MeetingKind, Rendering, Statement
from people.models import Person


def meeting_day(meeting: Meeting) -> datetime.date | None:
    """The meeting's date when it is known to the day."""
    if meeting.start_date and meeting.start_date_precision == DatePrecision.DAY:
        return meeting.start_date
    return None


def draft_meeting(*, name: str, data: dict) -> Meeting:
    """An unsaved draft meeting named as the article names it."""
    return Meeting(name=name, kind=MeetingKind.MEETING)


def draft_statement(*, name: str, data: dict) -> Statement:
    """An unsaved draft statement by the speaker the article names (who must be a known person)."""
    speaker = Person.objects.filter(pk=data.get("speaker_id")).first()
    if speaker is None:
        raise ValueError("The speaker is not a known person yet: accept or add the person first.")
    _speaker_name, _, clause = name.partition(": ")
    return Statement(
        speaker=speaker,
        rendering=Rendering.PARAPHRASED,
        summary=clause[:300],
        text=data.get("evidence", clause),
    )


def register() -> None:
    """Tell the ingestion pipeline about meetings and statements."""
    registry.register(
        "meeting", Meeting, names=registry.record_names(Meeting, "name"), date_of=meeting_day, draft=draft_meeting
    )
    registry.register("statement", Statement, draft=draft_statement)
