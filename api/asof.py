"""`?as_of=YYYY[-MM[-DD]]`: each record of a response with what the sources said was true on that date.

The record itself is as published today; `as_of` beside it holds the values derived for the date (see
editorial.asof), each with `certain`, `between` (the first and last day the deciding event may have
happened on), `otherwise` (the value had it not happened yet), a `note` and its `evidence` (citations).
A page of any length costs the same few queries more (the domain's bulk reads).
"""

from decimal import Decimal

from drf_spectacular.utils import OpenApiParameter

from api.errors import BadRequest
from editorial.asof import AsOf, BadAsOf, Derived
from editorial.public import Context
from editorial.public.readers import ref
from initiatives.asof import initiatives_on
from initiatives.models import Initiative
from meetings.asof import participants_of_meetings_on
from meetings.models import Meeting
from people.asof import holders_of_posts_on, posts_of_people_on

PARAMETER = OpenApiParameter(
    "as_of",
    str,
    OpenApiParameter.QUERY,
    description=(
        "A date, YYYY, YYYY-MM or YYYY-MM-DD (a year or month means its last day). Each record then carries "
        "`as_of`: what its published evidence says was true on that date (status, budget, responsible body; a "
        "post's holders; a person's posts; a meeting's participants), each value with `certain`, `between` (the "
        "first and last day the deciding event may have happened on, when not certain), `otherwise`, `note` and "
        "`evidence` (the citations it rests on). The record's other fields are as published today."
    ),
    pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$",
)


def read_as_of(request) -> AsOf | None:
    """The request's `as_of`, None without one; a 400 in the API's error shape when it is not a date."""
    value = request.query_params.get("as_of")
    if value is None:
        return None
    try:
        return AsOf.parse(value)
    except BadAsOf as error:
        raise BadRequest(
            "invalid_as_of", str(error), {"as_of": value, "expected": "YYYY, YYYY-MM or YYYY-MM-DD"}
        ) from None


def _plain(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _evidence(ctx: Context, citations) -> list[dict]:
    return [
        {
            "id": citation.uuid,
            "url": ctx.api_url("citations", citation.uuid),
            "field": citation.field,
            "article": None
            if citation.article is None
            else ref(ctx, "articles", citation.article.uuid, str(citation.article)),
            "passage": citation.passage,
            "source_url": citation.url,
        }
        for citation in citations
    ]


def derived(ctx: Context, key: str, answer: Derived, value=None) -> dict:
    """One derived value as partners read it: `{key: value, "certain": ..., "between": ..., "evidence": [...]}`."""
    otherwise = answer.otherwise
    return {
        key: _plain(answer.value) if value is None else value,
        "certain": answer.certain,
        "between": answer.between_iso,
        "otherwise": _plain(otherwise),
        "note": answer.note,
        "evidence": _evidence(ctx, answer.evidence),
    }


def _initiatives(ctx: Context, pks: list[int], as_of: AsOf) -> dict[int, dict]:
    initiatives = list(Initiative.objects.filter(pk__in=pks).select_related("responsible_organization"))
    answers = initiatives_on(initiatives, as_of.day)
    result = {}
    for initiative in initiatives:
        answer = answers[initiative.pk]
        body = answer.responsible_organization.value
        live = body is not None and body.is_live
        result[initiative.pk] = {
            "status": derived(ctx, "status", answer.status),
            "budget": derived(ctx, "budget", answer.budget),
            "responsible_organization": derived(
                ctx,
                "responsible_organization",
                answer.responsible_organization,
                ref(ctx, "organizations", body.uuid, body.name) if live else None,
            ),
        }
    return result


def _held(ctx: Context, held, key: str, resource: str) -> list[dict]:
    return [
        derived(ctx, key, item.derived, ref(ctx, resource, item.derived.value.uuid, str(item.derived.value)))
        for item in held
    ]


def _posts(ctx: Context, pks: list[int], as_of: AsOf) -> dict[int, dict]:
    holders = holders_of_posts_on(pks, as_of.day)
    return {pk: {"holders": _held(ctx, held, "person", "people")} for pk, held in holders.items()}


def _people(ctx: Context, pks: list[int], as_of: AsOf) -> dict[int, dict]:
    posts = posts_of_people_on(pks, as_of.day)
    return {pk: {"posts": _held(ctx, held, "post", "posts")} for pk, held in posts.items()}


def _meetings(ctx: Context, pks: list[int], as_of: AsOf) -> dict[int, dict]:
    meetings = list(Meeting.objects.filter(pk__in=pks).only("start_date", "start_date_precision"))
    took = participants_of_meetings_on(meetings, as_of.day)
    return {
        pk: {
            "participants": [
                {
                    **derived(
                        ctx,
                        "person",
                        item.derived,
                        ref(ctx, "people", item.derived.value.uuid, str(item.derived.value)),
                    ),
                    "capacity": item.participation.capacity,
                }
                for item in items
            ]
        }
        for pk, items in took.items()
    }


READERS = {"initiatives": _initiatives, "posts": _posts, "people": _people, "meetings": _meetings}


def add_as_of(request, resource_name: str, ctx: Context, rows: list[tuple], results: list[dict]) -> None:
    """Give each result its `as_of` when the request asks for one (rows' first column is the pk)."""
    as_of = read_as_of(request)
    if as_of is None or resource_name not in READERS:
        return
    answers = READERS[resource_name](ctx, [row[0] for row in rows], as_of)
    for row, result in zip(rows, results, strict=True):
        result["as_of"] = {"date": as_of.day.isoformat(), "asked": str(as_of), **answers.get(row[0], {})}


_DERIVED = {
    "type": "object",
    "description": "A value as the sources described it on the date: the value under its own name (status, budget, "
    "responsible_organization, person, post), `certain`, `between` (first and last possible day of the deciding "
    "event, when not certain; null when not known), `otherwise` (the value had it not happened yet), `note` and "
    "`evidence` (the citations it rests on).",
    "properties": {
        "certain": {"type": "boolean"},
        "between": {"type": "array", "items": {"type": "string", "format": "date", "nullable": True}, "nullable": True},
        "note": {"type": "string"},
        "evidence": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": True,
}
PAYLOADS = {
    "Initiative": ("status", "budget", "responsible_organization"),
    "Post": ("holders",),
    "Person": ("posts",),
    "Meeting": ("participants",),
}


def as_of_payload(result, generator, request, public):
    """Declare `as_of`, present only when `?as_of=` is asked, on the records that answer it (PARAMETER says how)."""
    schemas = result.get("components", {}).get("schemas", {})
    for name, keys in PAYLOADS.items():
        if name not in schemas:
            continue
        properties = {
            "date": {"type": "string", "format": "date", "description": "The day asked about (a period's last day)."},
            "asked": {"type": "string", "description": "The date as asked: YYYY, YYYY-MM or YYYY-MM-DD."},
        }
        for key in keys:
            many = key in ("holders", "posts", "participants")
            properties[key] = {"type": "array", "items": _DERIVED} if many else _DERIVED
        schemas[name].setdefault("properties", {})["as_of"] = {
            "type": "object",
            "description": "Only with `?as_of=`: what the published evidence says was true on that date.",
            "properties": properties,
        }
    return result
