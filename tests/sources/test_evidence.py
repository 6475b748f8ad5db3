"""A citation of a name, an amount or a date quotes a passage that states it (`Citation.clean`)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from editorial.dates import DatePrecision
from editorial.models import writes_through
from editorial.workflow import save_record
from initiatives.models import Initiative
from people.models import PersonAlias
from sources.models import Citation
from tests.factories import (
    ArticleFactory,
    InitiativeFactory,
    MeetingFactory,
    OrganizationFactory,
    PersonFactory,
    StatementAmountFactory,
)
from tests.test_admin_pages import admin_url, form_data, formset_prefix

pytestmark = pytest.mark.django_db


def cite(record, field: str, passage: str, *, text: str | None = None) -> Citation:
    """Cites the passage, in an article that holds it, for the record's field, through the workflow."""
    citation = Citation(
        content_type=ContentType.objects.get_for_model(record),
        object_id=record.pk,
        field=field,
        article=ArticleFactory(text=text or f"Some news. {passage} More news."),
        passage=passage,
        slug=f"citation-{Citation.objects.count() + 1}",
    )
    save_record(record=citation, by=None)
    return citation


def refusal(record, field: str, passage: str) -> str:
    with pytest.raises(ValidationError) as refused:
        cite(record, field, passage)
    [message] = refused.value.message_dict["passage"]
    return message


# Names and aliases


def test_a_chinese_name_cited_to_an_english_passage_is_refused():
    chan = PersonFactory(full_name="Paul Chan Mo-po", original_script_name="陳茂波")

    message = refusal(chan, "original_script_name", "Financial Secretary Paul Chan Mo-po")

    assert message == "This passage does not state the value cited (Original script name: “陳茂波”)."
    assert not Citation.objects.exists()


def test_a_name_in_simplified_chinese_states_it_in_traditional():
    chan = PersonFactory(original_script_name="陳茂波")

    assert cite(chan, "original_script_name", "财政司司长陈茂波表示").pk


def test_an_ampersand_states_and():
    bureau = OrganizationFactory(name="Innovation, Technology and Industry Bureau")

    assert cite(bureau, "name", "the Innovation, Technology & Industry Bureau said").pk
    assert "Innovation, Technology and Industry Bureau" in refusal(bureau, "name", "the Innovation Bureau said")


def test_an_alias_row_cited_is_its_name():
    chan = PersonFactory()
    alias = PersonAlias.objects.create(record=chan, name="陳茂波", kind="original_script")

    assert cite(alias, "", "陳茂波出席會議").pk
    assert "陳茂波" in refusal(alias, "", "Paul Chan attended the meeting")


# Amounts


def test_a_budget_is_stated_however_the_amount_is_written():
    initiative = InitiativeFactory(budget_amount=Decimal("3000000000"), budget_currency="HKD")

    assert cite(initiative, "budget", "a fund of HK$3 billion").pk
    assert cite(initiative, "budget", "a fund of 3 billion Hong Kong dollars").pk
    assert refusal(initiative, "budget", "a fund of HK$2 billion") == (
        "This passage does not state the value cited (Budget: HKD 3,000,000,000)."
    )


def test_an_amount_a_statement_names_is_stated_by_its_passage():
    amount = StatementAmountFactory(value=Decimal("200000000000"), currency="HKD")

    assert cite(amount, "", "invested more than HK$200 billion in innovation").pk
    assert "HKD 200,000,000,000" in refusal(amount, "", "invested heavily in innovation")


# Dates


def test_a_date_is_stated_in_another_format_and_refused_when_wrong_or_relative():
    meeting = MeetingFactory(start_date=datetime.date(2025, 10, 22))

    assert cite(meeting, "start_date", "The meeting opened on October 22, 2025.").pk
    assert cite(meeting, "start_date", "會議於2025年10月22日舉行").pk
    assert "Start date: 22 October 2025" in refusal(meeting, "start_date", "The meeting opened on 23 October 2025.")
    assert "22 October 2025" in refusal(meeting, "start_date", "Chan made the statements on Wednesday")


def test_a_date_is_stated_at_its_precision():
    meeting = MeetingFactory(start_date=datetime.date(2025, 1, 1), start_date_precision=DatePrecision.YEAR)

    assert cite(meeting, "start_date", "The series of 2025 meetings").pk
    assert "Start date: 2025" in refusal(meeting, "start_date", "The series of 2024 meetings")


# What is not checked


def test_a_page_we_do_not_store_and_the_record_as_a_whole_are_not_checked():
    chan = PersonFactory(original_script_name="陳茂波")
    by_url = Citation(
        content_type=ContentType.objects.get_for_model(chan),
        object_id=chan.pk,
        field="original_script_name",
        url="https://www.gov.hk/tc/about/govdirectory/",
        slug="by-url",
    )
    save_record(record=by_url, by=None)

    assert cite(chan, "", "Financial Secretary Paul Chan Mo-po").pk
    assert cite(chan, "bio", "He is an accountant.").pk  # a text, not a name


def test_the_value_checked_is_the_edit_waiting_for_review():
    initiative = InitiativeFactory(
        budget_amount=Decimal("2000000000"), budget_currency="HKD", editorial_status="published"
    )
    initiative.budget_amount = Decimal("3000000000")
    save_record(record=initiative, by=None)  # held for review: the public still reads HK$2 billion
    assert Initiative.objects.get(pk=initiative.pk).budget_amount == Decimal("2000000000")

    assert cite(initiative, "budget", "a fund of HK$3 billion").pk
    assert "HKD 3,000,000,000" in refusal(initiative, "budget", "a fund of HK$2 billion")


# Editors' screens and the stored data


def test_the_citations_page_shows_the_refusal_on_the_passage(admin_client):
    chan = PersonFactory(original_script_name="陳茂波")
    article = ArticleFactory(text="Financial Secretary Paul Chan Mo-po spoke.")
    add_url = admin_url(Citation, "add")
    data = form_data(admin_client.get(add_url))
    data.update(
        content_type=ContentType.objects.get_for_model(chan).pk,
        object_id=chan.pk,
        field="original_script_name",
        article=article.pk,
        passage="Financial Secretary Paul Chan Mo-po",
        slug="chan-in-chinese",
    )

    response = admin_client.post(add_url, data)

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["passage"] == ["This passage does not state the value cited (Original script name: “陳茂波”)."]
    assert not Citation.objects.exists()


def test_the_inline_checks_the_name_typed_beside_it(admin_client):
    initiative = InitiativeFactory(name="Old name")
    article = ArticleFactory(text="The Smart Port Fund opens. Critics asked questions.")
    change_url = admin_url(Initiative, "change", initiative.pk)

    def post(name: str, passage: str):
        response = admin_client.get(change_url)
        data = form_data(response)
        prefix = formset_prefix(response, Citation)
        data[f"{prefix}-TOTAL_FORMS"] = 1
        data.update({"name": name, f"{prefix}-0-field": "name", f"{prefix}-0-article": article.pk})
        data[f"{prefix}-0-passage"] = passage
        return admin_client.post(change_url, data)

    response = post("Smart Port Fund", "Critics asked questions.")
    assert response.status_code == 200
    [errors] = [inline.formset.errors for inline in response.context["inline_admin_formsets"] if inline.formset.errors]
    assert "Smart Port Fund" in errors[0]["passage"][0]

    assert post("Smart Port Fund", "The Smart Port Fund opens.").status_code == 302
    assert Citation.objects.for_record(initiative, field="name").get().passage == "The Smart Port Fund opens."


def test_check_citations_names_a_stored_citation_that_does_not_state_its_value(capsys):
    meeting = MeetingFactory(start_date=datetime.date(2025, 10, 22))
    citation = cite(meeting, "start_date", "It opened on 22 October 2025.")
    call_command("check_citations")
    assert "1 citations checked, 0 do not state what they cite." in capsys.readouterr().out

    meeting.start_date = datetime.date(2025, 10, 23)
    with writes_through("a change made behind the workflow's back, as a database restore would"):
        meeting.save()
    with pytest.raises(CommandError, match="1 citations checked, 1 do not state"):
        call_command("check_citations")
    assert f"citation {citation.pk} (meeting {meeting.pk}, start_date)" in capsys.readouterr().out
