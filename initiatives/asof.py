"""An initiative on a date, as its published milestones describe it: status, budget and responsible body.

Status from milestones (`STATUS_OF_KIND`): each kind below moves the status; funded, legislated,
expanded, reviewed and other milestones do not. A suspension suspends; a resumption brings back the
status the initiative had before it was suspended. Milestones are taken in date order (the first day
of their period, then the order they were entered). Only published milestones and published
citations count: a draft never changes an answer.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, CharField, OuterRef, QuerySet, Subquery, Value, When

from editorial.asof import NOT_YET, SURE, UNKNOWN, Derived, happened
from editorial.dates import PartialDate
from initiatives.models import Initiative, InitiativeStatus, Milestone, MilestoneKind
from sources.models import Citation

STATUS_OF_KIND = {
    MilestoneKind.PROPOSED: InitiativeStatus.PROPOSED,
    MilestoneKind.ANNOUNCED: InitiativeStatus.ANNOUNCED,
    MilestoneKind.ESTABLISHED: InitiativeStatus.LAUNCHED,
    MilestoneKind.LAUNCHED: InitiativeStatus.LAUNCHED,
    MilestoneKind.OPERATIONAL: InitiativeStatus.OPERATIONAL,
    MilestoneKind.SUSPENDED: InitiativeStatus.SUSPENDED,
    MilestoneKind.COMPLETED: InitiativeStatus.COMPLETED,
    MilestoneKind.DISCONTINUED: InitiativeStatus.DISCONTINUED,
}
# A resumption restores what was suspended: the status of the latest milestone that is neither.
RESTORING = [kind for kind in STATUS_OF_KIND if kind != MilestoneKind.SUSPENDED]
STATUS_KINDS = [*STATUS_OF_KIND, MilestoneKind.RESUMED]
NOT_DATED_BODY = "The data model does not date the responsible body: this is the body the record names today."


@dataclass(frozen=True)
class InitiativeAsOf:
    status: Derived
    budget: Derived
    responsible_organization: Derived


def _status_after(milestones: list[Milestone]) -> tuple[str | None, Milestone | None]:
    """The status after `milestones` (in date order), and the milestone that decided it."""
    status: str | None = None
    decided: Milestone | None = None
    restorable: str | None = None
    for milestone in milestones:
        if milestone.kind == MilestoneKind.RESUMED:
            if restorable is not None:
                status, decided = restorable, milestone
        elif milestone.kind in STATUS_OF_KIND:
            status, decided = STATUS_OF_KIND[MilestoneKind(milestone.kind)], milestone
            if milestone.kind != MilestoneKind.SUSPENDED:
                restorable = status
    return status, decided


def _dated(milestone: Milestone) -> PartialDate:
    return PartialDate(milestone.date, milestone.date_precision)


def status_on(milestones: list[Milestone], on: datetime.date, citations: dict[int, list]) -> Derived:
    """The status on `on` from milestones in date order; uncertain while a deciding milestone's period spans `on`."""
    states = [(milestone, happened(_dated(milestone), on)) for milestone in milestones]
    possible = [milestone for milestone, state in states if state in (SURE, UNKNOWN)]
    sure = [milestone for milestone, state in states if state == SURE]
    value, decided = _status_after(possible)
    otherwise, decided_surely = _status_after(sure)
    if value == otherwise or decided is None:
        evidence = tuple(citations.get(decided_surely.pk, ())) if decided_surely else ()
        note = "" if value else "No published milestone gives a status by this date."
        return Derived(value=value, certain=True, evidence=evidence, note=note)
    what = str(MilestoneKind(decided.kind).label)
    evidence = tuple(citations.get(decided.pk, ()))
    return Derived.during(_dated(decided), what, value=value, evidence=evidence, otherwise=otherwise)


def budget_on(initiative: Initiative, milestones: list[Milestone], on: datetime.date, citations) -> Derived:
    """The budget as stated by `on`: the latest amount of a milestone, or the record's budget as of its date."""
    stated = [milestone for milestone in milestones if milestone.amount is not None]
    candidates: list[tuple[PartialDate, int, dict, tuple]] = [
        (
            _dated(milestone),
            milestone.pk,
            {"amount": milestone.amount, "currency": milestone.currency, "qualifier": "exact"},
            tuple(citations.get(milestone.pk, ())),
        )
        for milestone in stated
    ]
    record_date = initiative.partial_date("budget_as_of")
    if initiative.budget_amount is not None and record_date is not None:
        stated_budget = {
            "amount": initiative.budget_amount,
            "currency": initiative.budget_currency,
            "qualifier": initiative.budget_qualifier,
        }
        candidates.append((record_date, 0, stated_budget, tuple(citations.get(("budget", initiative.pk), ()))))
    candidates.sort(key=lambda candidate: (candidate[0].date, candidate[1]))
    value: dict | None = None
    otherwise: dict | None = None
    evidence: tuple = ()
    uncertain = None
    for when, _, amount, cited in candidates:
        state = happened(when, on)
        if state == NOT_YET:
            continue
        value = amount
        if state == SURE:
            otherwise, evidence, uncertain = amount, cited, None
        else:
            uncertain = (when, cited)
    if uncertain is None:
        note = "" if value else "No published amount is dated by this date."
        return Derived(value=value, certain=True, evidence=evidence, note=note)
    when, cited = uncertain
    return Derived.during(when, "Stated", value=value, evidence=cited, otherwise=otherwise)


def published_milestones(initiative_ids: Iterable[int]) -> dict[int, list[Milestone]]:
    """{initiative: its published milestones that bear a status or an amount, in date order} (one query)."""
    result: dict[int, list[Milestone]] = {pk: [] for pk in initiative_ids}
    rows = (
        Milestone.objects.published()
        .filter(initiative_id__in=result)
        .only("initiative_id", "kind", "date", "date_precision", "amount", "currency")
        .order_by("initiative_id", "date", "pk")
    )
    for milestone in rows:
        result[milestone.initiative_id].append(milestone)
    return result


def cited(milestones: Iterable[Milestone], initiative_ids: Iterable[int]) -> dict:
    """Published citations by milestone pk, and of each initiative's budget by ("budget", pk) (one query)."""
    milestone_type = ContentType.objects.get_for_model(Milestone)
    initiative_type = ContentType.objects.get_for_model(Initiative)
    citations = (
        Citation.objects.published()
        .filter(content_type__in=[milestone_type, initiative_type])
        .select_related("article")
        .defer("article__search_vector", "article__text")
        .order_by("start", "pk")
    )
    milestone_ids = [milestone.pk for milestone in milestones]
    citations = citations.filter(object_id__in=[*milestone_ids, *initiative_ids])
    result: dict = {}
    for citation in citations:
        if citation.content_type_id == milestone_type.pk and citation.object_id in milestone_ids:
            result.setdefault(citation.object_id, []).append(citation)
        elif citation.content_type_id == initiative_type.pk and citation.field == "budget":
            result.setdefault(("budget", citation.object_id), []).append(citation)
    return result


def initiatives_on(initiatives: list[Initiative], on: datetime.date) -> dict[int, InitiativeAsOf]:
    """Each initiative's status, budget and responsible body on `on`, in two queries whatever their number."""
    by_initiative = published_milestones([initiative.pk for initiative in initiatives])
    citations = cited(
        [milestone for milestones in by_initiative.values() for milestone in milestones],
        [initiative.pk for initiative in initiatives],
    )
    result = {}
    for initiative in initiatives:
        milestones = by_initiative[initiative.pk]
        body = initiative.responsible_organization if initiative.responsible_organization_id else None
        result[initiative.pk] = InitiativeAsOf(
            status=status_on([m for m in milestones if m.kind in STATUS_KINDS], on, citations),
            budget=budget_on(initiative, milestones, on, citations),
            responsible_organization=Derived(value=body, certain=False, note=NOT_DATED_BODY),
        )
    return result


def with_status_as_of(queryset: QuerySet[Initiative], on: datetime.date) -> QuerySet[Initiative]:
    """`queryset` with `status_as_of`: the status on `on` in SQL, as `status_on`'s value (a milestone whose period
    starts by `on` counts), to filter and count by; null before any status milestone.

    One subquery a row: its latest status-bearing milestone maps its own kind to a status, and only a resumption
    looks further back (PostgreSQL evaluates a CASE branch only when it is taken). An annotation referenced in
    another expression is inlined there whole, so the mapping lives inside the subquery, not around it.
    """

    def latest(kinds, initiative) -> QuerySet[Milestone]:
        milestones = Milestone.objects.published().filter(initiative=initiative, kind__in=kinds, date__lte=on)
        return milestones.order_by("-date", "-pk")

    def status_of() -> Case:
        whens = [When(kind=kind, then=Value(str(status))) for kind, status in STATUS_OF_KIND.items()]
        return Case(*whens, default=Value(None), output_field=CharField())

    restored = latest(RESTORING, OuterRef("initiative")).annotate(status=status_of()).values("status")[:1]
    resumed = When(kind=MilestoneKind.RESUMED, then=Subquery(restored))
    decided = latest(STATUS_KINDS, OuterRef("pk")).annotate(
        status=Case(resumed, default=status_of(), output_field=CharField())
    )
    return queryset.annotate(status_as_of=Subquery(decided.values("status")[:1]))
