"""Writes every curated record shares."""

from typing import Any

from django.db import models
from django.utils.text import slugify

from editorial.models import RESERVED_SLUGS


def upsert(
    model: type[models.Model],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    create_only: dict[str, Any] | None = None,
) -> tuple[models.Model, bool]:
    """Create the row `lookup` names, or bring it to `values`, writing nothing when it already matches.

    Writing only on a difference keeps loaders idempotent down to `updated_at`: run twice on the
    same input, the database is the same. Returns (instance, changed).
    """
    instance = model._default_manager.filter(**lookup).first()
    if instance is None:
        instance = model(**lookup, **values, **(create_only or {}))
        instance.full_clean()
        instance.save()
        return instance, True
    before = {name: getattr(instance, name) for name in values}
    for name, value in values.items():
        setattr(instance, name, value)
    instance.full_clean()  # may normalise values (partial dates), so compare after it
    if all(getattr(instance, name) == before[name] for name in values):
        return instance, False
    instance.save()
    return instance, True


def unique_slug(instance: models.Model, *, max_length: int = 100) -> str:
    """A slug built from `str(instance)`, with -2, -3... when another record of its kind has it."""
    model = type(instance)
    base = slugify(str(instance))[:max_length].strip("-") or model.__name__.lower()  # its _meta.model_name
    # One query for every candidate: a common name ("announced-2024") may have many suffixes already.
    taken = set(
        model._default_manager.filter(slug__startswith=base).exclude(pk=instance.pk).values_list("slug", flat=True)
    )
    taken |= RESERVED_SLUGS
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug
