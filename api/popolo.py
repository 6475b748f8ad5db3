"""The Popolo export (/api/v1/popolo.json): people, organizations, posts, memberships and meetings as events.

Popolo (https://www.popoloproject.com/specs/) names things its own way: `name` and `other_names`, not
`full_name` and `aliases`; `parent_id`, not a reference object; dates as "2024" or "2024-10" strings; a
membership names its organization and role. Each class here is mapped from the kind's public shape
(the same plan, so the same `published()` rule, as every other public read), in a fixed number of
queries whatever the number of records. Records are identified by their UUID (`id`), the `*_id`
properties by the UUID of what they name; the API's address of each is in its `links`. What is not
public is not there, nor is what would point at it: a post of an unpublished organization, a
membership of an unpublished person or post. Absent values are left out, never null.
"""

from django.db.models import Q
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.response import Response

from api.conditional import last_public_write, not_modified
from api.popolo_shape import PopoloSerializer
from api.renderers import OrjsonRenderer
from api.viewsets import JSONErrorsMixin, context_for
from editorial.models import AliasKind
from editorial.public import Context, plan_for
from editorial.public.resources import Resource
from meetings.models import Participation
from meetings.public import MEETINGS
from people.public import MEMBERSHIPS, ORGANIZATIONS, PEOPLE, POSTS
from sources.models import Article

ALIAS_NOTES = dict(AliasKind.choices)


def _records(resource: Resource, ctx: Context) -> list[dict]:
    """Every published record of a kind, in its public shape: one query, and one per list it carries on SQLite."""
    plan = plan_for(resource.shape, resource)
    rows = list(plan.queryset().order_by("pk"))
    return plan.complete(rows, ctx)


def _date(value: dict | None) -> str | None:
    return None if value is None else value["date"]


def _id(reference: dict | None) -> str | None:
    return None if reference is None else str(reference["id"])


def _present(**values) -> dict:
    """Popolo leaves out what it does not know: no nulls, no empty strings, no empty lists."""
    return {key: value for key, value in values.items() if value not in (None, "", [])}


def _other_names(record: dict, *extra: dict) -> list[dict]:
    names = [*extra]
    for alias in record["aliases"]:
        note = ALIAS_NOTES.get(alias["kind"], alias["kind"])
        names.append(_present(name=alias["name"], note=f"{note} ({alias['language']})" if alias["language"] else note))
    return names


def _identifiers(record: dict) -> list[dict]:
    return [{"identifier": item["value"], "scheme": item["scheme"]} for item in record["identifiers"]]


def _links(record: dict, *extra: dict) -> list[dict]:
    """The record in this API and on the website, then `extra`, then its pages in the systems that identify it."""
    links = [{"url": record["url"], "note": "This record in the Initiative Tracker API"}]
    if record.get("web_url"):
        links.append({"url": record["web_url"], "note": "This record on the Initiative Tracker website"})
    links += extra
    links += [{"url": item["url"], "note": item["scheme"]} for item in record["identifiers"] if item["url"]]
    return links


def _sources(record: dict, articles: dict[str, str]) -> list[dict]:
    """Each published citation: the article's address (or the URL cited) and, as its note, what it says."""
    sources = []
    for citation in record["citations"]:
        article = citation["article"]
        url = articles.get(str(article["id"])) if article else citation["source_url"]
        title = article["name"] if article else citation["source_title"]
        passage = f"“{citation['passage']}”" if citation["passage"] else ""
        supports = f"(supports: {citation['field']})" if citation["field"] else ""
        if url:
            sources.append(_present(url=url, note=" ".join(part for part in (title, passage, supports) if part)))
    return sources


def _article_urls(records: list[dict], ctx: Context) -> dict[str, str]:
    """The address of each cited article: where it was published, or its page here (a file has no address)."""
    cited = {citation["article"]["id"] for record in records for citation in record["citations"] if citation["article"]}
    rows = Article.objects.filter(uuid__in=cited).values_list("uuid", "canonical_url", "url", "pk")
    return {str(uuid): canonical or url or f"{ctx.site_base}/articles/{pk}/" for uuid, canonical, url, pk in rows}


def _metadata(record: dict, articles: dict[str, str]) -> dict:
    return {"created_at": record["created"], "updated_at": record["updated"], "sources": _sources(record, articles)}


def person(record: dict, articles: dict[str, str]) -> dict:
    original = record["original_script_name"]
    listed = {"", *(alias["name"] for alias in record["aliases"])}
    script = [] if original in listed else [{"name": original, "note": ALIAS_NOTES[AliasKind.ORIGINAL_SCRIPT]}]
    return _present(
        id=str(record["id"]),
        name=record["full_name"],
        other_names=_other_names(record, *script),
        identifiers=_identifiers(record),
        family_name=record["family_name"],
        given_name=record["given_name"],
        honorific_prefix=record["honorific_prefix"],
        honorific_suffix=record["honorific_suffix"],
        biography=record["bio"],
        links=_links(record),
        **_metadata(record, articles),
    )


def organization(record: dict, articles: dict[str, str]) -> dict:
    website = [{"url": record["website"], "note": "Official website"}] if record["website"] else []
    return _present(
        id=str(record["id"]),
        name=record["name"],
        other_names=_other_names(record),
        identifiers=_identifiers(record),
        classification=record["kind"],
        parent_id=_id(record["parent"]),
        founding_date=_date(record["founded_date"]),
        dissolution_date=_date(record["dissolved_date"]),
        links=_links(record, *website),
        **_metadata(record, articles),
    )


def post(record: dict, articles: dict[str, str]) -> dict:
    return _present(
        id=str(record["id"]),
        label=record["title"],
        other_label=[alias["name"] for alias in record["aliases"]],
        # The post's title is the function its holder fulfils: a Financial Secretary.
        role=record["title"],
        organization_id=_id(record["organization"]),
        links=_links(record),
        **_metadata(record, articles),
    )


def membership(record: dict, held: dict, articles: dict[str, str]) -> dict:
    return _present(
        id=str(record["id"]),
        label=f"{record['person']['name']} as {held['label']}",
        role=held["role"],
        person_id=_id(record["person"]),
        organization_id=held["organization_id"],
        post_id=held["id"],
        start_date=_date(record["start_date"]),
        end_date=_date(record["end_date"]),
        links=_links(record),
        **_metadata(record, articles),
    )


def event(record: dict, attendees: dict[str, list[dict]], articles: dict[str, str]) -> dict:
    country = record["country"]
    location = ", ".join(part for part in (record["venue"], record["locality"], country and country["name"]) if part)
    # Popolo's event has one parent: a joint session part of two meetings names the first by name.
    parents = record["parents"]
    return _present(
        id=str(record["id"]),
        name=record["name"],
        description=record["description"],
        start_date=_date(record["start_date"]),
        end_date=_date(record["end_date"]),
        location=location,
        identifiers=_identifiers(record),
        classification=record["kind"],
        organization_id=_id(record["organizer"]),
        attendees=attendees.get(str(record["id"]), []),
        parent_id=_id(parents[0]) if parents else None,
        **_metadata(record, articles),
    )


def _attendees() -> dict[str, list[dict]]:
    """Who took part in each event, as Popolo's abbreviated persons {id, name}: published participations of
    published people in published meetings, one query."""
    rows = (
        Participation.objects.published()
        .filter(Q(person__in=PEOPLE.public_queryset()) & Q(meeting__in=MEETINGS.public_queryset()))
        .order_by("meeting_id", "person__full_name", "person_id")
        .values_list("meeting__uuid", "person__uuid", "person__full_name")
        .distinct()
    )
    by_meeting: dict[str, list[dict]] = {}
    for meeting, uuid, name in rows:
        by_meeting.setdefault(str(meeting), []).append({"id": str(uuid), "name": name})
    return by_meeting


def build_popolo(ctx: Context) -> dict:
    """The whole public record in Popolo's classes: {persons, organizations, posts, memberships, events}."""
    people, organizations, posts, memberships, meetings = (
        _records(resource, ctx) for resource in (PEOPLE, ORGANIZATIONS, POSTS, MEMBERSHIPS, MEETINGS)
    )
    articles = _article_urls([*people, *organizations, *posts, *memberships, *meetings], ctx)
    # A post cannot exist outside an organization, nor a membership without its person and post (Popolo §4).
    popolo_posts = {str(row["id"]): post(row, articles) for row in posts if row["organization"] is not None}
    attendees = _attendees()
    return {
        "persons": [person(row, articles) for row in people],
        "organizations": [organization(row, articles) for row in organizations],
        "posts": list(popolo_posts.values()),
        "memberships": [
            membership(row, popolo_posts[str(row["post"]["id"])], articles)
            for row in memberships
            if row["person"] is not None and row["post"] is not None and str(row["post"]["id"]) in popolo_posts
        ],
        "events": [event(row, attendees, articles) for row in meetings],
    }


class PopoloView(JSONErrorsMixin, generics.GenericAPIView):
    """Every published person, organization, post, membership and meeting, in the Popolo specification's JSON."""

    renderer_classes = [OrjsonRenderer]
    pagination_class = None
    filter_backends: list = []
    last_modified = False

    @extend_schema(responses={200: PopoloSerializer}, operation_id="popolo_export", tags=["popolo"])
    def get(self, request):
        self.last_modified = last_public_write()
        early = not_modified(request, self.last_modified)
        if early is not None:
            return early
        return Response(build_popolo(context_for(request)))
