"""The API's resources by name: which model each serves, how a reference to it reads, where its page is.

Each resource module (`api/resources/<kind>.py`) declares its `Resource`; the base viewset registers it
here, so that references, expansions, the change feed and citations can find any resource by name or model.
"""

from dataclasses import dataclass, field
from typing import Any

from django.db import models

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
    viewset: Any = field(default=None, compare=False)

    @property
    def is_curated(self) -> bool:
        return issubclass(self.model, CuratedRecord)

    @property
    def kind(self) -> str:
        """The singular name partners read in a reference to any kind of record: "initiative"."""
        return self.model._meta.model_name


_by_name: dict[str, Resource] = {}
_by_model: dict[type[models.Model], Resource] = {}


def register(resource: Resource) -> None:
    """Make a resource known by its name and its model (the viewset registers its own)."""
    _by_name[resource.name] = resource
    _by_model[resource.model] = resource


def get(name: str) -> Resource:
    return _by_name[name]


def for_model(model: type[models.Model]) -> Resource | None:
    return _by_model.get(model)


def curated() -> list[Resource]:
    """Every resource whose records go through the editorial workflow, in a fixed order."""
    return sorted((resource for resource in _by_name.values() if resource.is_curated), key=lambda r: r.name)


def all_resources() -> list[Resource]:
    return sorted(_by_name.values(), key=lambda r: r.name)
