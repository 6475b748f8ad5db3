"""API benchmark: the initiatives list, 100 per page, over 100,000 initiatives with their related records.

    .venv/bin/python bench/api_initiatives.py
    BENCH_POSTGRES=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python bench/api_initiatives.py

Creates a throwaway PostgreSQL database (dropped at the end), fills it with bulk_create, then times,
on the first page and on a page 90% deep:
  - ours: /api/v1/initiatives/ (the lean path: DRF auth, throttling, filters, cursor, orjson);
  - naive: a plain DRF ModelViewSet with nested ModelSerializers and no query tuning;
  - floor: one raw psycopg query returning the same rows (related lists as JSON) dumped with orjson.
Prints the median of each (floor and ours timed in alternation) and the ratios ours/floor and naive/floor.
"""

import base64
import os
import statistics
import sys
import time
from pathlib import Path
from urllib.parse import urlencode

import psycopg

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432/postgres")
DATABASE = f"bench_api_{os.getpid()}"
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings"
os.environ["DATABASE_URL"] = SERVER.rsplit("/", 1)[0] + f"/{DATABASE}"
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Production settings: DEBUG would log every query and slow the naive baseline most.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)

INITIATIVES = int(os.environ.get("BENCH_INITIATIVES", "100000"))
PAGE = 100
REPEAT = int(os.environ.get("BENCH_REPEAT", "30"))


def create_database() -> None:
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{DATABASE}"')


def drop_database() -> None:
    with psycopg.connect(SERVER, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')


create_database()
try:
    import django

    django.setup()

    import orjson
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from rest_framework import pagination, serializers, viewsets
    from rest_framework.test import APIRequestFactory

    from api.pagination import ORDERED_CURSOR
    from api.resources.initiatives import InitiativeViewSet
    from api.services import issue_api_key
    from editorial.derived import paused
    from initiatives.models import Initiative, InitiativeAlias, InitiativeFacetCount, Theme
    from people.models import Jurisdiction, Organization, Person
    from sources.models import Citation
except BaseException:
    drop_database()
    raise

LIVE = {"editorial_status": "published", "published_version": 1}


def fill() -> dict:
    """The initiatives (one in ten a draft) with jurisdiction, organization, officials, themes, aliases, citations."""
    jurisdictions = Jurisdiction.objects.bulk_create(
        Jurisdiction(name=f"Jurisdiction {n}", slug=f"jurisdiction-{n}", code=f"J{n}", kind="country")
        for n in range(20)
    )
    organizations = Organization.objects.bulk_create(
        Organization(slug=f"organization-{n}", name=f"Organization {n}", kind="bureau", **LIVE) for n in range(300)
    )
    people = Person.objects.bulk_create(
        Person(slug=f"person-{n}", full_name=f"Person {n}", **LIVE) for n in range(1000)
    )
    themes = Theme.objects.bulk_create(Theme(slug=f"theme-{n}", name=f"Theme {n}", **LIVE) for n in range(30))
    batch = 5000
    for start in range(0, INITIATIVES, batch):
        Initiative.objects.bulk_create(
            Initiative(
                slug=f"initiative-{n}",
                name=f"Initiative {n}",
                summary=f"What initiative {n} does, in a sentence or two of plain text.",
                status="launched",
                instrument="programme",
                jurisdiction=jurisdictions[n % len(jurisdictions)],
                responsible_organization=organizations[n % len(organizations)],
                start_date=f"{2000 + n % 25}-01-01",
                start_date_precision="year",
                budget_amount=1_000_000 + n,
                budget_currency="HKD",
                editorial_status="draft" if n % 10 == 9 else "published",
                published_version=None if n % 10 == 9 else 1,
            )
            for n in range(start, min(start + batch, INITIATIVES))
        )
    ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
    officials, tagged = Initiative.lead_officials.through, Initiative.themes.through
    initiative_type = ContentType.objects.get_for_model(Initiative)
    for start in range(0, len(ids), batch):
        chunk = ids[start : start + batch]
        officials.objects.bulk_create(
            officials(initiative_id=pk, person_id=people[pk % len(people)].pk) for pk in chunk
        )
        tagged.objects.bulk_create(
            tagged(initiative_id=pk, theme_id=themes[(pk + shift) % len(themes)].pk) for pk in chunk for shift in (0, 7)
        )
        InitiativeAlias.objects.bulk_create(InitiativeAlias(record_id=pk, name=f"INI-{pk}") for pk in chunk)
        Citation.objects.bulk_create(
            Citation(
                slug=f"citation-{pk}",
                content_type=initiative_type,
                object_id=pk,
                url=f"https://gov.example.org/press/{pk}",
                source_title=f"Press release {pk}",
                accessed_date="2025-10-22",
                **LIVE,
            )
            for pk in chunk
        )
    return {"ids": ids, "content_type": initiative_type.pk}


# The naive baseline: what DRF gives with nested serializers and no select_related/prefetch_related.
class NaiveRef(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["uuid", "full_name"]


class NaiveOrganization(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["uuid", "name"]


class NaiveTheme(serializers.ModelSerializer):
    class Meta:
        model = Theme
        fields = ["uuid", "name"]


class NaiveJurisdiction(serializers.ModelSerializer):
    class Meta:
        model = Jurisdiction
        fields = ["slug", "code", "name"]


class NaiveAlias(serializers.ModelSerializer):
    class Meta:
        model = InitiativeAlias
        fields = ["name", "kind", "language"]


class NaiveCitation(serializers.ModelSerializer):
    class Meta:
        model = Citation
        fields = ["uuid", "field", "passage", "start", "end", "url", "source_title", "accessed_date"]


class NaiveInitiative(serializers.ModelSerializer):
    jurisdiction = NaiveJurisdiction()
    responsible_organization = NaiveOrganization()
    lead_officials = NaiveRef(many=True)
    themes = NaiveTheme(many=True)
    aliases = NaiveAlias(many=True)
    citations = NaiveCitation(many=True)

    class Meta:
        model = Initiative
        exclude = ["created_by", "updated_by", "pending_revision", "last_reviewed_at", "editorial_status"]


class NaiveCursor(pagination.CursorPagination):
    ordering = "pk"
    page_size = PAGE


class NaiveViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Initiative.objects.published()
    serializer_class = NaiveInitiative
    pagination_class = NaiveCursor
    authentication_classes = []
    throttle_classes = []


FLOOR_SQL = """
SELECT i.id, i.uuid, i.slug, i.created_at, i.updated_at, i.published_at, i.published_version, i.name, i.summary,
       i.status, i.instrument, j.slug AS jurisdiction_slug, j.code AS jurisdiction_code, j.name AS jurisdiction_name,
       o.uuid AS organization_id, o.name AS organization_name, o.editorial_status AS organization_status,
       p.uuid AS parent_id, p.name AS parent_name, p.editorial_status AS parent_status,
       i.announced_date, i.announced_date_precision, i.start_date, i.start_date_precision, i.end_date,
       i.end_date_precision, i.budget_amount, i.budget_currency, i.budget_qualifier, i.budget_as_of,
       i.budget_as_of_precision,
       (SELECT coalesce(json_agg(json_build_object('name', a.name, 'kind', a.kind, 'language', a.language)
                                 ORDER BY a.name), '[]')
          FROM initiatives_initiativealias a WHERE a.record_id = i.id) AS aliases,
       (SELECT coalesce(json_agg(json_build_object('id', x.uuid, 'name', x.full_name) ORDER BY x.full_name), '[]')
          FROM initiatives_initiative_lead_officials l JOIN people_person x ON x.id = l.person_id
         WHERE l.initiative_id = i.id AND x.editorial_status = 'published') AS lead_officials,
       (SELECT coalesce(json_agg(json_build_object('id', x.uuid, 'name', x.name) ORDER BY x.name), '[]')
          FROM initiatives_initiative_themes t JOIN initiatives_theme x ON x.id = t.theme_id
         WHERE t.initiative_id = i.id AND x.editorial_status = 'published') AS themes,
       (SELECT coalesce(json_agg(json_build_object('id', x.uuid, 'name', x.name) ORDER BY x.name), '[]')
          FROM initiatives_initiative_related r JOIN initiatives_initiative x ON x.id = r.to_initiative_id
         WHERE r.from_initiative_id = i.id AND x.editorial_status = 'published') AS related,
       (SELECT coalesce(json_agg(json_build_object('id', c.uuid, 'field', c.field, 'passage', c.passage,
                                                   'start', c.start, 'end', c."end", 'source_url', c.url,
                                                   'source_title', c.source_title, 'accessed_date', c.accessed_date)
                                 ORDER BY c.field, c.start, c.id), '[]')
          FROM articles_citation c
         WHERE c.content_type_id = %(content_type)s AND c.object_id = i.id AND c.editorial_status = 'published')
         AS citations
  FROM initiatives_initiative i
  LEFT JOIN people_jurisdiction j ON j.id = i.jurisdiction_id
  LEFT JOIN people_organization o ON o.id = i.responsible_organization_id
  LEFT JOIN initiatives_initiative p ON p.id = i.parent_id
 WHERE i.editorial_status = 'published' AND i.id > %(after)s
 ORDER BY i.id
 LIMIT %(limit)s
"""


def timed(*functions) -> list[float]:
    """Median milliseconds of each function over REPEAT rounds, after two warm-up rounds.

    A round runs each function once, in turn: on a machine shared with other work, a burst of load
    then slows them alike instead of skewing the ratio of whichever happened to run during it.
    """
    samples: list[list[float]] = [[] for _ in functions]
    for round_number in range(REPEAT + 2):
        for function, kept in zip(functions, samples, strict=True):
            start = time.perf_counter()
            function()
            if round_number >= 2:
                kept.append((time.perf_counter() - start) * 1000)
    return [statistics.median(kept) for kept in samples]


def main() -> None:
    print(f"filling {INITIATIVES:,} initiatives in {DATABASE}...", flush=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    with paused(Initiative, InitiativeFacetCount):  # one trigger run per row and link otherwise; rebuilt after
        data = fill()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM FULL ANALYZE")  # compact, as a table written over time is: see website_lists
    print(f"  filled in {time.perf_counter() - started:.0f} s")
    user = get_user_model().objects.create_user("partner", "partner@example.org", "a-long-bench-password")
    _key, raw_key = issue_api_key(name="bench", owner=user, requests_per_minute=10_000_000)
    factory = APIRequestFactory()
    ours_view = InitiativeViewSet.as_view({"get": "list"})
    naive_view = NaiveViewSet.as_view({"get": "list"})
    floor_connection = psycopg.connect(os.environ["DATABASE_URL"], row_factory=psycopg.rows.dict_row)

    deep_after = data["ids"][int(len(data["ids"]) * 0.9)]
    pages = {"first page": 0, "deep page (90%)": deep_after}
    for label, after in pages.items():
        ours_query = {"page_size": PAGE}
        naive_query = {}
        if after:
            ours_query["cursor"] = ORDERED_CURSOR.encode(("id", None, after))
            naive_query["cursor"] = base64.b64encode(urlencode({"p": str(after)}).encode()).decode()

        def ours(query=ours_query):
            response = ours_view(factory.get("/api/v1/initiatives/", query, HTTP_X_API_KEY=raw_key))
            response.render()
            assert response.status_code == 200, response.content[:300]
            return response

        def naive(query=naive_query):
            response = naive_view(factory.get("/bench/naive/", query))
            response.render()
            assert response.status_code == 200, response.content[:300]
            return response

        def floor(after=after):
            with floor_connection.cursor() as cursor:
                cursor.execute(FLOOR_SQL, {"content_type": data["content_type"], "after": after, "limit": PAGE})
                return orjson.dumps(cursor.fetchall(), default=str)

        assert len(orjson.loads(ours().content)["results"]) == PAGE
        with CaptureQueriesContext(connection) as ours_queries:
            ours()
        with CaptureQueriesContext(connection) as naive_queries:
            naive()
        floor_ms, ours_ms = timed(floor, ours)
        (naive_ms,) = timed(naive)
        print(f"\n{label}: {PAGE} initiatives per page, {len(data['ids']):,} initiatives")
        print(f"  floor (one raw psycopg query + orjson): {floor_ms:7.2f} ms   1 query")
        print(f"  ours  (/api/v1/initiatives/)          : {ours_ms:7.2f} ms  {len(ours_queries):2d} queries")
        print(f"  naive (plain DRF ModelViewSet)        : {naive_ms:7.2f} ms  {len(naive_queries):3d} queries")
        print(f"  ours / floor  = {ours_ms / floor_ms:5.2f}x   (target: within 2x)")
        print(f"  naive / floor = {naive_ms / floor_ms:5.2f}x")
    floor_connection.close()


if __name__ == "__main__":
    try:
        main()
    finally:
        connection.close()
        drop_database()
