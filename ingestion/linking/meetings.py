"""How the ingestion linker finds meetings, and turns suggested meetings and statements into drafts."""

import datetime

from editorial.dates import DatePrecision
from ingestion.linking import registry
from initiatives.models import Initiative
from meetings.models import Meeting, MeetingKind, Rendering, Statement
from people.models import Person, Post


def meeting_day(meeting: Meeting) -> datetime.date | None:
    """The meeting's date when it is known to the day."""
    if meeting.start_date and meeting.start_date_precision == DatePrecision.DAY:
        return meeting.start_date
    return None


def draft_meeting(suggested: registry.Suggested) -> registry.Draft:
    """A draft meeting named as the article names it, on the date the sentence gives."""
    meeting = Meeting(name=suggested.name, kind=MeetingKind.MEETING)
    draft = registry.Draft(meeting)
    # Only the sentence's own date: an article often names a meeting held long before or after it.
    if not draft.carry_date("start_date", suggested.date(or_article=False), "start date"):
        draft.to_complete.append("the start date")
    draft.to_complete.append("the kind, place and host")
    return draft


def draft_statement(suggested: registry.Suggested) -> registry.Draft:
    """A draft statement by the speaker the article names (a known person), with what its sentence links."""
    speaker_id = suggested.data.get("speaker_id")
    speaker = Person.objects.filter(pk=speaker_id).first() if speaker_id is not None else None
    if speaker is None:
        raise ValueError("The speaker is not a known person yet: accept or add the person first.")
    _speaker_name, _, clause = suggested.name.partition(": ")
    statement = Statement(
        speaker=speaker, rendering=Rendering.PARAPHRASED, summary=clause[:300], text=suggested.sentence
    )
    draft = registry.Draft(statement, carried=[f"speaker {speaker}"])
    post = suggested.one("post")
    if post is not None:
        statement.post = Post.objects.get(pk=post)
        draft.carried.append(f"post {statement.post}")
    meeting = suggested.one("meeting")
    if meeting is not None:
        statement.meeting = Meeting.objects.get(pk=meeting)
        draft.carried.append(f"meeting {statement.meeting}")
    else:
        # The article's only meeting is no proof: a speaker says things between meetings too.
        draft.to_complete.append("the meeting, if it was said at one (the sentence names none)")
    if not draft.carry_date("date", suggested.date(or_article=True), "date"):
        draft.to_complete.append("the date (neither the sentence nor the article gives one)")
    initiatives = suggested.pks("initiative")
    if initiatives:
        draft.m2m["initiatives"] = initiatives
        names = Initiative.objects.filter(pk__in=initiatives).values_list("name", flat=True)
        draft.carried.append("initiatives " + ", ".join(sorted(names)))
    if suggested.amounts:
        draft.children["amounts"] = [
            {key: amount[key] for key in ("value", "currency", "qualifier", "surface")} for amount in suggested.amounts
        ]
        draft.carried.append("amounts " + ", ".join(amount["surface"] for amount in suggested.amounts))
    return draft


def register() -> None:
    """Tell the ingestion pipeline about meetings and statements."""
    registry.register(
        "meeting", Meeting, names=registry.record_names(Meeting, "name"), date_of=meeting_day, draft=draft_meeting
    )
    registry.register("statement", Statement, draft=draft_statement)
