"""Citing without knowing the models: the fact by its label, the passage found in the article by a few words."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from initiatives.models import Initiative
from sources.citation_admin import FIND_LIMIT
from sources.models import Citation
from tests.factories import ArticleFactory, CitationFactory, InitiativeFactory
from tests.test_admin_pages import admin_url, form_data, formset_prefix

pytestmark = pytest.mark.django_db

TEXT = (
    "The plan starts now. It was welcomed by the chamber. The plan has a budget of HK$1 billion.\n"
    "Critics asked questions. The plan has a budget of HK$1 billion. Officials will report next year."
)
SENTENCE = "The plan has a budget of HK$1 billion."
FIRST, SECOND = TEXT.index(SENTENCE), TEXT.rindex(SENTENCE)
FIND_URL = "admin:sources_citation_find_passage"


@pytest.fixture
def article():
    return ArticleFactory(text=TEXT)


@pytest.fixture
def initiative():
    return InitiativeFactory()


def find(client, article, words):
    return client.get(reverse(FIND_URL), {"article": article.pk, "q": words})


# What a citation may name


def test_a_cited_kind_offers_its_own_editable_facts_by_label():
    choices = Initiative.citable_field_choices()

    assert choices[0] == ("", "The record as a whole")
    assert {
        ("budget", "Budget"),
        ("start_date", "Start date"),
        ("lead_officials", "Lead officials"),
    } < set(choices)
    # Identity and workflow are not facts; a date's precision is cited with its date.
    names = {name for name, _ in choices}
    assert not names & {"id", "uuid", "slug", "editorial_status", "version", "start_date_precision", "facet_keys"}


def test_a_kind_may_name_its_citable_facts(monkeypatch):
    monkeypatch.setattr(Initiative, "citable_fields", ("name", "start_date"), raising=False)

    assert Initiative.citable_field_choices() == [
        ("", "The record as a whole"),
        ("budget", "Budget"),
        ("name", "Name"),
        ("start_date", "Start date"),
    ]


# The inline on a record's page


def test_the_inline_offers_facts_by_label_and_a_passage_finder(admin_client, initiative):
    CitationFactory(record=initiative, field="budget")

    response = admin_client.get(admin_url(Initiative, "change", initiative.pk))

    [inline] = [inline for inline in response.context["inline_admin_formsets"] if inline.formset.model is Citation]
    form = inline.formset.forms[0]
    assert form.fields["field"].label == "Fact cited"
    assert ("start_date", "Start date") in form.fields["field"].choices
    assert inline.formset.empty_form.fields["field"].choices == Initiative.citable_field_choices()
    html = response.content.decode()
    assert '<option value="budget" selected>Budget</option>' in html
    assert 'class="passage-finder"' in html
    assert f'data-url="{reverse(FIND_URL)}"' in html
    assert form["start"].is_hidden
    assert form["end"].is_hidden
    assert "sources/passage_picker.js" in html


def post_citation(client, initiative, **values):
    """Adds one citation in the record's inline, as the browser posts it."""
    change_url = admin_url(Initiative, "change", initiative.pk)
    response = client.get(change_url)
    data = form_data(response)
    prefix = formset_prefix(response, Citation)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = index + 1
    data.update({f"{prefix}-{index}-{name}": value for name, value in values.items()})
    return client.post(change_url, data)


def test_the_occurrence_picked_is_kept_not_the_first(admin_client, initiative, article):
    response = post_citation(
        admin_client,
        initiative,
        field="budget",
        article=article.pk,
        passage=SENTENCE,
        start=SECOND,
        end=SECOND + len(SENTENCE),
    )

    assert response.status_code == 302
    citation = Citation.objects.for_record(initiative).get()
    assert (citation.field, citation.start, citation.end) == ("budget", SECOND, SECOND + len(SENTENCE))
    assert citation.text_sha256 == article.text_sha256


def test_a_passage_trimmed_after_picking_stays_in_the_sentence_picked(admin_client, initiative, article):
    trimmed = "a budget of HK$1 billion"

    response = post_citation(
        admin_client, initiative, article=article.pk, passage=trimmed, start=SECOND, end=SECOND + len(SENTENCE)
    )

    assert response.status_code == 302
    citation = Citation.objects.for_record(initiative).get()
    assert citation.start == TEXT.index(trimmed, SECOND)
    assert TEXT[citation.start : citation.end] == trimmed


def test_wrong_offsets_are_a_hint_the_server_corrects(admin_client, initiative, article):
    response = post_citation(admin_client, initiative, article=article.pk, passage=SENTENCE, start=3, end=9)

    assert response.status_code == 302
    citation = Citation.objects.for_record(initiative).get()
    assert TEXT[citation.start : citation.end] == SENTENCE


def test_without_the_picker_a_typed_passage_is_found(admin_client, initiative, article):
    response = post_citation(admin_client, initiative, article=article.pk, passage="Critics asked questions.")

    assert response.status_code == 302
    assert Citation.objects.for_record(initiative).get().start == TEXT.index("Critics asked questions.")


def test_a_passage_not_in_the_article_is_refused(admin_client, initiative, article):
    response = post_citation(admin_client, initiative, article=article.pk, passage="Nobody said this.")

    assert response.status_code == 200
    [errors] = [inline.formset.errors for inline in response.context["inline_admin_formsets"] if inline.formset.errors]
    assert errors[-1]["passage"] == ["This passage does not appear in the article's text."]
    assert not Citation.objects.for_record(initiative).exists()


def test_a_fact_the_kind_does_not_have_is_refused(admin_client, initiative, article):
    response = post_citation(admin_client, initiative, field="password", article=article.pk, passage=SENTENCE)

    assert response.status_code == 200
    assert not Citation.objects.for_record(initiative).exists()


def test_a_citations_own_page_offers_its_records_facts(admin_client, initiative):
    citation = CitationFactory(record=initiative)

    response = admin_client.get(admin_url(Citation, "change", citation.pk))

    field = response.context["adminform"].form.fields["field"]
    assert field.label == "Fact cited"
    assert list(field.choices) == Initiative.citable_field_choices()


# Finding a passage


def test_finding_words_lists_each_occurrence_in_its_sentence(admin_client, article):
    response = find(admin_client, article, "budget  of hk$1")

    assert response.status_code == 200
    found = response.json()
    assert found["more"] is False
    assert [(o["start"], o["end"]) for o in found["occurrences"]] == [
        (FIRST, FIRST + len(SENTENCE)),
        (SECOND, SECOND + len(SENTENCE)),
    ]
    first = found["occurrences"][0]
    assert (first["before"], first["match"], first["after"]) == ("The plan has a ", "budget of HK$1", " billion.")
    assert TEXT[first["start"] : first["end"]] == first["before"] + first["match"] + first["after"]


def test_a_sentence_ends_at_a_line_break(admin_client, article):
    [occurrence] = find(admin_client, article, "next year").json()["occurrences"]
    assert occurrence["before"] + occurrence["match"] + occurrence["after"] == "Officials will report next year."

    [occurrence] = find(admin_client, article, "chamber").json()["occurrences"]
    assert occurrence["start"] == TEXT.index("It was welcomed")


def test_finding_is_bounded(admin_client):
    article = ArticleFactory(text="A fund. " * (FIND_LIMIT + 5))

    found = find(admin_client, article, "fund").json()

    assert len(found["occurrences"]) == FIND_LIMIT
    assert found["more"] is True


def test_fewer_than_three_letters_find_nothing(admin_client, article):
    assert find(admin_client, article, "pl").json() == {"occurrences": [], "more": False}


def test_finding_in_an_unknown_article_is_not_found(admin_client, article):
    assert admin_client.get(reverse(FIND_URL), {"article": article.pk + 1, "q": "plan"}).status_code == 404
    # Not an id at all: a superscript digit, a number past any key, a NUL; each a plain 404, never a 500.
    for bad in ("x", "²", "9" * 30, "1\x00"):
        assert admin_client.get(reverse(FIND_URL), {"article": bad, "q": "plan"}).status_code == 404


def test_finding_needs_staff_who_may_view_articles(client, django_user_model, article):
    assert find(client, article, "plan").status_code == 302  # to the login page

    user = django_user_model.objects.create_user("staff", password="a-long-test-password", is_staff=True)
    client.force_login(user)
    assert find(client, article, "plan").status_code == 403

    user.user_permissions.add(Permission.objects.get(codename="view_article", content_type__app_label="sources"))
    assert find(client, article, "plan").status_code == 200


def test_the_list_of_citations_names_facts_by_label(admin_client, initiative):
    CitationFactory(record=initiative, field="budget")

    response = admin_client.get(admin_url(Citation, "changelist"))

    assert '<td class="field-fact_cited">Budget</td>' in response.content.decode()


def test_an_initiative_offers_its_budget_as_one_fact_the_one_publishing_requires():
    from initiatives.models import Initiative

    choices = dict(Initiative.citable_field_choices())
    assert choices["budget"] == "Budget"
    assert not [name for name in choices if name.startswith("budget_")]
    assert set(Initiative(budget_amount=1).required_citation_fields()) <= set(choices)
