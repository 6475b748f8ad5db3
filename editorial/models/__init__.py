from editorial.models.history import Change, ChangeAction, Redirect, Revision, RevisionStatus
from editorial.models.records import (
    AliasBase,
    AliasKind,
    CuratedQuerySet,
    CuratedRecord,
    DatePrecisionField,
    EditorialStatus,
    ExternalIdentifier,
    UnrecordedWrite,
    ends_after_start,
    normalise_partial_dates,
    not_negative,
)

__all__ = [
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
    "ends_after_start",
    "normalise_partial_dates",
    "not_negative",
]
