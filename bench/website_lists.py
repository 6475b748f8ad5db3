"""Website benchmark: list and search pages at 1,000 and 100,000 published initiatives, on PostgreSQL.

    .venv/bin/python bench/website_lists.py                      # 1,000 against 100,000 initiatives
    .venv/bin/python bench/website_lists.py --small 100000 --large 1000000   # ten times more (loads in ~35 min)

Creates two throwaway databases (website_bench_<pid>_<size>) on BENCH_POSTGRES (default
postgres://postgres@127.0.0.1:5432), fills them through a bench-only bulk path (bulk_create, no
workflow: these rows are load, not content), times each page with Django's test client under
production settings (DEBUG off, static files collected), the two sizes taking turns request by
request so that a burst of other load hits both alike, and prints the medians and the
100,000/1,000 ratio. The databases are dropped at the end.
"""

import argparse
import datetime
import os
import random
import statistics
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))
SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = f"website_bench_{os.getpid()}"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("ALLOWED_HOSTS", "testserver")
# Production settings: DEBUG would record every query and render templates in debug mode.
os.environ["DEBUG"] = "false"
os.environ.setdefault("SECRET_KEY", "bench-only-" + "x" * 40)
os.environ["SECURE_SSL_REDIRECT"] = "false"  # the test client speaks plain HTTP

import psycopg  # noqa: E402

WORDS = [
    "harbour",
    "digital",
    "climate",
    "water",
    "housing",
    "transport",
    "health",
    "school",
    "energy",
    "trade",
    "grid",
    "data",
    "talent",
    "research",
    "port",
    "rail",
    "budget",
    "fund",
    "innovation",
    "green",
    "youth",
    "elderly",
    "river",
    "coast",
    "startup",
    "science",
]
RUNS = 15  # a median of 9 moved the sparse two-facet line by 0.25x between runs on a shared machine; of 15, by 0.1x


def _admin(sql: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as connection:
        connection.execute(sql)


def _bulk_publish_initiatives_for_bench(*, start: int, count: int, references: dict) -> None:
    """Bench-only: published initiatives straight into the table, with themes; never for real content."""
    from django.utils import timezone

    from initiatives.models import Initiative

    rng = random.Random(start)
    now = timezone.now()
    statuses = ["proposed", "announced", "in_preparation", "launched", "operational", "completed"]
    instruments = ["institution", "facility", "programme", "funding", "strategy", "regulation"]
    batch = 5_000
    for offset in range(start, start + count, batch):
        rows = []
        for number in range(offset, min(offset + batch, start + count)):
            words = rng.sample(WORDS, 4)
            rows.append(
                Initiative(
                    slug=f"bench-initiative-{number}",
                    name=f"{words[0].capitalize()} {words[1]} {words[2]} initiative {number}",
                    summary=" ".join(rng.choice(WORDS) for _ in range(25)),
                    status=rng.choice(statuses),
                    instrument=rng.choice(instruments),
                    jurisdiction=rng.choice(references["jurisdictions"]),
                    responsible_organization=rng.choice(references["organizations"]),
                    announced_date=datetime.date(2015 + number % 11, 1 + number % 12, 1),
                    announced_date_precision="month",
                    editorial_status="published",
                    published_version=1,
                    published_at=now - datetime.timedelta(seconds=number),
                )
            )
        created = Initiative.objects.bulk_create(rows)  # the stored search vector: the table's trigger fills it
        through = Initiative.themes.through
        through.objects.bulk_create(
            [
                through(initiative_id=initiative.pk, theme_id=theme.pk)
                for initiative in created
                for theme in rng.sample(references["themes"], 2)
            ]
        )
        # ... and the stored facet keys: their triggers (paused for a bulk load, then rebuilt).


def _references() -> dict:
    from initiatives.models import Theme
    from people.models import Jurisdiction, Organization

    jurisdictions = Jurisdiction.objects.bulk_create(
        [Jurisdiction(name=f"Jurisdiction {n}", slug=f"jurisdiction-{n}", kind="country") for n in range(20)]
    )
    organizations = Organization.objects.bulk_create(
        [
            Organization(
                slug=f"organization-{n}", name=f"Organization {n}", kind="bureau", editorial_status="published"
            )
            for n in range(50)
        ]
    )
    themes = Theme.objects.bulk_create(
        [Theme(slug=f"theme-{n}", name=f"Theme {n}", editorial_status="published") for n in range(30)]
    )
    return {"jurisdictions": jurisdictions, "organizations": organizations, "themes": themes}


def _cursor_at(url_sort: str, depth: int, query: str = "") -> str:
    """The cursor a reader following 'next' would hold at row `depth` (computed outside the timing)."""
    from django.http import QueryDict

    from website.initiatives import INITIATIVE_LISTING
    from website.listing import encode_cursor

    params = QueryDict(mutable=True)
    params["sort"] = url_sort
    if query:
        params["q"] = query
    request = INITIATIVE_LISTING.read(params)
    queryset = request.sorted()
    row = queryset[max(depth - 1, 0) : depth].get()
    return encode_cursor(row, request.sort)


def _time(client, urls: dict[int, str], use) -> dict[int, float]:
    """Median time of each size's request, the sizes taking turns (after one warm-up request each)."""
    times = {size: [] for size in urls}
    for run in range(RUNS + 1):
        for size, url in urls.items():
            use(size)
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
            assert response.status_code == 200, (url, response.status_code)
            if run:
                times[size].append(elapsed)
    return {size: statistics.median(values) for size, values in times.items()}


def _pages(total: int) -> dict[str, str]:
    deep = int(total * 0.9)
    search_word = "harbour"
    search_matches = _count_matches(search_word)
    return {
        "list, first page": "/initiatives/",
        f"list, page at row {deep:,}": f"/initiatives/?after={_cursor_at('name', deep)}",
        "list, recent, first page": "/initiatives/?sort=recent",
        f"list, recent, row {deep:,}": f"/initiatives/?sort=recent&after={_cursor_at('recent', deep)}",
        # One facet, and two facets of two values each, fill the page at both sizes; two facets of one
        # value each match about 11 rows at 1,000 and 1,100 at 100,000 (a page of 11 rows against 50).
        "list, 1 facet, first page": "/initiatives/?status=launched",
        "list, 2 facets, 2 values each": (
            "/initiatives/?status=launched&status=operational&instrument=programme&instrument=funding"
        ),
        "list, 2 facets, 1 value each": "/initiatives/?status=launched&theme=theme-3",
        "search page (6 kinds)": f"/search/?q={search_word}",
        "list search, first page": f"/initiatives/?q={search_word}",
        "list search, deep page": (
            f"/initiatives/?q={search_word}&after={_cursor_at('name', int(search_matches * 0.9), search_word)}"
        ),
    }


def _rows_shown(url: str) -> int | None:
    """How many initiatives a list page shows (None for the search page): a short page costs less to draw."""
    from django.http import QueryDict

    from website.initiatives import INITIATIVE_LISTING

    path, _, query = url.partition("?")
    if path != "/initiatives/":
        return None
    return len(INITIATIVE_LISTING.read(QueryDict(query)).page().rows)


def _count_matches(word: str) -> int:
    from django.http import QueryDict

    from website.initiatives import INITIATIVE_LISTING

    params = QueryDict(mutable=True)
    params["q"] = word
    return INITIATIVE_LISTING.read(params).filtered().count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=1_000)
    parser.add_argument("--large", type=int, default=100_000)
    arguments = parser.parse_args()

    sizes = (arguments.small, arguments.large)
    databases = {size: f"{DATABASE}_{size}" for size in sizes}
    for name in databases.values():
        _admin(f"CREATE DATABASE {name}")
    wrappers = {}
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections
        from django.test import Client

        from editorial.derived import paused
        from initiatives.models import Initiative, InitiativeFacetCount

        # One open connection per database; `use` makes one of them the default for the next request.
        settings_dict = connections.settings["default"]
        backend = type(connections["default"])
        wrappers.update({size: backend({**settings_dict, "NAME": name}, "default") for size, name in databases.items()})

        def use(size: int) -> None:
            connections["default"] = wrappers[size]

        pages = {}
        for size in sizes:
            use(size)
            started = time.perf_counter()
            call_command("migrate", verbosity=0)
            # One trigger run per row and link otherwise: the keys computed once after, then counted once.
            with paused(Initiative, InitiativeFacetCount):
                _bulk_publish_initiatives_for_bench(start=0, count=size, references=_references())
            with connection.cursor() as cursor:
                # The steady state of a table written over time. A bulk load that rebuilds derived columns after it
                # rewrites every row once: the old versions leave the front of the table empty, and a seq-scanned
                # sample (the facet counts of a search) read 9,000 empty pages first at 100,000 rows (18 ms, not 1).
                cursor.execute("VACUUM FULL")
                cursor.execute("VACUUM ANALYZE")  # VACUUM FULL leaves the visibility map empty: index-only scans

            print(f"{size:,} initiatives loaded in {time.perf_counter() - started:.1f}s", flush=True)
            pages[size] = _pages(size)
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        print(f"\nPostgreSQL, production settings; median of {RUNS} requests through the Django test client")
        print(f"{'page':<34}{arguments.small:>10,}{arguments.large:>11,}   ratio   rows shown")
        for small_name, large_name in zip(pages[arguments.small], pages[arguments.large], strict=True):
            urls = {
                arguments.small: pages[arguments.small][small_name],
                arguments.large: pages[arguments.large][large_name],
            }
            shown = {}
            for size, url in urls.items():
                use(size)
                shown[size] = _rows_shown(url)
            rows = "/".join(str(shown[size]) for size in urls) if None not in shown.values() else ""
            times = _time(client, urls, use)
            small, large = times[arguments.small], times[arguments.large]
            name = small_name.split(" at row ")[0].split(", row ")[0]
            timing = f"{small * 1000:>8.1f}ms{large * 1000:>9.1f}ms   {large / small:.2f}x"
            print(f"{name:<34}{timing}   {rows:>10}", flush=True)
    finally:
        for wrapper in wrappers.values():
            wrapper.close()
        for name in databases.values():
            _admin(f"DROP DATABASE IF EXISTS {name}")


if __name__ == "__main__":
    main()
