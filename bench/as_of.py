"""As-of benchmark (issue 24), on PostgreSQL: what `?as_of=` costs against the same page without it.

    .venv/bin/python bench/as_of.py                 # 100,000 initiatives
    .venv/bin/python bench/as_of.py --large 10000   # a quicker look

1. An initiative's page as of a date, for a record with 3 versions and 3 milestones against one with 300 of
   each: the same number of queries, and at most 1.5x the time.
2. The initiative list as of a date at `--large` initiatives (each with two or three dated milestones of
   mixed precision), against the plain list, unfiltered and narrowed by status: at most 2x the time.

Creates a throwaway database (as_of_bench_<pid>) on BENCH_POSTGRES (default postgres://postgres@127.0.0.1:5432),
fills it through a bench-only bulk path (bulk_create, no workflow: load, not content), times each page with
Django's test client under production settings, the baseline and the as-of page taking turns request by request
(a burst of other load hits both alike), prints medians and ratios, and drops the database.
"""

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPOSITORY))
sys.path.insert(0, str(REPOSITORY / "bench"))
import website_lists  # noqa: E402  (its bulk loader; it sets DATABASE_URL on import, set again below)

SERVER = os.environ.get("BENCH_POSTGRES", "postgres://postgres@127.0.0.1:5432")
DATABASE = f"as_of_bench_{os.getpid()}"
os.environ["DATABASE_URL"] = f"{SERVER}/{DATABASE}"

RUNS = 15
AS_OF = "2020-06-01"
KINDS = [
    ("announced", "day"),
    ("launched", "year"),
    ("suspended", "month"),
    ("resumed", "day"),
    ("operational", "year"),
]


def _milestones_for_bench(initiative_ids: list[int], per_initiative, seed: int = 0) -> None:
    """Bench-only: published milestones straight into the table, dated 2015-2025 at mixed precision."""
    from initiatives.models import Milestone

    rng = random.Random(seed)
    rows = []
    for initiative_id in initiative_ids:
        for number in range(per_initiative(initiative_id)):
            kind, precision = KINDS[number % len(KINDS)]
            date = datetime.date(2015 + rng.randrange(11), 1 + rng.randrange(12), 1 + rng.randrange(28))
            date = date.replace(day=1) if precision != "day" else date
            date = date.replace(month=1) if precision == "year" else date
            rows.append(
                Milestone(
                    slug=f"bench-milestone-{initiative_id}-{number}",
                    initiative_id=initiative_id,
                    kind=kind,
                    date=date,
                    date_precision=precision,
                    editorial_status="published",
                    published_version=1,
                )
            )
        if len(rows) >= 5_000:
            Milestone.objects.bulk_create(rows)
            rows = []
    Milestone.objects.bulk_create(rows)


def _versions_for_bench(initiative, count: int) -> None:
    """Bench-only: `count` published revisions of the initiative."""
    from django.contrib.contenttypes.models import ContentType

    from editorial.models import Revision

    content_type = ContentType.objects.get_for_model(initiative)
    Revision.objects.bulk_create(
        Revision(
            content_type=content_type,
            object_id=initiative.pk,
            number=number,
            status="approved",
            data={"name": initiative.name},
            published_version=number,
        )
        for number in range(1, count + 1)
    )
    # Bench-only bookkeeping: the versions were bulk-created above, not edited through the workflow.
    type(initiative).objects.filter(pk=initiative.pk).update_unrecorded(published_version=count, version=count)


def _time(client, urls: dict[str, str]) -> dict[str, float]:
    """Median time of each request, taking turns (after one warm-up request each), as website_lists does."""
    return website_lists._time(client, urls, lambda name: None)


def _queries(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as context:
        client.get(url)
    return len(context.captured_queries)


def _line(label: str, base: float, other: float, limit: float, extra: str = "") -> None:
    verdict = "ok" if other / base <= limit else "OVER"
    print(f"{label:<46}{base * 1000:>8.1f}ms{other * 1000:>9.1f}ms   {other / base:.2f}x (≤{limit}x {verdict}){extra}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large", type=int, default=100_000)
    arguments = parser.parse_args()
    website_lists._admin(f"CREATE DATABASE {DATABASE}")
    try:
        import django

        django.setup()
        from django.core.management import call_command
        from django.db import connection, connections
        from django.test import Client

        from editorial.derived import paused
        from initiatives.models import Initiative, InitiativeFacetCount

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        with paused(Initiative, InitiativeFacetCount):
            website_lists._bulk_publish_initiatives_for_bench(
                start=0, count=arguments.large, references=website_lists._references()
            )
        ids = list(Initiative.objects.order_by("pk").values_list("pk", flat=True))
        small, large = ids[0], ids[1]
        _milestones_for_bench(ids[2:], lambda pk: 2 + pk % 2)
        _milestones_for_bench([small], lambda pk: 3, seed=1)
        _milestones_for_bench([large], lambda pk: 300, seed=2)
        for pk, count in ((small, 3), (large, 300)):
            _versions_for_bench(Initiative.objects.get(pk=pk), count)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM FULL")
            cursor.execute("VACUUM ANALYZE")
        print(f"{arguments.large:,} initiatives loaded in {time.perf_counter() - started:.1f}s", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        client = Client()
        slugs = dict(Initiative.objects.filter(pk__in=[small, large]).values_list("pk", "slug"))

        print(f"\nPostgreSQL, production settings; median of {RUNS} requests through the Django test client")
        print(f"{'page':<46}{'baseline':>10}{'as of':>11}   ratio")
        pages = {}
        for size, pk in (("3", small), ("300", large)):
            pages[f"plain {size}"] = f"/initiatives/{slugs[pk]}/"
            pages[f"as of {size}"] = f"/initiatives/{slugs[pk]}/?as_of={AS_OF}"
        counts = {name: _queries(client, url) for name, url in pages.items()}
        times = _time(client, pages)
        queries = f"; queries {counts['as of 3']} vs {counts['as of 300']}"
        _line("initiative page as of: 3 vs 300 versions+milestones", times["as of 3"], times["as of 300"], 1.5, queries)
        _line("  the same page without as_of: 3 vs 300", times["plain 3"], times["plain 300"], 1.5)
        _line("  300 milestones: without vs with as_of", times["plain 300"], times["as of 300"], 1.5)
        for label, plain in (
            ("list", "/initiatives/"),
            ("list, status=launched", "/initiatives/?status=launched"),
            ("list, theme=theme-1", "/initiatives/?theme=theme-1"),
        ):
            joined = "&" if "?" in plain else "?"
            urls = {"plain": plain, "as of": f"{plain}{joined}as_of={AS_OF}"}
            times = _time(client, urls)
            _line(f"{label} at {arguments.large:,}", times["plain"], times["as of"], 2.0)
        connections.close_all()
    finally:
        from django.db import connections as open_connections

        open_connections.close_all()
        website_lists._admin(f"DROP DATABASE IF EXISTS {DATABASE}")


if __name__ == "__main__":
    main()
