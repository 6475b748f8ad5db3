"""How sure the linker is of a match: a sure one is written as a mention, a doubtful one is offered as a suggestion.

A doubtful match (below settings.INGEST_LINK_THRESHOLD: a weaker method, or another record fitted
as well) becomes a suggestion of kind link: an editor confirms it, and it becomes an accepted mention.
"""

from bisect import bisect_right

from django.conf import settings

from ingestion.linking.matcher import Match
from ingestion.linking.suggest import Proposal, sentences
from ingestion.models import SuggestionKind


def is_sure(match: Match) -> bool:
    """Sure enough to be written as a mention without asking an editor first."""
    return match.confidence >= settings.INGEST_LINK_THRESHOLD


def link_normalized(kind: str, record_id: int) -> str:
    """What a link suggestion stands for: one record, whatever words name it."""
    return f"{kind}:{record_id}"


def link_proposals(text: str, matches: list[Match]) -> list[Proposal]:
    """Doubtful matches as suggestions of kind link, each with its sentence as the evidence."""
    if not matches:
        return []
    spans = sentences(text)
    starts = [start for start, _ in spans]
    proposals = []
    for match in matches:
        index = bisect_right(starts, match.start) - 1
        sentence_start, sentence_end = spans[index] if index >= 0 else (match.start, match.end)
        proposals.append(
            Proposal(
                kind=SuggestionKind.LINK,
                text=match.surface,
                normalized=link_normalized(match.kind, match.record_id),
                start=match.start,
                end=match.end,
                evidence_start=min(sentence_start, match.start),
                evidence_end=max(sentence_end, match.end),
                data={
                    "kind": match.kind,
                    "record_id": match.record_id,
                    "method": match.method,
                    "confidence": match.confidence,
                },
            )
        )
    return proposals
