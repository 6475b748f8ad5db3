"""Who had taken part in a meeting by a date, as published participations describe it.

A participation happened when its meeting did: by `on` for certain once the meeting's start period is
over, not yet before it begins, unknown within it (a meeting known only as "2024", asked about
mid-2024). A meeting without a date has participants of unknown date.
"""

import datetime
from dataclasses import dataclass

from editorial.asof import NOT_YET, SURE, Derived, happened
from editorial.models import EditorialStatus
from meetings.models import Meeting, Participation
from sources.selectors import citations_by_record

PUBLISHED = EditorialStatus.PUBLISHED


@dataclass(frozen=True)
class Took:
    participation: Participation
    derived: Derived  # value: the participating person


def meeting_happened(meeting: Meeting, on: datetime.date) -> Derived:
    """Whether the meeting had begun by `on`."""
    start = meeting.partial_date("start_date")
    if start is None:
        return Derived(value=True, certain=False, between=(None, None), note="The meeting's date is not known")
    state = happened(start, on)
    if state == SURE:
        return Derived(value=True, certain=True)
    if state == NOT_YET:
        return Derived(value=False, certain=True, note=f"The meeting began after this date ({start.display()})")
    return Derived.during(start, "Held", value=True, otherwise=False)


def participants_on(meeting: Meeting, on: datetime.date) -> list[Took]:
    """The published participations of the meeting that had happened by `on`, with how sure, in two queries."""
    return participants_of_meetings_on([meeting], on)[meeting.pk]


def participants_of_meetings_on(meetings: list[Meeting], on: datetime.date) -> dict[int, list[Took]]:
    """`participants_on` for many meetings at once, in two queries whatever their number."""
    when = {meeting.pk: meeting_happened(meeting, on) for meeting in meetings}
    result: dict[int, list[Took]] = {pk: [] for pk in when}
    participations = list(
        Participation.objects.published()
        .filter(meeting__in=[pk for pk, held in when.items() if held.value], person__editorial_status=PUBLISHED)
        .select_related("person")
        .order_by("person__family_name", "person__full_name", "capacity", "pk")
    )
    citations = citations_by_record(Participation, [participation.pk for participation in participations])
    for participation in participations:
        held = when[participation.meeting_id]
        derived = Derived(
            value=participation.person,
            certain=held.certain,
            between=held.between,
            evidence=tuple(citations[participation.pk]),
            note=held.note,
        )
        result[participation.meeting_id].append(Took(participation, derived))
    return result
