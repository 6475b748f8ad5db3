"""What a cited passage must state: the name, amount or date its citation is for.

A citation narrowed to one fact of its record (`Citation.field`) that quotes a stored article must
quote words that say it: a name or alias as the linker folds it (`editorial.folding.states`: case,
accents, "&", traditional and simplified Chinese), an amount however it is written
(`editorial.amounts`: "HK$3bn" states 3000000000 HKD), a date at the precision stored
(`editorial.dates`: "22 October 2025", "2025年10月22日"). Not checked: a page we do not store (we
have no text to read), and a record cited as a whole (a membership is not a string to look for).
An owned row cited whole is its value: an alias row its name, an amount row its amount.

The value is the one an editor works on: a live record's edit waiting for review if it has one,
or the record in memory when the caller attached it (an admin page validating record and citation
together).
"""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst

from editorial.amounts import states_amount
from editorial.dates import PartialDate, states_date
from editorial.folding import states
from editorial.models import AliasBase, CuratedRecord
from editorial.revisions import working_copy


@dataclass(frozen=True)
class CitedValue:
    label: str  # the fact, as an editor reads it: "Original script name"
    shown: str  # the value, as written in the error: "陳茂波", "HKD 3,000,000,000", "22 October 2025"
    is_stated_by: Callable[[str], bool]


def unstated_value(citation) -> CitedValue | None:
    """The value the citation's passage is for and does not state; None when it states it, or nothing is checked."""
    if citation.article_id is None or not citation.passage or not citation.content_type_id:
        return None
    value = cited_value(citation)
    if value is None or value.is_stated_by(citation.passage):
        return None
    return value


def cited_value(citation) -> CitedValue | None:
    """The name, amount or date a citation is for; None for the record as a whole or any other fact."""
    record, fresh = _record(citation)
    if record is None:
        return None
    value = _reader(record, fresh=fresh)
    model, name = type(record), citation.field
    if name in ("", "name") and isinstance(record, AliasBase):
        return _name("Alias", value("name"))
    if name == "" and isinstance(record, CuratedRecord):
        return None
    facts = getattr(model, "citation_facts", {})
    if name in facts or name == "":
        # A fact that spans fields ("budget": budget_amount, budget_currency...), or an owned amount row whole.
        return _amount(model, f"{name}_" if name else "", capfirst(facts.get(name, "amount")), value)
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    label = str(capfirst(field.verbose_name))  # type: ignore[union-attr]
    if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField):
        precision = value(f"{name}_precision") if _has_field(model, f"{name}_precision") else None
        date = PartialDate.from_fields(value(name), precision)
        return None if date is None else CitedValue(label, date.display(), lambda passage: states_date(passage, date))
    if isinstance(field, models.DecimalField):
        return _amount(model, name.removesuffix("amount").removesuffix("value"), label, value)
    if isinstance(field, models.CharField) and (name in ("name", "title") or name.endswith("_name")):
        return _name(label, value(name))
    return None


def _name(label: str, name: str | None) -> CitedValue | None:
    if not name:
        return None
    return CitedValue(label, f"“{name}”", lambda passage: states(passage, name))


def _amount(model, prefix: str, label: str, value: Callable[[str], Any]) -> CitedValue | None:
    """The amount of `<prefix>amount` or `<prefix>value` in `<prefix>currency`; None when the record has none."""
    amount_field = next((f"{prefix}{n}" for n in ("amount", "value") if _has_field(model, f"{prefix}{n}")), None)
    if amount_field is None or not _has_field(model, f"{prefix}currency"):
        return None
    amount, currency = value(amount_field), value(f"{prefix}currency")
    if amount is None or not currency:
        return None
    amount = Decimal(amount)
    written = f"{amount.quantize(Decimal(1)):,}" if amount == amount.to_integral() else f"{amount:,}"
    return CitedValue(label, f"{currency} {written}", lambda passage: states_amount(passage, amount, currency))


def _has_field(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def _record(citation) -> tuple[models.Model | None, bool]:
    """The cited record, and whether it was read from the database here rather than attached by the caller."""
    if type(citation).record.is_cached(citation):
        return citation.record, False
    model = citation.content_type.model_class()
    if model is None:
        return None, True
    # Not through `citation.record`: caching it here would make the next check take it for one attached.
    return model._base_manager.filter(pk=citation.object_id).first(), True


def _reader(record: models.Model, *, fresh: bool) -> Callable[[str], Any]:
    """Reads a field's value as an editor works on it (see the module's docstring)."""
    if fresh and isinstance(record, CuratedRecord) and record.pending_revision_id:
        fields = working_copy(record)["fields"]
        return lambda name: record._meta.get_field(name).to_python(fields.get(name))  # type: ignore[union-attr]
    return lambda name: getattr(record, name)


@dataclass
class Audit:
    checked: int  # citations of a name, amount or date quoting a stored passage
    unstated: list[tuple[Any, CitedValue]]  # (citation, the value its passage does not state)


def audit(citations) -> Audit:
    """Check stored citations again (data restored or loaded past `Citation.clean`): which fail to state theirs."""
    result = Audit(checked=0, unstated=[])
    for citation in citations:
        if citation.article_id is None or not citation.passage:
            continue
        value = cited_value(citation)
        if value is None:
            continue
        result.checked += 1
        if not value.is_stated_by(citation.passage):
            result.unstated.append((citation, value))
    return result
