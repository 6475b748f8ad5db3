"""factory_boy factories for the domain model.

Records are drafts by default, as the model is; ask for `editorial_status="published"` to get
a published one. Factories save with `Model.objects.create`, so no `full_clean` runs: whatever
`clean()` would fill in (a citation's offsets and hash) is set here so that rows are consistent.
What the database derives (search vectors, facet keys, a membership's copy of its post's flag) it
derives here too. Curated records are written through `writes_through` (see `CuratedFactory`), with
no revision or change entry: a test that wants those uses the workflow.
"""

import datetime
from decimal import Decimal

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from editorial.models import writes_through
from initiatives.models import Initiative, Milestone, MilestoneKind, Theme
from meetings.models import Capacity, Meeting, MeetingKind, Participation, Rendering, Statement, StatementAmount
from people.models import Jurisdiction, JurisdictionKind, Membership, Organization, OrganizationKind, Person, Post
from sources.models import Article, Citation, text_sha256


class CuratedFactory(DjangoModelFactory):
    """A curated record set up as a test needs it: saved where the workflow would refuse a plain save()."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with writes_through("tests.factories"):
            return super()._create(model_class, *args, **kwargs)


class JurisdictionFactory(DjangoModelFactory):
    class Meta:
        model = Jurisdiction

    name = factory.Sequence(lambda n: f"Jurisdiction {n}")
    slug = factory.Sequence(lambda n: f"jurisdiction-{n}")
    kind = JurisdictionKind.COUNTRY


class OrganizationFactory(CuratedFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"organization-{n}")
    name = factory.Sequence(lambda n: f"Organization {n}")
    kind = OrganizationKind.GOVERNMENT


class PostFactory(CuratedFactory):
    class Meta:
        model = Post

    slug = factory.Sequence(lambda n: f"post-{n}")
    title = factory.Sequence(lambda n: f"Secretary {n}")
    organization = factory.SubFactory(OrganizationFactory)
    is_sole_holder = True


class PersonFactory(CuratedFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    full_name = factory.Sequence(lambda n: f"Person {n}")


class MembershipFactory(CuratedFactory):
    class Meta:
        model = Membership

    slug = factory.Sequence(lambda n: f"membership-{n}")
    person = factory.SubFactory(PersonFactory)
    post = factory.SubFactory(PostFactory)
    start_date = datetime.date(2022, 7, 1)


class ThemeFactory(CuratedFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name = factory.Sequence(lambda n: f"Theme {n}")


class InitiativeFactory(CuratedFactory):
    class Meta:
        model = Initiative

    slug = factory.Sequence(lambda n: f"initiative-{n}")
    name = factory.Sequence(lambda n: f"Initiative {n}")


class MilestoneFactory(CuratedFactory):
    class Meta:
        model = Milestone

    slug = factory.Sequence(lambda n: f"milestone-{n}")
    initiative = factory.SubFactory(InitiativeFactory)
    kind = MilestoneKind.ANNOUNCED
    date = datetime.date(2024, 10, 16)


class MeetingFactory(CuratedFactory):
    class Meta:
        model = Meeting

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    name = factory.Sequence(lambda n: f"Meeting {n}")
    kind = MeetingKind.MEETING
    start_date = datetime.date(2025, 10, 22)


class ParticipationFactory(CuratedFactory):
    class Meta:
        model = Participation

    slug = factory.Sequence(lambda n: f"participation-{n}")
    person = factory.SubFactory(PersonFactory)
    meeting = factory.SubFactory(MeetingFactory)
    capacity = Capacity.ATTENDED


class StatementFactory(CuratedFactory):
    class Meta:
        model = Statement

    slug = factory.Sequence(lambda n: f"statement-{n}")
    speaker = factory.SubFactory(PersonFactory)
    date = datetime.date(2025, 10, 22)
    rendering = Rendering.PARAPHRASED
    summary = factory.Sequence(lambda n: f"Statement {n}")
    text = "Hong Kong will invest more than HK$200 billion in innovation and technology."


class StatementAmountFactory(DjangoModelFactory):
    class Meta:
        model = StatementAmount

    statement = factory.SubFactory(StatementFactory)
    value = Decimal("200000000000")
    currency = "HKD"
    surface = "more than HK$200 billion"


class ArticleFactory(DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    text = factory.Sequence(
        lambda n: (
            f"Article {n} opens here. The Financial Secretary announced a fund of HK$10 billion. "
            "Officials will report next year."
        )
    )
    text_sha256 = factory.LazyAttribute(lambda article: text_sha256(article.text))


def _passage_start(citation) -> int | None:
    if citation.article is None or not citation.passage:
        return None
    return citation.article.text.index(citation.passage)


class CitationFactory(CuratedFactory):
    """Cites a new initiative by default; `record=` cites another, `from_url=True` cites a URL, not an article."""

    class Meta:
        model = Citation

    class Params:
        # A parameter, not the model's GenericForeignKey, so that content_type/object_id can be given instead.
        record = factory.SubFactory(InitiativeFactory)
        from_url = factory.Trait(article=None, url=factory.Sequence(lambda n: f"https://example.org/source-{n}"))

    slug = factory.Sequence(lambda n: f"citation-{n}")
    content_type = factory.LazyAttribute(lambda citation: ContentType.objects.get_for_model(citation.record))
    object_id = factory.SelfAttribute("record.pk")
    article = factory.SubFactory(ArticleFactory)
    passage = factory.LazyAttribute(
        lambda citation: (
            "" if citation.article is None else "The Financial Secretary announced a fund of HK$10 billion."
        )
    )
    start = factory.LazyAttribute(_passage_start)
    end = factory.LazyAttribute(
        lambda citation: None if citation.start is None else citation.start + len(citation.passage)
    )
    text_sha256 = factory.LazyAttribute(
        lambda citation: "" if citation.article is None else citation.article.text_sha256
    )
