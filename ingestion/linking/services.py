"""Writes of linking and review: mentions and suggestions for an article; editors accept or reject them."""

import datetime
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from editorial.revisions import take
from editorial.services import unique_slug
from editorial.workflow import save_record
from ingestion.linking import registry
from ingestion.linking.confidence import is_sure, link_proposals
from ingestion.linking.matcher import Linker, Match, get_linker
from ingestion.linking.resolve import link_text
from ingestion.linking.suggest import Proposal, suggest
from ingestion.models import Ingestion, Mention, ReviewStatus, Step, Suggestion, SuggestionKind
from ingestion.selectors import list_current_mentions, list_current_suggestions
from sources.models import Article, Citation, text_sha256


class ReviewError(Exception):
    """The review action cannot be done; the message says why."""


@dataclass
class LinkResult:
    mentions: list[Mention]
    suggestions: list[Suggestion]


@dataclass
class Links:
    """What linking found in one text, before anything is written: found outside any transaction."""

    text_sha256: str
    matches: list[Match]
    proposals: list[Proposal]


def find_links(*, text: str, published: datetime.date | None, linker: Linker | None = None) -> Links:
    """Mentions and suggestions for a text; reads names, post holders and meeting dates, writes nothing."""
    matches, _ = link_text(text, published=published, linker=linker or get_linker())
    proposals = suggest(text, matches=matches, published=published)
    return Links(text_sha256=text_sha256(text), matches=matches, proposals=proposals)


def link_article(*, article: Article, linker: Linker | None = None) -> LinkResult:
    """Propose mentions and suggestions for the article's current text; reviewed ones are kept as reviewed."""
    published = article.published_at.date() if article.published_at else None
    links = find_links(text=article.text, published=published, linker=linker)
    with transaction.atomic():
        save_links(article=article, links=links)
        Ingestion.objects.filter(article=article, step=Step.LINKING).update(step=Step.DONE, updated_at=timezone.now())
    return LinkResult(
        mentions=list(list_current_mentions(article)), suggestions=list(list_current_suggestions(article))
    )


def save_links(*, article: Article, links: Links, fresh: bool = False) -> None:
    """Write what linking found in the article's current text, in the caller's transaction.

    A match the linker is sure of becomes a mention; a doubtful one a suggestion of kind link. What an
    editor decided for a span and a record, in either form, stands: it is not proposed again in the other.
    `fresh`: the article was created in this transaction, so it has no mentions or suggestions to
    reconcile with (and none an editor reviewed): the proposals are inserted without reading first.
    """
    if links.text_sha256 != article.text_sha256:
        raise ValueError("The links were found in another text than the article's.")
    content_types = {
        linkable.kind: ContentType.objects.get_for_model(linkable.model) for linkable in registry.linkables()
    }
    sha = article.text_sha256
    found = {
        (content_types[match.kind].pk, match.record_id, match.start, match.end): match
        for match in links.matches
        if match.kind in content_types
    }
    existing: dict[tuple, Mention] = {}
    decided_links: set[tuple] = set()
    if not fresh:
        existing = {
            (mention.content_type_id, mention.object_id, mention.start, mention.end): mention
            for mention in Mention.objects.filter(article=article, text_sha256=sha).order_by()
        }
        links_reviewed = Suggestion.objects.filter(article=article, text_sha256=sha, kind=SuggestionKind.LINK).exclude(
            status=ReviewStatus.PROPOSED
        )
        decided_links = {
            (content_types[data["kind"]].pk, data["record_id"], start, end)
            for data, start, end in links_reviewed.order_by().values_list("data", "start", "end")
            if data.get("kind") in content_types
        }
    wanted = {key: match for key, match in found.items() if is_sure(match) and key not in decided_links}
    doubtful = [
        match
        for key, match in found.items()
        if key not in wanted and (key not in existing or existing[key].status == ReviewStatus.PROPOSED)
    ]
    if not fresh:
        # Proposals that no longer match (names changed, or the text did, or the linker is less sure) go; reviewed
        # ones stay.
        stale = [mention.pk for key, mention in existing.items() if key not in wanted]
        Mention.objects.filter(article=article, status=ReviewStatus.PROPOSED).exclude(text_sha256=sha).delete()
        Mention.objects.filter(pk__in=stale, status=ReviewStatus.PROPOSED).delete()
        _update_proposed(existing, wanted)
    Mention.objects.bulk_create(
        [
            Mention(
                article=article,
                kind=match.kind,
                content_type_id=key[0],
                object_id=match.record_id,
                surface=match.surface[:500],
                start=match.start,
                end=match.end,
                text_sha256=sha,
                method=match.method,
                confidence=match.confidence,
            )
            for key, match in wanted.items()
            if key not in existing
        ],
        ignore_conflicts=True,  # a second run of the same task (acks_late) inserts the same rows
    )
    _store_suggestions(article, [*links.proposals, *link_proposals(article.text, doubtful)], fresh=fresh)


def _update_proposed(existing: dict[tuple, Mention], wanted: dict[tuple, Match]) -> None:
    """A proposed mention found again by another method, or with another confidence, says how it is found now."""
    changed = []
    for key, match in wanted.items():
        mention = existing.get(key)
        if mention is None or mention.status != ReviewStatus.PROPOSED:
            continue
        if (mention.method, mention.confidence) != (match.method, match.confidence):
            mention.method, mention.confidence = match.method, match.confidence
            changed.append(mention)
    Mention.objects.bulk_update(changed, ["method", "confidence"])


def _store_suggestions(article: Article, proposals: list[Proposal], *, fresh: bool) -> None:
    sha = article.text_sha256
    # What an editor rejected once, for any article, is not proposed again.
    # A rejected link stands for its span only: kept as a row, it keeps its span from being proposed again.
    named = {proposal.normalized for proposal in proposals if proposal.kind != SuggestionKind.LINK}
    rejected = set()
    if named:
        rejected = set(
            Suggestion.objects.filter(status=ReviewStatus.REJECTED, normalized__in=named)
            .order_by()  # the default ordering would join the articles for nothing
            .values_list("kind", "normalized")
        )
    keep = [proposal for proposal in proposals if (proposal.kind, proposal.normalized) not in rejected]
    if not fresh:
        wanted = {(proposal.kind, proposal.normalized, proposal.start) for proposal in keep}
        Suggestion.objects.filter(article=article, status=ReviewStatus.PROPOSED).exclude(text_sha256=sha).delete()
        stale = [
            pk
            for pk, kind, normalized, start in Suggestion.objects.filter(
                article=article, text_sha256=sha, status=ReviewStatus.PROPOSED
            )
            .order_by()
            .values_list("pk", "kind", "normalized", "start")
            if (kind, normalized, start) not in wanted
        ]
        Suggestion.objects.filter(pk__in=stale).delete()
    Suggestion.objects.bulk_create(
        [
            Suggestion(
                article=article,
                kind=proposal.kind,
                text=proposal.text[:500],
                normalized=proposal.normalized,
                data=proposal.data,
                start=proposal.start,
                end=proposal.end,
                evidence=article.text[proposal.evidence_start : proposal.evidence_end],
                evidence_start=proposal.evidence_start,
                evidence_end=proposal.evidence_end,
                text_sha256=sha,
            )
            for proposal in keep
        ],
        ignore_conflicts=True,
    )


def link_ingestion(*, ingestion_id: int) -> LinkResult | None:
    """The link step of one ingestion; None when it is not waiting for it (done already, or failed)."""
    ingestion = Ingestion.objects.filter(pk=ingestion_id, step=Step.LINKING).select_related("article").first()
    if ingestion is None or ingestion.article is None:
        return None
    return link_article(article=ingestion.article)


@transaction.atomic
def review_mention(*, mention: Mention, accept: bool, by) -> Mention:
    """Accept or reject a proposed mention; a rejected one is not proposed again for this text."""
    mention = Mention.objects.select_for_update().get(pk=mention.pk)
    mention.status = ReviewStatus.ACCEPTED if accept else ReviewStatus.REJECTED
    mention.reviewed_by = by
    mention.reviewed_at = timezone.now()
    mention.full_clean()
    mention.save()
    return mention


@transaction.atomic
def reject_suggestion(*, suggestion: Suggestion, by) -> Suggestion:
    """Reject a suggestion; its value is not suggested again, from any article."""
    suggestion = Suggestion.objects.select_for_update().get(pk=suggestion.pk)
    if suggestion.status == ReviewStatus.ACCEPTED:
        raise ReviewError("This suggestion was accepted already.")
    suggestion.status = ReviewStatus.REJECTED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    return suggestion


@dataclass
class Accepted:
    """What accepting a suggestion made: the draft (None for an amount or a date), and what the editor completes."""

    record: object = None
    dependents: list = field(default_factory=list)
    carried: list[str] = field(default_factory=list)
    to_complete: list[str] = field(default_factory=list)
    mention: Mention | None = None  # for a suggestion of kind link: the accepted mention it became


@transaction.atomic
def accept_suggestion(*, suggestion: Suggestion, by) -> Accepted:
    """Accept a suggestion: for a record kind, a draft carrying what its sentence links, citing the sentence;
    for a link, an accepted mention."""
    suggestion = Suggestion.objects.select_for_update().select_related("article").get(pk=suggestion.pk)
    if suggestion.status == ReviewStatus.ACCEPTED:
        return Accepted(record=suggestion.draft)
    article = suggestion.article
    if suggestion.text_sha256 != article.text_sha256:
        raise ReviewError("The article changed since this was suggested; link it again first.")
    linkable = registry.get(suggestion.kind)
    accepted = Accepted()
    if suggestion.kind == SuggestionKind.LINK:
        accepted = Accepted(mention=_accept_link(suggestion, by=by))
    elif linkable is not None and linkable.draft is not None:
        try:
            draft = linkable.draft(_suggested(suggestion))
            record, dependents = _save_draft(draft, suggestion, by=by)
        except ValueError as error:
            raise ReviewError(str(error)) from None
        except ValidationError as error:  # what the sentence links breaks a rule of the kind: nothing is kept
            raise ReviewError("The draft cannot be saved: " + " ".join(error.messages)) from None
        suggestion.draft = record
        accepted = Accepted(record, dependents, draft.carried, draft.to_complete)
    suggestion.status = ReviewStatus.ACCEPTED
    suggestion.reviewed_by = by
    suggestion.reviewed_at = timezone.now()
    suggestion.save()
    return accepted


def _accept_link(suggestion: Suggestion, *, by) -> Mention:
    """The accepted mention a link suggestion stands for, made or found on its span."""
    data = suggestion.data
    linkable = registry.get(data.get("kind", ""))
    if linkable is None or not linkable.model._default_manager.filter(pk=data.get("record_id")).exists():
        raise ReviewError("The record this links to is gone; link the article again.")
    mention, _ = Mention.objects.get_or_create(
        article=suggestion.article,
        content_type=ContentType.objects.get_for_model(linkable.model),
        object_id=data["record_id"],
        start=suggestion.start,
        end=suggestion.end,
        text_sha256=suggestion.text_sha256,
        defaults={"kind": linkable.kind, "surface": suggestion.text, "method": data.get("method", "")},
    )
    mention.method = data.get("method") or mention.method
    mention.confidence = data.get("confidence", mention.confidence)
    mention.status = ReviewStatus.ACCEPTED
    mention.reviewed_by = by
    mention.reviewed_at = timezone.now()
    mention.full_clean()
    mention.save()
    return mention


def _save_draft(draft: registry.Draft, suggestion: Suggestion, *, by) -> tuple:
    """Save the draft and its dependents through the workflow, each citing the suggestion's sentence."""
    message = f"From a suggestion in article {suggestion.article_id}."
    record = draft.record
    record.slug = unique_slug(record)
    # Through the workflow: the draft gets its first revision and a "created" entry, like any editor's draft.
    save_record(record=record, by=by, data=take(record, m2m=draft.m2m, children=draft.children), message=message)
    # The sentence is the source of each fact publishing asks a citation of (an initiative's budget) as well.
    for field_name in ("", *record.required_citation_fields()):
        _cite(record, suggestion, by=by, message=message, field=field_name)
    dependents = draft.dependents(record) if draft.dependents else []
    for dependent in dependents:
        dependent.slug = unique_slug(dependent)
        save_record(record=dependent, by=by, message=message)
        _cite(dependent, suggestion, by=by, message=message)
    return record, dependents


def _suggested(suggestion: Suggestion) -> registry.Suggested:
    """The suggestion with what its sentence links: mentions and other suggestions inside the sentence."""
    article = suggestion.article
    inside = {
        "article": article,
        "text_sha256": suggestion.text_sha256,
        "start__gte": suggestion.evidence_start,
        "end__lte": suggestion.evidence_end,
    }
    mentions = Mention.objects.filter(**inside).exclude(status=ReviewStatus.REJECTED).order_by("start")
    linked = [registry.Linked(mention.kind, mention.object_id, mention.start, mention.end) for mention in mentions]
    amounts, dates = [], []
    others = Suggestion.objects.filter(**inside).exclude(pk=suggestion.pk).exclude(status=ReviewStatus.REJECTED)
    for other in others.order_by("start"):
        if other.kind == SuggestionKind.AMOUNT:
            amounts.append({**other.data, "surface": other.text})
        elif other.kind == SuggestionKind.DATE:
            dates.append(other.data)
        elif other.draft_id is not None:
            # Accepted in the same sentence: its draft is named there as much as a known record is.
            linked.append(registry.Linked(other.kind, other.draft_id, other.start, other.end))
    return registry.Suggested(
        name=suggestion.normalized,
        data=suggestion.data,
        start=suggestion.start,
        end=suggestion.end,
        sentence=suggestion.evidence,
        linked=tuple(linked),
        amounts=tuple(amounts),
        dates=tuple(dates),
        article_date=article.published_at.date() if article.published_at else None,
    )


def _cite(record, suggestion: Suggestion, *, by, message: str, field: str = "") -> None:
    """Cite the suggestion's sentence for a record made from it, or for one of its facts."""
    citation = Citation(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        field=field,
        article=suggestion.article,
        passage=suggestion.evidence,
        start=suggestion.evidence_start,
        end=suggestion.evidence_end,
    )
    citation.slug = unique_slug(citation)
    save_record(record=citation, by=by, message=message)
