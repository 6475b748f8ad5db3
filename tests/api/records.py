"""Published records with every relation filled, for the API's tests: one builder per resource."""

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType

from ingestion.models import Mention
from initiatives.models import InitiativeAlias
from meetings.models import MeetingAlias
from people.models import Jurisdiction, OrganizationAlias, PersonAlias, PostAlias
from sources.models import Article
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    InitiativeFactory,
    JurisdictionFactory,
    MeetingFactory,
    MembershipFactory,
    MilestoneFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PostFactory,
    StatementAmountFactory,
    StatementFactory,
    ThemeFactory,
)

LIVE = {"editorial_status": "published", "published_version": 1}


def live(factory, **fields):
    return factory(**LIVE, **fields)


@dataclass
class Shared:
    """Related records every built row points at."""

    jurisdiction: Jurisdiction
    organization: object
    person: object
    post: object
    theme: object
    initiative: object
    meeting: object
    article: Article

    @classmethod
    def create(cls, jurisdiction_code: str = "HK") -> "Shared":
        organization = live(OrganizationFactory)
        return cls(
            jurisdiction=JurisdictionFactory(code=jurisdiction_code),
            organization=organization,
            person=live(PersonFactory),
            post=live(PostFactory, organization=organization),
            theme=live(ThemeFactory),
            initiative=live(InitiativeFactory),
            meeting=live(MeetingFactory),
            article=ArticleFactory(),
        )


def cite(record, shared: Shared):
    return live(CitationFactory, record=record, article=shared.article)


def initiative(shared: Shared):
    row = live(
        InitiativeFactory,
        jurisdiction=shared.jurisdiction,
        responsible_organization=shared.organization,
        parent=shared.initiative,
    )
    row.lead_officials.add(shared.person)
    row.themes.add(shared.theme)
    row.related.add(shared.initiative)
    InitiativeAlias.objects.create(record=row, name=f"alias of {row.slug}")
    cite(row, shared)
    return row


def person(shared):
    row = live(PersonFactory)
    PersonAlias.objects.create(record=row, name=f"alias of {row.slug}")
    cite(row, shared)
    return row


def organization(shared):
    row = live(OrganizationFactory, parent=shared.organization, jurisdiction=shared.jurisdiction)
    OrganizationAlias.objects.create(record=row, name=f"alias of {row.slug}")
    cite(row, shared)
    return row


def post(shared):
    row = live(PostFactory, organization=shared.organization)
    PostAlias.objects.create(record=row, name=f"alias of {row.slug}")
    cite(row, shared)
    return row


def membership(shared):
    row = live(MembershipFactory, person=shared.person, post=live(PostFactory, organization=shared.organization))
    cite(row, shared)
    return row


def meeting(shared):
    row = live(
        MeetingFactory, country=shared.jurisdiction, host_economy=shared.jurisdiction, organizer=shared.organization
    )
    row.parents.add(shared.meeting)
    MeetingAlias.objects.create(record=row, name=f"alias of {row.slug}")
    cite(row, shared)
    return row


def participation(shared):
    row = live(
        ParticipationFactory,
        person=live(PersonFactory),
        meeting=shared.meeting,
        post=shared.post,
        delegation=shared.jurisdiction,
    )
    cite(row, shared)
    return row


def statement(shared):
    row = live(StatementFactory, speaker=shared.person, post=shared.post, meeting=shared.meeting)
    row.initiatives.add(shared.initiative)
    row.themes.add(shared.theme)
    StatementAmountFactory(statement=row, initiative=shared.initiative)
    cite(row, shared)
    return row


def milestone(shared):
    row = live(MilestoneFactory, initiative=shared.initiative)
    cite(row, shared)
    return row


def theme(shared):
    row = live(ThemeFactory)
    cite(row, shared)
    return row


def citation(shared):
    return cite(shared.initiative, shared)


def article(shared):
    row = ArticleFactory()
    Mention.objects.create(
        article=row,
        kind="person",
        content_type=ContentType.objects.get_for_model(shared.person),
        object_id=shared.person.pk,
        surface="The Financial Secretary",
        start=len(f"{row.title} opens here. "),
        end=len(f"{row.title} opens here. The Financial Secretary"),
        text_sha256=row.text_sha256,
        method="role",
        status="accepted",
    )
    live(CitationFactory, record=shared.initiative, article=row)  # public: a published record cites it
    return row


BUILDERS = {
    "initiatives": initiative,
    "people": person,
    "organizations": organization,
    "posts": post,
    "memberships": membership,
    "meetings": meeting,
    "participations": participation,
    "statements": statement,
    "milestones": milestone,
    "themes": theme,
    "citations": citation,
    "articles": article,
}
