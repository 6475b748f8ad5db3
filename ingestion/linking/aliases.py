"""A short form an article defines ("Digital Corporate Identity (CorpID)", then "CorpID"), kept as an alias.

From the mention review, one click adds the words of an acronym or variant mention to its record's
aliases, through the editorial workflow like any editor's alias edit (a published record's edit waits
for review), and accepts the mention.
"""

import re
from dataclasses import dataclass

from django.db import transaction

from editorial.folding import fold
from editorial.models import AliasKind
from editorial.revisions import take, working_copy
from editorial.workflow import save_record
from ingestion.linking import registry
from ingestion.linking.services import ReviewError, review_mention
from ingestion.models import LinkMethod, Mention, ReviewStatus

# Methods whose words may be a name the record does not have yet; a name or alias match is one it has.
OFFERED_METHODS = (LinkMethod.ACRONYM, LinkMethod.VARIANT)
# CorpID, HKSAR, R&D: at least two capitals and no space.
_ACRONYM = re.compile(r"(?=(?:\S*[A-Z]){2})[A-Za-z0-9&.\-]+")


@dataclass(frozen=True)
class AliasAdded:
    """What the click did: whether the alias is new, and whether it waits for a reviewer (the record is live)."""

    record: object
    name: str
    is_new: bool
    is_pending: bool


def alias_kind(words: str) -> str:
    """An all-capitals or CamelCase short form is an acronym; other words an alternate name."""
    return AliasKind.ACRONYM if _ACRONYM.fullmatch(words) else AliasKind.ALTERNATE


def _has_name(record, aliases: list[dict], words: str) -> bool:
    """The record already goes by these words (its name, or an alias in the version editors work on)."""
    folded = fold(words)[0].strip()
    names = [str(record), *(alias.get("name", "") for alias in aliases)]
    return any(fold(name)[0].strip() == folded for name in names)


def offers_alias(mention: Mention) -> bool:
    """Whether the mention review offers the mention's words as a new alias of its record."""
    if mention.method not in OFFERED_METHODS or mention.status == ReviewStatus.REJECTED:
        return False
    record = mention.record
    if record is None or "aliases" not in getattr(record, "revision_children", ()):
        return False
    return not _has_name(record, working_copy(record)["children"].get("aliases", []), mention.surface)


@transaction.atomic
def add_alias_from_mention(*, mention: Mention, by) -> AliasAdded:
    """Add the mention's words as an alias of its record (once) through the workflow, and accept the mention."""
    mention = Mention.objects.select_for_update().select_related("article").get(pk=mention.pk)
    if mention.status == ReviewStatus.REJECTED:
        raise ReviewError("This mention was rejected: its words do not name the record.")
    linkable = registry.get(mention.kind)
    if mention.method not in OFFERED_METHODS or linkable is None:
        raise ReviewError("Only an acronym or a variant of a name is offered as a new alias.")
    # Locked before its aliases are read: a second click, or another editor's alias edit, waits here and then
    # finds the alias in the version it reads, instead of overwriting it with the list it read before.
    record = linkable.model._default_manager.select_for_update().filter(pk=mention.object_id).first()
    if record is None:
        raise ReviewError("The record this mention links to is gone.")
    aliases = working_copy(record)["children"].get("aliases", [])
    is_new = not _has_name(record, aliases, mention.surface)
    if is_new:
        language = mention.article.language[:35]
        alias = {"name": mention.surface, "kind": alias_kind(mention.surface), "language": language}
        rows = take(record, children={"aliases": [*aliases, alias]})["children"]["aliases"]
        save_record(
            record=record,
            by=by,
            changes={"children": {"aliases": rows}},
            message=f"Alias “{mention.surface}” from a mention in article {mention.article_id}.",
        )
    if mention.status == ReviewStatus.PROPOSED:
        review_mention(mention=mention, accept=True, by=by)
    return AliasAdded(record, mention.surface, is_new, is_pending=is_new and record.is_live)
