"""The "as of" date of a page (`?as_of=2024-06-01`): what the published sources said was true on that date.

The page reads the date, asks the domain (initiatives.asof, people.asof, meetings.asof) and shows a banner,
the derived values with links to their evidence, and the date on the timeline.
"""

from django.http import HttpRequest

from editorial.asof import AsOf, BadAsOf
from initiatives.asof import initiatives_on
from initiatives.models import Initiative, InitiativeStatus
from meetings.asof import participants_on
from meetings.models import Meeting
from people.asof import posts_on
from people.models import Person
from website.listing import BadListRequest

STATUS_LABELS = dict(InitiativeStatus.choices)


def read_as_of(request: HttpRequest) -> AsOf | None:
    """The page's `as_of`, None without one; BadListRequest (a 400 that says why) when it is not a date."""
    value = (request.GET.get("as_of") or "").strip()
    if not value:
        return None
    try:
        return AsOf.parse(value)
    except BadAsOf as error:
        raise BadListRequest(f"as_of: {error}") from None


def initiative_as_of(request: HttpRequest, initiative: Initiative) -> dict:
    """The initiative's status, budget and responsible body on the page's date, for its template."""
    as_of = read_as_of(request)
    if as_of is None:
        return {}
    answer = initiatives_on([initiative], as_of.day)[initiative.pk]
    return {"as_of": as_of, "as_of_values": answer, "as_of_status_label": STATUS_LABELS.get(answer.status.value)}


def person_as_of(request: HttpRequest, person: Person) -> dict:
    as_of = read_as_of(request)
    return {} if as_of is None else {"as_of": as_of, "as_of_held": posts_on(person, as_of.day)}


def meeting_as_of(request: HttpRequest, meeting: Meeting) -> dict:
    as_of = read_as_of(request)
    return {} if as_of is None else {"as_of": as_of, "as_of_took": participants_on(meeting, as_of.day)}
