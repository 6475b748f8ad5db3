from editorial.admin.forms import AutoSlugForm, CuratedChildForm, CuratedRecordForm
from editorial.admin.records import (
    EDITORIAL_FIELDSET,
    CuratedChildInline,
    CuratedChildInlineMixin,
    CuratedRecordAdmin,
    ExternalIdentifierInline,
    curated_content_types,
)

__all__ = [
    "EDITORIAL_FIELDSET",
    "AutoSlugForm",
    "CuratedChildForm",
    "CuratedChildInline",
    "CuratedChildInlineMixin",
    "CuratedRecordAdmin",
    "CuratedRecordForm",
    "ExternalIdentifierInline",
    "curated_content_types",
]
