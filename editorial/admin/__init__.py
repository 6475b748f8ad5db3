from editorial.admin.forms import AutoSlugForm, CuratedChildForm, CuratedRecordForm
from editorial.admin.identifiers import ExternalIdentifierInline, curated_content_types
from editorial.admin.log import ChangeAdmin, ReadOnlyAdmin
from editorial.admin.records import EDITORIAL_FIELDSET, CuratedChildInline, CuratedChildInlineMixin, CuratedRecordAdmin

__all__ = [
    "EDITORIAL_FIELDSET",
    "AutoSlugForm",
    "ChangeAdmin",
    "CuratedChildForm",
    "CuratedChildInline",
    "CuratedChildInlineMixin",
    "CuratedRecordAdmin",
    "CuratedRecordForm",
    "ExternalIdentifierInline",
    "ReadOnlyAdmin",
    "curated_content_types",
]
