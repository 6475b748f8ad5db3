"""How the ingestion linker finds initiatives, and turns a suggested initiative into a draft."""

from ingestion.linking import registry
from initiatives.models import Initiative, InitiativeStatus
from people.models import Organization, Person


def draft_initiative(suggested: registry.Suggested) -> registry.Draft:
    """A draft initiative named as the article names it, with the date, budget and people its sentence gives."""
    initiative = Initiative(name=suggested.name, status=InitiativeStatus.ANNOUNCED)
    draft = registry.Draft(initiative)
    dated = suggested.date(or_article=True)
    if not draft.carry_date("announced_date", dated, "announced date"):
        draft.to_complete.append("the announced date")
    if len(suggested.amounts) == 1:
        amount = suggested.amounts[0]
        initiative.budget_amount, initiative.budget_currency = amount["value"], amount["currency"]
        initiative.budget_qualifier = amount["qualifier"]
        draft.carried.append(f"budget {amount['surface']}")
        draft.carry_date("budget_as_of", dated, "budget as of")
    else:
        draft.to_complete.append("the budget" + (" (the sentence names several amounts)" if suggested.amounts else ""))
    organization = suggested.one("organization")
    if organization is not None:
        initiative.responsible_organization = Organization.objects.get(pk=organization)
        draft.carried.append(f"responsible organization {initiative.responsible_organization}")
    officials = suggested.pks("person")
    if officials:
        draft.m2m["lead_officials"] = officials
        names = Person.objects.filter(pk__in=officials).values_list("full_name", flat=True)
        draft.carried.append("lead officials " + ", ".join(sorted(names)) + " (named in the sentence: check)")
    if organization is None and not officials:
        draft.to_complete.append("who runs it")
    draft.to_complete.append("the summary and kind of instrument")
    return draft


def register() -> None:
    """Tell the ingestion pipeline about initiatives."""
    registry.register(
        "initiative",
        Initiative,
        names=registry.record_names(Initiative, "name"),
        places=registry.record_places(
            Initiative, "jurisdiction__name", "responsible_organization__jurisdiction__name", "jurisdiction__code"
        ),
        draft=draft_initiative,
    )
