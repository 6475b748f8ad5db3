"""python manage.py ingest URL_OR_FILE... [--json]: the whole pipeline, synchronously, on pages and files."""

import json
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from ingestion import services
from ingestion.fetch import FetchError, SafeFetcher
from ingestion.linking.services import link_article
from ingestion.models import Outcome, Step
from ingestion.selectors import describe_ingestion, list_current_mentions, list_current_suggestions
from sources.canonical import validate_url


class Command(BaseCommand):
    help = "Fetch, extract, deduplicate, link and suggest, for web pages and local HTML or text files."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="+", metavar="URL_OR_FILE")
        parser.add_argument(
            "--json", action="store_true", dest="as_json", help="One JSON object per input and line on stdout."
        )

    def handle(self, *args, inputs, as_json: bool, **options):
        failed = 0
        with SafeFetcher() as fetcher:
            for number, input_name in enumerate(inputs, start=1):
                line = self.ingest_one(input_name, fetcher)
                failed += line["status"] == "error"
                if as_json:
                    self.stdout.write(_dumps(line))
                else:
                    self.stdout.write(_summary(line))
                # Progress on stderr: stdout stays one JSON object per line.
                self.stderr.write(f"[{number}/{len(inputs)}] {line['status']}: {input_name}")
        if failed:
            raise CommandError(f"{failed} of {len(inputs)} inputs failed.", returncode=1)

    def ingest_one(self, input_name: str, fetcher: SafeFetcher) -> dict:
        path = Path(input_name)
        is_file = "://" not in input_name and _is_file(path)
        if not is_file:
            try:
                validate_url(input_name)
            except ValidationError as error:
                return _error_line(input_name, f"Neither a file here nor an address to fetch: {error.messages[0]}")
        try:
            if is_file:
                ingestion = services.ingest_file(path=path)
                document = services.read_file(path)
            else:
                ingestion, created = services.submit_url(url=input_name, enqueue=False)
                if not created:
                    ingestion = services.rerun(ingestion=ingestion)
                document = None
            ingestion = services.fetch_and_store(
                ingestion_id=ingestion.pk, fetcher=fetcher, document=document, enqueue_link=False
            )
        except FetchError as error:  # transient errors, after the fetcher's own retries
            ingestion = services.mark_failed(ingestion_id=ingestion.pk, step=Step.FETCHING, error=str(error))
        except OSError as error:
            return _error_line(input_name, str(error))
        mentions, suggestions = [], []
        if ingestion.step == Step.DONE and ingestion.outcome in (Outcome.NEW, Outcome.UPDATED):
            # Linked as it was stored.
            mentions = list(list_current_mentions(ingestion.article))
            suggestions = list(list_current_suggestions(ingestion.article))
        elif ingestion.outcome != Outcome.ERROR and ingestion.article is not None:
            # Known already: linked again with the names known today.
            result = link_article(article=ingestion.article)
            mentions, suggestions = result.mentions, result.suggestions
        return describe_ingestion(ingestion, input_name=input_name, mentions=mentions, suggestions=suggestions)


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a name too long for a file's is no file
        return False


def _error_line(input_name: str, error: str) -> dict:
    """The line of an input that never became an ingestion."""
    return {"input": input_name, "status": "error", "error": error, "article": None, "mentions": [], "suggestions": []}


def _dumps(line: dict) -> str:
    return json.dumps(line, ensure_ascii=False, sort_keys=False)


def _summary(line: dict) -> str:
    if line["status"] == "error":
        return f"{line['input']}: error: {line['error']}"
    article = line["article"]
    return (
        f"{line['input']}: {line['status']} article {article['id']} {article['title']!r}, "
        f"{len(line['mentions'])} mentions, {len(line['suggestions'])} suggestions"
    )
