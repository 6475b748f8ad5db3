import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from demo.snapshot import compare, take_snapshot


class Command(BaseCommand):
    help = (
        "Crawl every public page, feed, export and API response of the data in the database and write them, "
        "normalised, to a JSON file; with --compare OLD, also list what differs from an earlier snapshot."
    )

    def add_arguments(self, parser):
        parser.add_argument("output", type=Path, help="Where to write the snapshot (JSON).")
        parser.add_argument(
            "--compare", type=Path, dest="old", metavar="OLD", help="An earlier snapshot to compare with."
        )

    def handle(self, *args, output: Path, old: Path | None = None, **options):
        snapshot = take_snapshot()
        output.write_text(snapshot.to_json(), encoding="utf-8")
        self.stdout.write(f"{len(snapshot.responses)} responses written to {output}")
        if old is None:
            return
        try:
            before = json.loads(old.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(f"Cannot read {old}: {error}") from error
        differences = compare(before, snapshot.responses)
        for line in differences:
            self.stdout.write(line)
        self.stdout.write(f"{len(differences)} of {len(before.keys() | snapshot.responses.keys())} URLs differ")
