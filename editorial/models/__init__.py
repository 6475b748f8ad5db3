from editorial.models.history import Change, ChangeAction, Redirect, Revision, RevisionStatus
from editorial.models.records import (
    RESERVED_SLUGS,
    AliasBase,
    AliasKind,
    CuratedQuerySet,
    CuratedRecord,
    DatePrecisionField,
    EditorialStatus,
    ExternalIdentifier,
    ends_after_start,
    normalise_partial_dates,
    not_negative,
    refuse_cycle,
)
from editorial.models.writes import UnrecordedWrite, WriteOutsideWorkflow, writes_through

__all__ = [
    "RESERVED_SLUGS",
    "AliasBase",
    "AliasKind",
    "Change",
    "ChangeAction",
    "CuratedQuerySet",
    "CuratedRecord",
    "DatePrecisionField",
    "EditorialStatus",
    "ExternalIdentifier",
    "Redirect",
    "Revision",
    "RevisionStatus",
    "UnrecordedWrite",
    "WriteOutsideWorkflow",
    "ends_after_start",
    "normalise_partial_dates",
    "not_negative",
    "refuse_cycle",
    "writes_through",
]
