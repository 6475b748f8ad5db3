"""Forms of the editors' screens: optimistic locking, a reason for each change, generated slugs."""

from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import model_to_dict

from editorial.models import CuratedRecord, EditorialStatus
from editorial.rules import TRANSITIONS
from editorial.services import unique_slug


class CuratedRecordForm(forms.ModelForm):
    """Carries the version the editor opened, so a save over someone else's is refused, not silent."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    workflow_comment = forms.CharField(
        label="Comment",
        required=False,
        max_length=2000,
        help_text="Why this change, or what to fix: kept in the record's history, and read by the reviewer or editor.",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version
        pending = getattr(self.instance, "pending_data", None)
        if pending is not None and not self.is_bound:
            # Many-to-many links are read from the database, which holds the live version: show the edit.
            for name, pks in pending["m2m"].items():
                if name in self.fields:
                    self.initial[name] = pks

    def clean(self):
        super().clean()
        cleaned_data = self.cleaned_data
        step = TRANSITIONS.get(self.data.get("_workflow", ""))
        if step is not None and step.comment_required and not cleaned_data.get("workflow_comment", "").strip():
            self.add_error("workflow_comment", f"Say why: “{step.label}” needs a comment the editor will read.")
        record = self.instance
        links = {
            field.name: [item.pk for item in cleaned_data[field.name]]
            for field in record._meta.many_to_many
            if field.name in cleaned_data
        }
        try:  # links are saved after the record: checked here as the workflow will, they are a form error, not a 500
            record.clean_links(links)
        except ValidationError as error:
            self.add_error(None, error)
        expected = cleaned_data.get("expected_version")
        if record.pk is not None and expected is not None:
            current = type(record).objects.filter(pk=record.pk).values_list("version", flat=True).first()
            if current is not None and current != expected:
                raise forms.ValidationError(
                    "Someone saved this record after you opened it (it is now at version %(current)s; you opened "
                    "version %(expected)s). Your changes were not saved: open the record again to see theirs.",
                    code="edit_conflict",
                    params={"current": current, "expected": expected},
                )
        return cleaned_data


class AutoSlugForm(CuratedRecordForm):
    """A record form that builds a blank slug from the record when it is saved.

    An optional, empty field is left out of model validation, so the required model field does
    not fail `full_clean`. The slug is built in `save`, not `clean`: an inline record only gets
    its parent (and so its name) once the parent is saved.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = "Leave blank to build one from the record."

    def clean_slug(self):
        # None rather than "": a formset would take two blank slugs for a duplicate.
        return self.cleaned_data["slug"] or None

    def save(self, commit=True):
        if not self.instance.slug:
            self.instance.slug = unique_slug(self.instance)
        return super().save(commit)


class CuratedChildForm(AutoSlugForm):
    """A curated record edited inline on another's page: only drafts; the rest goes through its own review."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None and self.instance.editorial_status != EditorialStatus.DRAFT:
            for field in self.fields.values():
                field.disabled = True
                field.help_text = ""


def owned_rows(formset, fields: list[str]) -> list[dict]:
    """The rows an owned-rows formset (aliases, identifiers) describes once saved, without saving them."""
    rows = []
    for form in formset.forms:
        if formset._should_delete_form(form):
            continue
        if form.has_changed():
            values = form.cleaned_data
        elif form.instance.pk is not None:
            values = model_to_dict(form.instance)
        else:
            values = form.initial
        row = {name: _plain(values.get(name)) for name in fields if name in values}
        if any(value not in ("", None) for value in row.values()):
            rows.append(row)
    return rows


def _plain(value):
    return value.pk if isinstance(value, CuratedRecord) or hasattr(value, "_meta") else value
