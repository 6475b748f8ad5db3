"""The newsroom answers: every registered model's pages open, search, autocomplete, and fill blank slugs."""

import datetime
from decimal import Decimal

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from api.services import issue_api_key
from editorial.admin import EDITORIAL_FIELDSET, CuratedRecordAdmin
from editorial.dates import DatePrecision
from editorial.models import AliasKind, Change, ChangeAction, CuratedRecord, ExternalIdentifier, writes_through
from ingestion.models import Feed, Ingestion, Mention, Suggestion
from initiatives.models import Initiative, InitiativeAlias, Milestone, MilestoneKind, Theme
from meetings.models import (
    Capacity,
    Meeting,
    MeetingAlias,
    MeetingKind,
    Participation,
    Rendering,
    Statement,
    StatementAmount,
)
from people.models import (
    Jurisdiction,
    JurisdictionKind,
    Membership,
    Organization,
    OrganizationAlias,
    OrganizationKind,
    Person,
    PersonAlias,
    Post,
    PostAlias,
)
from releases.services import make_release
from sources.models import Article, Citation, text_sha256
from tests.factories import PersonFactory, PostFactory

pytestmark = pytest.mark.django_db

REGISTERED_MODELS = sorted(admin.site._registry, key=lambda model: model._meta.label)
REGISTERED_IDS = [model._meta.label for model in REGISTERED_MODELS]
CURATED_MODELS = [model for model in REGISTERED_MODELS if issubclass(model, CuratedRecord)]

ARTICLE_TEXT = (
    "Financial Secretary Paul Chan said on Wednesday that the government has invested more than "
    "HK$200 billion in innovation and technology.\n"
    "The Northern Metropolis will provide land for the sector, he told the APEC Finance Ministers' Meeting."
)
PASSAGE = "The Northern Metropolis will provide land for the sector"


def person_user():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_user("partner", "partner@example.org", "a-long-test-password")


@pytest.fixture
@writes_through("the admin pages' test records")
def records():
    """One of every model the admin edits, tied together as the demo data ties them."""
    Group.objects.create(name="Editors")
    hong_kong = Jurisdiction.objects.create(
        name="Hong Kong, China", slug="hong-kong-china", code="HK", kind=JurisdictionKind.SPECIAL_REGION
    )
    korea = Jurisdiction.objects.create(name="Korea", slug="korea", code="KR", kind=JurisdictionKind.COUNTRY)
    government = Organization.objects.create(
        name="Government of the Hong Kong Special Administrative Region",
        slug="hksar-government",
        kind=OrganizationKind.GOVERNMENT,
        jurisdiction=hong_kong,
    )
    OrganizationAlias.objects.create(record=government, name="HKSAR Government", kind=AliasKind.SHORT)
    OrganizationAlias.objects.create(record=government, name="The HKSAR Government", kind=AliasKind.ALTERNATE)
    post = Post.objects.create(title="Financial Secretary", slug="financial-secretary", organization=government)
    PostAlias.objects.create(record=post, name="FS", kind=AliasKind.ACRONYM)
    person = Person.objects.create(
        full_name="Paul Chan Mo-po",
        given_name="Paul",
        family_name="Chan",
        original_script_name="陳茂波",
        slug="paul-chan-mo-po",
    )
    PersonAlias.objects.create(record=person, name="陳茂波", kind=AliasKind.ORIGINAL_SCRIPT, language="zh-Hant")
    ExternalIdentifier.objects.create(record=person, scheme="wikidata", value="Q100000001")
    membership = Membership.objects.create(
        person=person, post=post, start_date=datetime.date(2017, 1, 16), slug="paul-chan-as-financial-secretary"
    )
    theme = Theme.objects.create(name="Innovation and technology", slug="innovation-and-technology")
    initiative = Initiative.objects.create(
        name="Northern Metropolis",
        slug="northern-metropolis",
        jurisdiction=hong_kong,
        responsible_organization=government,
        announced_date=datetime.date(2021, 10, 1),
        announced_date_precision=DatePrecision.MONTH,
    )
    initiative.lead_officials.add(person)
    initiative.themes.add(theme)
    InitiativeAlias.objects.create(record=initiative, name="北部都會區", kind=AliasKind.ORIGINAL_SCRIPT)
    milestone = Milestone.objects.create(
        initiative=initiative,
        kind=MilestoneKind.ANNOUNCED,
        date=datetime.date(2021, 10, 6),
        slug="northern-metropolis-announced",
    )
    meeting = Meeting.objects.create(
        name="APEC Finance Ministers' Meeting 2025",
        slug="apec-fmm-2025",
        kind=MeetingKind.MEETING,
        start_date=datetime.date(2025, 10, 22),
        locality="Incheon",
        country=korea,
        host_economy=korea,
    )
    MeetingAlias.objects.create(record=meeting, name="FMM", kind=AliasKind.ACRONYM)
    participation = Participation.objects.create(
        person=person,
        meeting=meeting,
        capacity=Capacity.SPOKE,
        post=post,
        delegation=hong_kong,
        slug="paul-chan-spoke-apec-fmm-2025",
    )
    statement = Statement.objects.create(
        speaker=person,
        post=post,
        meeting=meeting,
        date=datetime.date(2025, 10, 22),
        rendering=Rendering.PARAPHRASED,
        summary="More than HK$200 billion invested in innovation and technology",
        text="The government has invested more than HK$200 billion in innovation and technology.",
        slug="chan-innovation-investment",
    )
    statement.initiatives.add(initiative)
    statement_amount = StatementAmount.objects.create(
        statement=statement,
        value=Decimal("200000000000"),
        currency="HKD",
        qualifier="more_than",
        surface="more than HK$200 billion",
        purpose="innovation and technology",
    )
    article = Article.objects.create(
        title="Chan tells APEC of Hong Kong's tech push",
        outlet="The Standard",
        language="en",
        text=ARTICLE_TEXT,
        text_sha256=text_sha256(ARTICLE_TEXT),
    )
    start = ARTICLE_TEXT.index(PASSAGE)
    citation = Citation.objects.create(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        article=article,
        passage=PASSAGE,
        start=start,
        end=start + len(PASSAGE),
        text_sha256=article.text_sha256,
        slug="northern-metropolis-the-standard",
    )
    feed = Feed.objects.create(url="https://news.example/feed.xml", title="News")
    Ingestion.objects.create(url="https://news.example/a", url_key="https://news.example/a", article=article, feed=feed)
    chan = ARTICLE_TEXT.index("Paul Chan")
    Mention.objects.create(
        article=article,
        kind="person",
        content_type=ContentType.objects.get_for_model(Person),
        object_id=person.pk,
        surface="Paul Chan",
        start=chan,
        end=chan + len("Paul Chan"),
        text_sha256=article.text_sha256,
        method="alias",
    )
    amount = ARTICLE_TEXT.index("more than HK$200 billion")
    Suggestion.objects.create(
        article=article,
        kind="amount",
        text="more than HK$200 billion",
        normalized="HKD 200000000000",
        start=amount,
        end=amount + len("more than HK$200 billion"),
        evidence=ARTICLE_TEXT.split("\n")[0],
        evidence_start=0,
        evidence_end=len(ARTICLE_TEXT.split("\n")[0]),
        text_sha256=article.text_sha256,
    )
    issue_api_key(name="Partner nightly", owner=person_user())
    Change.objects.create(
        content_type=ContentType.objects.get_for_model(Initiative),
        object_id=initiative.pk,
        record_uuid=initiative.uuid,
        record_slug=initiative.slug,
        action=ChangeAction.CREATE,
    )
    make_release()
    return {
        "jurisdiction": hong_kong,
        "organization": government,
        "post": post,
        "person": person,
        "membership": membership,
        "theme": theme,
        "initiative": initiative,
        "milestone": milestone,
        "meeting": meeting,
        "participation": participation,
        "statement": statement,
        "statement_amount": statement_amount,
        "article": article,
        "citation": citation,
    }


def admin_url(model, view, *args):
    return reverse(admin_urlname(model._meta, view), args=args)


def form_data(response) -> dict:
    """What a browser posts back, unchanged, for the admin form page in `response`."""
    page_forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        page_forms += [inline.formset.management_form, *inline.formset.forms]
    data = {}
    for form in page_forms:
        for bound_field in form:
            value = bound_field.value()
            if isinstance(bound_field.field.widget, forms.CheckboxInput):
                if value:
                    data[bound_field.html_name] = "on"
            elif value is not None:
                data[bound_field.html_name] = value
    return data


def formset_prefix(response, model) -> str:
    """The prefix of the inline formset that edits `model` on the page in `response`."""
    [prefix] = [
        inline.formset.prefix for inline in response.context["inline_admin_formsets"] if inline.formset.model is model
    ]
    return prefix


# Every registered model's pages


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=REGISTERED_IDS)
def test_admin_changelist_answers(admin_client, records, model):
    response = admin_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=REGISTERED_IDS)
def test_admin_changelist_search_answers(admin_client, records, model):
    response = admin_client.get(admin_url(model, "changelist"), {"q": "Chan"})
    assert response.status_code == 200


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=REGISTERED_IDS)
def test_admin_add_page_answers(admin_client, records, model, rf, superuser):
    request = rf.get("/")
    request.user = superuser
    # Some lists are written elsewhere (the workflow's log, the pipeline's proposals): no add page, on purpose.
    expected = 200 if admin.site._registry[model].has_add_permission(request) else 403
    response = admin_client.get(admin_url(model, "add"))
    assert response.status_code == expected


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=REGISTERED_IDS)
def test_admin_change_page_answers(admin_client, records, model):
    record = model._default_manager.order_by("pk").first()
    assert record is not None, f"Add a {model.__name__} to the `records` fixture."
    response = admin_client.get(admin_url(model, "change", record.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", CURATED_MODELS, ids=[model._meta.label for model in CURATED_MODELS])
def test_admin_curated_record_shows_its_editorial_state_read_only(model):
    model_admin = admin.site._registry[model]
    assert isinstance(model_admin, CuratedRecordAdmin)
    assert "editorial_status" in model_admin.readonly_fields
    assert "editorial_status" in model_admin.list_display
    assert "editorial_status" in model_admin.list_filter
    assert EDITORIAL_FIELDSET in model_admin.fieldsets


# Search and autocomplete


def test_admin_search_finds_an_organization_by_alias_once(admin_client, records):
    response = admin_client.get(admin_url(Organization, "changelist"), {"q": "HKSAR"})
    assert list(response.context["cl"].result_list) == [records["organization"]]


def test_admin_search_finds_a_person_by_original_script_alias(admin_client, records):
    response = admin_client.get(admin_url(Person, "changelist"), {"q": "陳茂波"})
    assert list(response.context["cl"].result_list) == [records["person"]]


def test_admin_autocomplete_finds_a_speaker(admin_client, records):
    response = admin_client.get(
        "/admin/autocomplete/",
        {"app_label": "meetings", "model_name": "statement", "field_name": "speaker", "term": "Chan"},
    )
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(records["person"].pk), "text": "Paul Chan Mo-po"}]


# Blank slugs


def test_admin_adding_a_membership_with_a_blank_slug_builds_one(admin_client, records):
    secretary = PostFactory(
        title="Secretary for Innovation, Technology and Industry",
        slug="secretary-for-innovation-technology-and-industry",
        organization=records["organization"],
    )
    add_url = admin_url(Membership, "add")
    data = form_data(admin_client.get(add_url))
    data.update(
        person=records["person"].pk,
        post=secretary.pk,
        start_date="2022-07-01",
        start_date_precision=DatePrecision.DAY,
        end_date="2022-12-31",
        end_date_precision=DatePrecision.DAY,
        slug="",
    )

    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    slugs = list(Membership.objects.filter(post=secretary).order_by("pk").values_list("slug", flat=True))
    expected = "paul-chan-mo-po-as-secretary-for-innovation-technology-and-industry"
    assert slugs == [expected, f"{expected}-2"]
    assert Membership.objects.filter(post=secretary, end_date=datetime.date(2022, 12, 31)).count() == 2


def test_admin_citation_inline_locates_a_pasted_passage_and_builds_its_slug(admin_client, records):
    initiative, article = records["initiative"], records["article"]
    change_url = admin_url(Initiative, "change", initiative.pk)
    response = admin_client.get(change_url)
    data = form_data(response)
    prefix = formset_prefix(response, Citation)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    passage = "the government has invested more than HK$200 billion"
    data.update({f"{prefix}-{index}-article": article.pk, f"{prefix}-{index}-passage": passage})

    response = admin_client.post(change_url, data)

    assert response.status_code == 302
    citation = Citation.objects.for_record(initiative).exclude(pk=records["citation"].pk).get()
    assert ARTICLE_TEXT[citation.start : citation.end] == passage
    assert citation.text_sha256 == article.text_sha256
    assert citation.slug.startswith("the-government-has-invested")


def test_admin_refuses_an_identifier_another_person_has(admin_client, records):
    other = PersonFactory(full_name="Another Chan", slug="another-chan")
    change_url = admin_url(Person, "change", other.pk)
    response = admin_client.get(change_url)
    data = form_data(response)
    prefix = formset_prefix(response, ExternalIdentifier)
    data.update({f"{prefix}-TOTAL_FORMS": 1, f"{prefix}-0-scheme": "wikidata", f"{prefix}-0-value": "Q100000001"})

    response = admin_client.post(change_url, data)

    assert response.status_code == 200
    assert "already identifies another person" in response.content.decode()
    assert not ExternalIdentifier.objects.filter(object_id=other.pk).exists()


def test_admin_refuses_two_current_holders_of_a_sole_holder_post_on_one_page(admin_client, records):
    post = records["post"]
    # The stored holder's term has ended, so each new row alone passes Membership.clean.
    Membership.objects.filter(post=post).update_unrecorded(
        start_date=datetime.date(2017, 1, 16), end_date=datetime.date(2022, 6, 30)
    )
    change_url = admin_url(Post, "change", post.pk)
    response = admin_client.get(change_url)
    data = form_data(response)
    prefix = formset_prefix(response, Membership)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    newcomers = [PersonFactory(full_name=f"Newcomer {n}", slug=f"newcomer-{n}") for n in (1, 2)]
    data[f"{prefix}-TOTAL_FORMS"] = index + 2
    for offset, person in enumerate(newcomers):
        data[f"{prefix}-{index + offset}-person"] = person.pk
        data[f"{prefix}-{index + offset}-start_date_precision"] = "day"
        data[f"{prefix}-{index + offset}-end_date_precision"] = "day"
    before = Membership.objects.count()

    response = admin_client.post(change_url, data)

    assert response.status_code == 200
    assert "has one holder at a time" in response.content.decode()
    assert Membership.objects.count() == before


# Query budgets


def test_admin_initiative_changelist_query_count_is_flat(admin_client, records):
    changelist_url = admin_url(Initiative, "changelist")
    admin_client.get(changelist_url)  # warm the caches a first request fills (content types, session)
    with CaptureQueriesContext(connection) as one_row:
        response = admin_client.get(changelist_url)
    assert response.context["cl"].result_count == 1

    Initiative.objects.bulk_create(
        Initiative(
            name=f"Initiative {number}",
            slug=f"initiative-{number}",
            jurisdiction=records["jurisdiction"],
            responsible_organization=records["organization"],
        )
        for number in range(19)
    )
    with CaptureQueriesContext(connection) as twenty_rows:
        response = admin_client.get(changelist_url)
    assert response.context["cl"].result_count == 20

    assert len(twenty_rows) == len(one_row)
