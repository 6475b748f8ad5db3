"""Writes of the ingestion pipeline: submit an input, fetch, link and store it, fail it, retry it, sweep it.

HTTP, extraction and linking happen outside any transaction; the article, its mentions and
suggestions and the ingestion's state are then written in one short transaction, and any step
left to do is queued only after it commits. Every step is idempotent: a task run twice
(acks_late) finds the work done and changes nothing.
"""

import datetime
import hashlib
import logging
import mimetypes
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone

from ingestion import queueing
from ingestion.extract import HTML_TYPES, TEXT_TYPES, Extracted, ExtractionError, extract_html, extract_text_file
from ingestion.fetch import FetchError, FetchRefused, SafeFetcher, TransientFetchError
from ingestion.linking.services import Links, find_links, save_links
from ingestion.models import Ingestion, Outcome, Step
from ingestion.queueing import queue_fetch, queue_link
from sources.canonical import canonical_url
from sources.models import Article, ArticleVersion, text_sha256

logger = logging.getLogger(__name__)


@dataclass
class Document:
    """Raw bytes and what is known of their type: a fetched page or a local file."""

    content: bytes
    url: str = ""
    content_type: str = ""
    charset: str = ""


def content_fingerprint(text: str) -> str:
    """The same story whatever its spacing and case: how a copy at another URL is recognised."""
    return hashlib.sha256(" ".join(text.casefold().split()).encode("utf-8")).hexdigest()


def submit_url(
    *, url: str, feed=None, submitted_by=None, key: str = "", enqueue: bool = True
) -> tuple[Ingestion, bool]:
    """The ingestion of a page, created and queued unless the page is already known.

    `key`: the prefix of the API key that submitted it, added to those that may read its status.
    """
    # get_or_create inserts in its own transaction; the fetch is queued once that committed.
    keys = [key] if key else []
    ingestion, created = Ingestion.objects.get_or_create(
        url_key=canonical_url(url),
        defaults={"url": url[:2000], "feed": feed, "submitted_by": submitted_by, "submitted_keys": keys},
    )
    if key and key not in ingestion.submitted_keys:
        with transaction.atomic():
            locked = Ingestion.objects.select_for_update().only("submitted_keys").get(pk=ingestion.pk)
            if key not in locked.submitted_keys:
                Ingestion.objects.filter(pk=ingestion.pk).update(submitted_keys=[*locked.submitted_keys, key])
        ingestion.submitted_keys = [*ingestion.submitted_keys, key]
    if created and enqueue:
        queue_fetch(ingestion)
    return ingestion, created


def rerun(*, ingestion: Ingestion) -> Ingestion:
    """Put a known page back at the start, to fetch it again (the command does this for every input)."""
    Ingestion.objects.filter(pk=ingestion.pk).update(
        step=Step.QUEUED, failed_step="", error="", outcome="", updated_at=timezone.now()
    )
    ingestion.refresh_from_db()
    return ingestion


def claim_link(*, ingestion_id: int) -> bool:
    """Start a run of the link step; False when it is not waiting for one, or has had its last attempt."""
    return _claim(ingestion_id, waiting_in=(Step.LINKING,), step=Step.LINKING)[0]


def _claim(ingestion_id: int, *, waiting_in: tuple[str, ...], step: str) -> tuple[bool, Ingestion | None]:
    """(True, None) when this run may go on; (False, the failed ingestion) when it is out of attempts."""
    claimed, out_of_attempts = queueing.claim(ingestion_id, waiting_in=waiting_in, step=step)
    if not out_of_attempts:
        return claimed, None
    error = (
        f"Given up after {settings.INGEST_MAX_ATTEMPTS} attempts that each stopped before the end "
        "(the worker was stopped, or the page took longer than the time limit)."
    )
    return False, mark_failed(ingestion_id=ingestion_id, step=step, error=error)


def fetch_and_store(
    *,
    ingestion_id: int,
    fetcher: SafeFetcher | None = None,
    document: Document | None = None,
    enqueue_link: bool = True,
) -> Ingestion | None:
    """Fetch (or read) the input, extract its article, link it and store both; None when another run has it already.

    A transient failure (timeout, 5xx) is raised for the task to retry; any other failure is
    recorded on the ingestion, with nothing else written.
    """
    claimed, given_up = _claim(ingestion_id, waiting_in=(Step.QUEUED, Step.FETCHING), step=Step.FETCHING)
    if not claimed:
        return given_up
    ingestion = Ingestion.objects.get(pk=ingestion_id)
    try:
        if document is None:
            document = _fetch(ingestion.url, fetcher)
        extracted = extract(document)
    except TransientFetchError:
        raise
    except (FetchError, ExtractionError) as error:
        outcome = Outcome.REFUSED if isinstance(error, FetchRefused) else Outcome.ERROR
        return mark_failed(ingestion_id=ingestion_id, step=Step.FETCHING, error=str(error), outcome=outcome)
    return store_article(
        ingestion=ingestion,
        document=document,
        extracted=extracted,
        links=_find_links(extracted),
        enqueue_link=enqueue_link,
    )


def _find_links(extracted: Extracted) -> Links | None:
    """The article's mentions and suggestions, found before the write transaction opens; None if linking failed."""
    try:
        return find_links(text=extracted.text, published=extracted.published)
    except Exception:
        # The article is stored all the same; the link step then runs on its own, and records the error
        # where an editor reads it (and retries it from the admin). A soft time limit reached while linking
        # lands here too, on purpose: storing takes milliseconds, and the fetch and extraction are not lost.
        logger.exception("Linking failed; the article is stored and its link step queued.")
        return None


def _fetch(url: str, fetcher: SafeFetcher | None) -> Document:
    if fetcher is not None:
        result = fetcher.get(url)
    else:
        with SafeFetcher() as own:
            result = own.get(url)
    return Document(content=result.content, url=result.url, content_type=result.content_type, charset=result.charset)


def extract(document: Document) -> Extracted:
    """The article in a document, by its type: HTML pages are extracted, text files kept as they are."""
    content_type = document.content_type
    if not content_type:
        head = document.content[:512].lstrip().lower()
        content_type = "text/html" if head.startswith((b"<!doctype html", b"<html", b"<")) else "text/plain"
    if content_type in HTML_TYPES:
        return extract_html(document.content, url=document.url, charset=document.charset)
    if content_type in TEXT_TYPES:
        return extract_text_file(document.content, document.charset)
    raise ExtractionError(f"Not an article: the document is {content_type}, not HTML or text.")


def store_article(
    *,
    ingestion: Ingestion,
    document: Document,
    extracted: Extracted,
    links: Links | None = None,
    enqueue_link: bool = True,
) -> Ingestion:
    """Store the extracted article (new, a duplicate of a stored one, or a new version of it) with its links.

    One transaction writes the article, its mentions and suggestions and the ingestion's state: nothing
    is half-written. Links found in another text than the one stored (a duplicate spelled differently)
    are left to the link step, queued after commit.
    """
    try:
        return _store_article(ingestion, document, extracted, links, enqueue_link)
    except IntegrityError:
        # Another worker stored the same page between our read and our insert: read again, and find it.
        return _store_article(ingestion, document, extracted, links, enqueue_link)


def _store_article(
    ingestion: Ingestion, document: Document, extracted: Extracted, links: Links | None, enqueue_link: bool
) -> Ingestion:
    keys = [canonical_url(url) for url in (document.url, extracted.canonical_url) if url]
    fingerprint = content_fingerprint(extracted.text)
    with transaction.atomic():
        article, outcome = _find_stored(keys, fingerprint, text_sha256(extracted.text))
        if outcome == Outcome.NEW:
            article = _create_article(document, extracted, keys, fingerprint)
        elif outcome == Outcome.UPDATED:
            article = _new_version(article, extracted, fingerprint)
        if outcome == Outcome.DUPLICATE and article.mentions.exists():
            step = Step.DONE
        elif links is not None and links.text_sha256 == article.text_sha256:
            save_links(article=article, links=links, fresh=outcome == Outcome.NEW)
            step = Step.DONE
        else:
            step = Step.LINKING
        # Written last, and only while the page is still being fetched: when another run of the task
        # (acks_late, a sweep) stored it first, this one rolls back and changes nothing.
        stored = Ingestion.objects.filter(pk=ingestion.pk, step=Step.FETCHING).update(
            article=article, outcome=outcome, error="", failed_step="", step=step, lease_until=None,
            updated_at=timezone.now(),
        )  # fmt: skip
        if not stored:
            transaction.set_rollback(True)
        elif step == Step.LINKING and enqueue_link:
            queue_link(ingestion)
    if not stored:
        return Ingestion.objects.select_related("article").get(pk=ingestion.pk)
    ingestion.article, ingestion.outcome, ingestion.step = article, outcome, step
    ingestion.error = ingestion.failed_step = ""
    return ingestion


def _find_stored(keys: list[str], fingerprint: str, sha: str) -> tuple[Article | None, str]:
    """The stored article this one is (by address, else by text) and the outcome; one query."""
    same_text = Q(fingerprint=fingerprint) | Q(text_sha256=sha)
    candidates = list(Article.objects.filter(Q(canonical_url__in=keys) | same_text).order_by("pk"))
    for key in keys:
        for article in candidates:
            if article.canonical_url == key:
                return article, Outcome.DUPLICATE if article.text_sha256 == sha else Outcome.UPDATED
    for article in candidates:
        if article.fingerprint == fingerprint or article.text_sha256 == sha:
            return article, Outcome.DUPLICATE
    return None, Outcome.NEW


def _article_values(extracted: Extracted, fingerprint: str) -> dict:
    published = None
    if extracted.published is not None:
        published = datetime.datetime.combine(extracted.published, datetime.time.min, tzinfo=datetime.UTC)
    return {
        "title": extracted.title,
        "author": extracted.author,
        "outlet": extracted.outlet,
        "language": extracted.language,
        "published_at": published,
        "text": extracted.text,
        "fingerprint": fingerprint,
    }


def _create_article(document: Document, extracted: Extracted, keys: list[str], fingerprint: str) -> Article:
    article = Article(
        url=document.url[:2000], canonical_url=keys[-1] if keys else "", **_article_values(extracted, fingerprint)
    )
    article.full_clean(validate_unique=False, validate_constraints=False)  # store_article catches IntegrityError
    article.save()
    ArticleVersion.objects.create(
        article=article, number=1, title=article.title, text=article.text, text_sha256=article.text_sha256
    )
    return article


def _new_version(article: Article, extracted: Extracted, fingerprint: str) -> Article:
    article = Article.objects.select_for_update().get(pk=article.pk)
    versions = article.versions.all()
    if not versions.exists():
        # Stored before versions were kept (or by an editor): keep its text as version 1.
        ArticleVersion.objects.create(
            article=article, number=1, title=article.title, text=article.text, text_sha256=article.text_sha256
        )
    for name, value in _article_values(extracted, fingerprint).items():
        setattr(article, name, value)
    article.full_clean()
    article.save()
    known = versions.filter(text_sha256=article.text_sha256).first()
    if known is None:
        number = (versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
        ArticleVersion.objects.create(
            article=article, number=number, title=article.title, text=article.text, text_sha256=article.text_sha256
        )
    return article


def mark_failed(*, ingestion_id: int, step: str, error: str, outcome: str = Outcome.ERROR) -> Ingestion:
    """Record why a step failed, in words an editor can act on; the step can be retried from the admin."""
    Ingestion.objects.filter(pk=ingestion_id).update(
        step=Step.FAILED,
        failed_step=step,
        outcome=outcome,
        error=error[:5000] or "Unknown error.",
        lease_until=None,
        unsent_since=None,
        updated_at=timezone.now(),
    )
    return Ingestion.objects.get(pk=ingestion_id)


@transaction.atomic
def retry_ingestion(*, ingestion: Ingestion) -> Ingestion:
    """Run a failed ingestion again from the step that failed."""
    ingestion = Ingestion.objects.select_for_update().get(pk=ingestion.pk)
    if ingestion.step != Step.FAILED:
        return ingestion
    ingestion.step = Step.LINKING if ingestion.failed_step == Step.LINKING and ingestion.article_id else Step.QUEUED
    ingestion.error = ingestion.failed_step = ingestion.outcome = ""
    ingestion.attempts = 0  # an editor's retry starts afresh
    ingestion.save()
    (queue_link if ingestion.step == Step.LINKING else queue_fetch)(ingestion)
    return ingestion


def ingest_file(*, path: Path) -> Ingestion:
    """Create the ingestion of a local file (its text is read by `fetch_and_store`)."""
    ingestion = Ingestion(file_name=str(path)[:500])
    ingestion.full_clean()
    ingestion.save()
    return ingestion


def read_file(path: Path) -> Document:
    """A local file as a document, typed by its name."""
    content_type, _ = mimetypes.guess_type(path.name)
    return Document(content=path.read_bytes(), content_type=content_type or "")
