from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from editorial.derived import check as differences
from editorial.derived import derivatives, rebuild


class Command(BaseCommand):
    help = (
        "Compute every stored derivative (search vectors, facet keys, facet counts, copied flags) again from "
        "its sources. The database's triggers keep them in step; run this after a bulk load that turned them "
        "off, or with --check to compare what is stored with a rebuild, changing nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="Only compare; fail if anything differs.")

    def handle(self, *args, check: bool, **options):
        found = [derived for derived in derivatives() if derived.rebuild(connection.vendor)]
        if not check:
            for derived in found:
                rebuild(derived)
                self.stdout.write(f"Rebuilt {derived.name}.")
            self.stdout.write(self.style.SUCCESS(f"{len(found)} derivatives rebuilt."))
            return
        stale = {derived.name: differ for derived in found if (differ := differences(derived))}
        for name, differ in stale.items():
            self.stderr.write(f"{name}: {differ} rows differ from a rebuild.")
        if stale:
            raise CommandError(f"{len(stale)} of {len(found)} derivatives differ from a rebuild.")
        self.stdout.write(self.style.SUCCESS(f"All {len(found)} derivatives match a rebuild."))
