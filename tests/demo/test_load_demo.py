"""The founding article's facts, loaded by `load_demo`, are stored, cited and queryable."""

import datetime
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command

from demo import dataset
from editorial.dates import DatePrecision
from editorial.models import CuratedRecord, EditorialStatus, writes_through
from initiatives.models import Initiative
from meetings.models import Meeting, Statement, StatementAmount
from meetings.selectors import list_initiatives_spoken_about, list_meetings_containing
from people.models import Person, Post
from people.selectors import list_post_holders
from sources.models import Article, Citation
from sources.selectors import list_citations

pytestmark = pytest.mark.django_db

PROJECT_APPS = ["editorial", "people", "initiatives", "meetings", "sources", "ingestion"]


def snapshot() -> dict[str, list[dict]]:
    """Every row of every project table, timestamps included."""
    rows = {}
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            rows[model._meta.label] = list(model.objects.order_by("pk").values())
            for field in model._meta.many_to_many:
                through = field.remote_field.through
                rows[through._meta.label] = list(through.objects.order_by("pk").values())
    return rows


def test_load_demo_is_idempotent(demo):
    first = snapshot()
    call_command("load_demo", verbosity=0)
    assert snapshot() == first
    assert sum(len(rows) for rows in first.values()) > 100


def test_load_demo_repairs_an_edited_record(demo):
    chan = Person.objects.get(slug="paul-chan-mo-po")
    chan.full_name = "Somebody Else"
    with writes_through("a change made behind the workflow's back, as a database restore would"):
        chan.save()
    call_command("load_demo", verbosity=0)
    chan.refresh_from_db()
    assert chan.full_name == "Paul Chan Mo-po"


def test_load_demo_publishes_everything_and_cites_every_fact(demo):
    for app_label in PROJECT_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if not issubclass(model, CuratedRecord):
                continue
            for record in model.objects.all():
                assert record.editorial_status == EditorialStatus.PUBLISHED, record
                assert record.published_at is not None
                if model._meta.label not in {"initiatives.Theme", "sources.Citation"}:
                    assert list_citations(record).exists(), f"{model._meta.label} {record} cites nothing"


def test_every_citation_passage_sits_at_its_offsets(demo):
    article = Article.objects.get()
    citations = Citation.objects.filter(article=article)
    assert citations.count() > 50
    for citation in citations:
        assert article.text[citation.start : citation.end] == citation.passage
        assert citation.text_sha256 == article.text_sha256


def test_founding_article_stores_only_what_it_says(demo):
    article = Article.objects.get()
    assert article.text == dataset.ARTICLE_PATH.read_text(encoding="utf-8")
    assert (article.url, article.outlet, article.author, article.published_at) == ("", "", "", None)
    assert article.language == "en"


def test_initiatives_paul_chan_spoke_about_at_the_joint_session(demo):
    chan = Person.objects.get(full_name="Paul Chan Mo-po")
    joint_session = Meeting.objects.get(slug="apec-2025-fmm-srmm-joint-session")
    names = set(list_initiatives_spoken_about(person=chan, meeting=joint_session).values_list("name", flat=True))
    assert {
        "Hong Kong AI Research and Development Institute",
        "AI Supercomputing Centre",
        "AI Efficacy Enhancement Team",
        "Digital Corporate Identity platform",
        "AI in education at all levels",
        "Support for the digital transformation of SMEs",
        "APEC cooperation to bridge the digital divide",
    } <= names
    # Paul Lam spoke about these at another session, not Chan at this one.
    assert "Digitalisation of trade documents" not in names
    assert "Review of legislation to support the wider application of AI" not in names


def test_who_held_the_post_of_financial_secretary_on_22_october_2025(demo):
    post = Post.objects.get(title="Financial Secretary")
    holders = list_post_holders(post=post, on=datetime.date(2025, 10, 22))
    assert [person.full_name for person in holders] == ["Paul Chan Mo-po"]
    membership = post.memberships.get()
    assert "Financial Secretary Paul Chan Mo-po" in {citation.passage for citation in list_citations(membership)}


def test_meetings_the_joint_session_is_part_of(demo):
    joint_session = Meeting.objects.get(slug="apec-2025-fmm-srmm-joint-session")
    parents = list_meetings_containing(joint_session)
    assert [meeting.name for meeting in parents] == [
        "APEC Finance Ministers' Meeting 2025",
        "APEC Structural Reform Ministerial Meeting 2025",
    ]
    assert {parent.parents.get().name for parent in parents} == {"APEC 2025"}
    assert joint_session.partial_date("start_date").isoformat() == "2025-10-22"
    assert joint_session.locality == "Incheon"
    # The article says "on Wednesday", which states no date: the press release of that day is the date's source.
    [date_source] = list_citations(joint_session, field="start_date")
    assert date_source.article_id is None
    assert date_source.url
    assert "22 October 2025" in date_source.source_title


def test_the_passage_that_supports_hk200_billion(demo):
    amount = StatementAmount.objects.get(currency="HKD", value=Decimal("200000000000"))
    assert amount.qualifier == "more_than"
    assert amount.statement.speaker.full_name == "Paul Chan Mo-po"
    [citation] = list_citations(amount)
    assert citation.passage == "Hong Kong has invested more than HK$200 billion in innovation and technology"
    assert citation.article.text[citation.start : citation.end] == citation.passage

    investment = Initiative.objects.get(slug="innovation-and-technology-investment")
    assert (investment.budget_amount, investment.budget_currency) == (Decimal("200000000000"), "HKD")
    assert "HK$200 billion" in list_citations(investment, field="budget").get().passage


def test_dates_keep_the_precision_the_source_gave(demo):
    centre = Initiative.objects.get(name="AI Supercomputing Centre")
    assert centre.start_date_precision == DatePrecision.YEAR
    assert centre.partial_date("start_date").isoformat() == "2024"
    launched = centre.milestones.get(kind="launched")
    assert launched.partial_date("date").display() == "2024"
    assert Meeting.objects.get(slug="apec-2025").partial_date("start_date").isoformat() == "2025"


def test_statements_record_speaker_meeting_rendering_and_post(demo):
    lam = Person.objects.get(slug="paul-lam-ting-kwok")
    thematic = Meeting.objects.get(slug="apec-srmm-2025-thematic-session")
    statements = Statement.objects.filter(speaker=lam)
    assert statements.count() == 3
    assert set(statements.values_list("meeting", flat=True)) == {thematic.pk}
    assert set(statements.values_list("rendering", flat=True)) == {"paraphrased"}
    assert set(statements.values_list("post__title", flat=True)) == {"Secretary for Justice"}
    proposal = Statement.objects.get(slug="paul-chan-2025-10-22-proposal-digital-divide")
    assert proposal.speech_act == "proposed"
    assert proposal.initiatives.get().status == "proposed"


def test_people_carry_names_in_original_script_and_aliases(demo):
    chan = Person.objects.get(slug="paul-chan-mo-po")
    assert chan.original_script_name == "陳茂波"
    assert {"Paul Chan", "Chan Mo-po", "陳茂波"} <= set(chan.aliases.values_list("name", flat=True))
    post = Post.objects.get(slug="financial-secretary-hksar")
    assert {"the financial secretary", "FS", "the finance chief"} <= set(post.aliases.values_list("name", flat=True))


def test_every_demo_citation_states_the_name_amount_or_date_it_cites(demo, capsys):
    call_command("check_citations")

    checked = int(capsys.readouterr().out.split()[0])
    assert checked >= 2  # the budget and the amount Chan named; dates the article gives only as "on Wednesday"
    # are cited to the press release, and the officials' Chinese names to the Government's directory.
    for person in Person.objects.all():
        [source] = list_citations(person, field="original_script_name")
        assert source.article_id is None
        assert source.url.startswith("https://www.gov.hk/")
