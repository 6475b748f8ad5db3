from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from initiatives.facets import rebuild_facet_counts
from initiatives.models import InitiativeFacetCount


def _counts() -> set[tuple[str, str, str, int]]:
    return set(InitiativeFacetCount.objects.filter(total__gt=0).values_list("key", "other", "third", "total"))


class Command(BaseCommand):
    help = (
        "Count the published initiatives' facet keys again, from scratch. The database's triggers keep the "
        "counts exact; run this after a bulk load that turned them off, or with --check to compare."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare the counts kept with a recount.")

    def handle(self, *args, check: bool, **options):
        if not check:
            rebuild_facet_counts()
            self.stdout.write(self.style.SUCCESS(f"Facet counts rebuilt ({len(_counts())} rows)."))
            return
        kept = _counts()
        with transaction.atomic():
            rebuild_facet_counts()
            recounted = _counts()
            transaction.set_rollback(True)  # a check changes nothing
        if kept != recounted:
            raise CommandError(f"The facet counts differ from a recount in {len(kept ^ recounted)} rows.")
        self.stdout.write(self.style.SUCCESS(f"The facet counts match a recount ({len(kept)} rows)."))
