"""How the ingestion linker finds initiatives, and turns a suggested initiative into a draft."""

from articles.linking import registry
from initiatives.models import Initiative, InitiativeStatus


def draft_initiative(*, name: str, data: dict) -> Initiative:
    """An unsaved draft initiative named as the article names it."""
    return Initiative(name=name, status=InitiativeStatus.ANNOUNCED)


def register() -> None:
    """Tell the ingestion pipeline about initiatives."""
    registry.register("initiative", Initiative, names=registry.record_names(Initiative, "name"), draft=draft_initiative)
