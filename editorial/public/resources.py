"""The kinds of public record by name: which model each is, its public shape, how a reference to it reads,
where its page is.

Each kind declares its `Resource` beside its shape, in its app's `public.py` (`initiatives/public.py`...),
with `declare(...)`. The API serves each (`api/resources/<kind>.py`) and the website writes its JSON and CSV
from the same declaration; references, expansions, the change feed and citations find any kind here, by
name or model.
"""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.utils.module_loading import autodiscover_modules

from editorial.models import CuratedRecord


@dataclass(frozen=True)
class Resource:
    name: str  # the URL segment, e.g. "initiatives"
    model: type[models.Model]
    # What a compact reference calls the record: a column of the model, or an expression for
    # records without a name of their own (a membership is "<person> as <post>").
    label: Any
    # The record's page on the website, formatted with the row's `slug` and `pk`; None: no page.
    web_path: str | None = None
    # What the public may read of this kind; None: published records (every row of a kind not curated).
    queryset: Callable[[], models.QuerySet] | None = field(default=None, compare=False)
    shape: Any = field(default=None, compare=False)  # the serializer class that declares the public shape
    viewset: Any = field(default=None, compare=False)  # the API's, once it serves the kind

    @property
    def is_curated(self) -> bool:
        return issubclass(self.model, CuratedRecord)

    @property
    def kind(self) -> str:
        """The singular name partners read in a reference to any kind of record: "initiative"."""
        return str(self.model._meta.model_name)

    def public_queryset(self) -> models.QuerySet:
        """What partners and the public may read: published records (articles say what is public of them)."""
        if self.queryset is not None:
            return self.queryset()
        manager = self.model._default_manager
        return manager.published() if self.is_curated else manager.all()  # type: ignore[attr-defined]


_by_name: dict[str, Resource] = {}
_by_model: dict[type[models.Model], Resource] = {}
_discovered: list[bool] = []


def declare(resource: Resource, shape: Any) -> Resource:
    """A kind's public shape: `shape` (a serializer class) is what its JSON, CSV and NDJSON hold."""
    declared = replace(resource, shape=shape)
    register(declared)
    return declared


def register(resource: Resource) -> None:
    """Make a resource known by its name and its model (the API registers its viewset's too)."""
    _by_name[resource.name] = resource
    _by_model[resource.model] = resource


def _discover() -> None:
    """Every app's declarations, imported once, whoever asks first (the API, a page, a test)."""
    if not _discovered:
        _discovered.append(True)
        autodiscover_modules("public")


def get(name: str) -> Resource:
    _discover()
    return _by_name[name]


def for_model(model: type[models.Model]) -> Resource | None:
    _discover()
    return _by_model.get(model)


def curated() -> list[Resource]:
    """Every resource whose records go through the editorial workflow, in a fixed order."""
    _discover()
    return sorted((resource for resource in _by_name.values() if resource.is_curated), key=lambda r: r.name)


def all_resources() -> list[Resource]:
    _discover()
    return sorted(_by_name.values(), key=lambda r: r.name)
