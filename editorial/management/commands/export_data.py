from pathlib import Path

from django.core.management.base import BaseCommand

from editorial.backup import export


class Command(BaseCommand):
    help = (
        "Write the whole database to one file (JSON lines): records, revisions, changes, citations, articles, "
        "the pipeline's state, users, roles and API key hashes. Derived rows are left out; import_data "
        "rebuilds them. Secrets are in it (password and key hashes): keep it as you keep the database."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", type=Path, help="The file to write, e.g. backup.jsonl.")

    def handle(self, *args, path: Path, **options):
        export(path)
        self.stdout.write(self.style.SUCCESS(f"Wrote {path} ({path.stat().st_size:,} bytes)."))
