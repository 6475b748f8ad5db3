"""The change feed: every publish, update, withdrawal and merge the public saw, in order, from a cursor or a time.

A partner stores the `next` link of its last call and follows it the next night: `next` is
always there, pointing just past the last entry returned, so nothing is missed or seen twice.
"""

import datetime

from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.conditional import last_public_write, not_modified
from api.errors import BadRequest
from api.export import streaming_response
from api.pagination import page_size, read_cursor
from api.renderers import BULK_FORMATS
from api.viewsets import JSONErrorsMixin, context_for
from editorial.cursors import CursorFormat, integer_key
from editorial.models import Change, ChangeAction
from editorial.public import resources
from editorial.public.readers import kinds_by_content_type

# The last entry's id. Partners keep `next` links for the next night: the format stays as first published.
CHANGES_CURSOR = CursorFormat((integer_key,), names=("c",))

# What partners read: an approved edit is an update of the public record.
ACTIONS = {
    ChangeAction.PUBLISH: "publish",
    ChangeAction.APPROVE_EDIT: "update",
    ChangeAction.UNPUBLISH: "unpublish",
    ChangeAction.ARCHIVE: "archive",
    ChangeAction.MERGE: "merge",
}
COLUMNS = (
    "pk",
    "content_type_id",
    "record_uuid",
    "record_slug",
    "action",
    "published_version",
    "merged_into_uuid",
    "created_at",
)


class ChangedRecordSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The record's UUID (a merged record's old one, for a merge).")
    slug = serializers.CharField(help_text="Its slug at the time.")
    url = serializers.URLField(help_text="Its address in the API (a merged record's redirects to the survivor).")


class MergedIntoSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="The surviving record's UUID.")
    url = serializers.URLField(help_text="The surviving record's address in the API.")


class ChangeSerializer(serializers.Serializer):
    sequence = serializers.IntegerField(help_text="Position in the feed: entries come in increasing order.")
    action = serializers.ChoiceField(
        choices=sorted(set(ACTIONS.values())),
        help_text="publish (new to the public), update (an approved edit), unpublish or archive (withdrawn), "
        "merge (the record now lives on as merged_into; the surviving record has a merge entry of its own, with "
        "its new version and merged_into null).",
    )
    kind = serializers.CharField(help_text="Which kind of record: initiative, person, meeting, citation...")
    record = ChangedRecordSerializer(help_text="The record it happened to.")
    version = serializers.IntegerField(allow_null=True, help_text="The public version it made, if it made one.")
    merged_into = MergedIntoSerializer(
        allow_null=True, help_text="For a merged record's entry: the surviving record; null on every other entry."
    )
    at = serializers.DateTimeField(help_text="When it happened.")


class ChangePageSerializer(serializers.Serializer):
    next = serializers.URLField(help_text="Where to continue: call it next time (it is there on the last page too).")
    has_more = serializers.BooleanField(help_text="Whether more entries follow now.")
    results = ChangeSerializer(many=True, help_text="The entries, oldest first.")


def _start(since: str | None) -> dict:
    """The feed's filter for `since`: a cursor from a `next` link, or an ISO 8601 time (or date)."""
    if not since:
        return {}
    try:
        moment = parse_datetime(since)
        if moment is None and (day := parse_date(since)) is not None:
            moment = datetime.datetime.combine(day, datetime.time())
        if moment is not None:
            # In UTC: the database refuses offsets past ±16 hours, which ISO 8601 allows.
            moment = timezone.make_aware(moment, datetime.UTC) if timezone.is_naive(moment) else moment
            return {"created_at__gt": moment.astimezone(datetime.UTC)}
    except (ValueError, OverflowError):
        raise BadRequest("invalid_since", f"{since!r} is not a time this feed can start from.") from None
    (after,) = read_cursor(CHANGES_CURSOR, since)
    return {"pk__gt": after}


class ChangesView(JSONErrorsMixin, generics.GenericAPIView):
    """Public changes in order: one call a night keeps a partner in sync."""

    serializer_class = ChangeSerializer
    last_modified = False
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter("since", str, description="A cursor (from `next`) or an ISO 8601 time: entries after it."),
            OpenApiParameter("kind", str, description="Only this kind of record, e.g. initiative."),
            OpenApiParameter("page_size", int, description="Entries per page, 1 to 1000 (default 100)."),
        ],
        responses={200: ChangePageSerializer},
    )
    def get(self, request):
        changes = Change.objects.public().filter(**_start(request.query_params.get("since")))
        kinds = kinds_by_content_type()
        if kind := request.query_params.get("kind"):
            wanted = [pk for pk, resource in kinds.items() if resource.kind == kind]
            if not wanted:
                known = sorted(resource.kind for resource in kinds.values())
                raise BadRequest("invalid_kind", f"Unknown kind {kind!r}.", {"allowed": known})
            changes = changes.filter(content_type_id__in=wanted)
        ctx = context_for(request)
        fmt = request.accepted_renderer.format
        if fmt in BULK_FORMATS:
            return streaming_response(chunks=self._all(changes, kinds, ctx), plan=ChangeCSV, fmt=fmt, name="changes")
        self.last_modified = last_public_write()
        early = not_modified(request, self.last_modified)
        if early is not None:
            return early
        size = page_size(request)
        rows = list(changes.values_list(*COLUMNS)[: size + 1])
        has_more = len(rows) > size
        rows = rows[:size]
        url = request.build_absolute_uri()
        next_url = url if not rows else replace_query_param(url, "since", CHANGES_CURSOR.encode((rows[-1][0],)))
        if not rows and not request.query_params.get("since"):
            next_url = replace_query_param(url, "since", CHANGES_CURSOR.encode((0,)))
        return Response({"next": next_url, "has_more": has_more, "results": [_entry(r, kinds, ctx) for r in rows]})

    def _all(self, changes, kinds, ctx):
        after = 0
        while True:
            rows = list(changes.filter(pk__gt=after).values_list(*COLUMNS)[:1000])
            if not rows:
                return
            yield [_entry(row, kinds, ctx) for row in rows]
            after = rows[-1][0]


def _entry(row, kinds: dict[int, resources.Resource], ctx) -> dict:
    pk, content_type_id, uuid, slug, action, version, merged_into, at = row
    resource = kinds.get(content_type_id)
    name = resource.name if resource else ""
    return {
        "sequence": pk,
        "action": ACTIONS[action],
        "kind": resource.kind if resource else "",
        "record": {"id": uuid, "slug": slug, "url": ctx.api_url(name, uuid)},
        "version": version,
        "merged_into": None if merged_into is None else {"id": merged_into, "url": ctx.api_url(name, merged_into)},
        "at": at,
    }


class ChangeCSV:
    """The CSV columns of a change entry (what a Plan gives a resource's dump)."""

    @staticmethod
    def csv_header() -> list[str]:
        return ["sequence", "action", "kind", "record_id", "record_slug", "version", "merged_into_id", "at"]

    @staticmethod
    def csv_cells(entry: dict) -> list:
        merged = entry["merged_into"]
        record = entry["record"]
        return [
            entry["sequence"],
            entry["action"],
            entry["kind"],
            record["id"],
            record["slug"],
            entry["version"],
            merged and merged["id"],
            entry["at"].isoformat(),
        ]
