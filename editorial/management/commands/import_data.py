from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from editorial.backup import NotEmpty, load


class Command(BaseCommand):
    help = (
        "Load a file written by export_data into a freshly migrated database, then rebuild every derived "
        "row and check it against a rebuild. Refuses a database that holds records or users, unless "
        "--replace (which deletes everything in it first)."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="A file written by export_data.")
        parser.add_argument("--replace", action="store_true", help="Delete everything in this database first.")

    def handle(self, *args, path: Path, replace: bool, **options):
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        try:
            stale = load(path, replace=replace)
        except NotEmpty as error:
            raise CommandError(f"{error} Load into a freshly migrated database, or pass --replace.") from None
        for name, differ in stale.items():
            self.stderr.write(f"{name}: {differ} rows differ from a rebuild.")
        if stale:
            raise CommandError("Loaded, but the derived rows differ from a rebuild: run rebuild_derived.")
        self.stdout.write(self.style.SUCCESS(f"Loaded {path}; every derived row matches a rebuild."))
