"""The editorial life of a record, walked in Chromium by an Editor and a Reviewer who only click and type.

Each test starts from the demo data and takes one stretch of the life; every step asserts what the page shows
and saves a screenshot to artifacts/screenshots/admin/NN-step.png. Each ends by parsing every admin page the
server sent during it: no page may open a form inside another.
"""

import re

import pytest

from tests.admin_browser.conftest import BROWSER, SUGGESTED
from tests.admin_browser.markup import (
    admin_pages_sent,
    click_and_load,
    expect,
    expect_message,
    expect_state,
    pages_with_nested_forms,
    press,
)

pytestmark = BROWSER
# Getting about, by clicking


def open_queue(user):
    user.page.goto("/admin/")
    click_and_load(user.page, user.page.get_by_role("link", name="Editorial queue"))


def open_record(user, model: str, name: str):
    """From the admin's home: the kind's list (its row, e.g. "initiative"), searched for the name, then the record."""
    page = user.page
    page.goto("/admin/")
    click_and_load(page, page.locator(f"tr.model-{model} th").get_by_role("link"))
    page.locator("#changelist-search").get_by_role("textbox").fill(name)
    click_and_load(page, page.locator("#changelist-search").get_by_role("button", name="Search"))
    click_and_load(page, page.locator("#result_list").get_by_role("link", name=name, exact=True))


def open_review_from_queue(reviewer, name: str):
    """The reviewer's way to a submitted record: the queue's "Awaiting review" table, then the record's diff."""
    open_queue(reviewer)
    click_and_load(reviewer.page, reviewer.page.locator("#review").get_by_role("link", name=name))


def cite(page, *, field: str, article: str, words: str, passage: str):
    """Add a citation in the record's Citations inline: the fact by its label, the article picked by its name, the
    passage picked among the article's occurrences of a few typed words."""
    group = page.locator("#sources-citation-content_type-object_id-group")
    group.get_by_role("button", name="Add another Citation").click()
    row = group.locator("#sources-citation-content_type-object_id-0")
    row.get_by_label("Fact cited").select_option(label=field)
    row.locator("[name$='-article'] + .select2").click()
    page.locator(".select2-dropdown .select2-search__field").fill("APEC")
    page.locator(".select2-results__option", has_text=article[:40]).click()
    row.get_by_label("Find in the article").press_sequentially(words)
    occurrence = row.get_by_role("button").filter(has_text=passage)
    expect(occurrence).to_have_count(1)
    occurrence.click()
    expect(row.get_by_label("Passage")).to_have_value(re.compile(re.escape(passage)))


def expect_diff_row(page, label: str, *texts: str):
    """The diff's row for a field, by its label (in words, as the form names it, whatever its case)."""
    row = page.locator("#diff").get_by_role("row").filter(has=page.get_by_role("rowheader", name=label, exact=False))
    expect(row).to_have_count(1)
    for text in texts:
        expect(row).to_contain_text(text)


def assert_no_nested_forms(*users):
    assert admin_pages_sent(*users), "the walk saw no admin page"
    assert pages_with_nested_forms(*users) == {}


# The walks


NEW_NAME = "AI workforce training programmes"
NEW_SLUG = "ai-workforce-training-programmes"
PASSAGE_WORDS = "expanding professional training programs"
PASSAGE = "expanding professional training programs to strengthen the readiness"


@pytest.fixture
def founding_article(demo_site) -> str:
    """The demo's one article, as the admin names it."""
    from sources.models import Article

    return str(Article.objects.get())


def test_a_new_initiative_is_cited_submitted_sent_back_fixed_and_published(founding_article, editor, reviewer, visitor):
    page = editor.page
    page.goto("/admin/")
    page.locator("tr.model-initiative").get_by_role("link", name="Add").click()
    page.wait_for_url("**/admin/initiatives/initiative/add/")
    page.get_by_label("Name:").press_sequentially(NEW_NAME)  # typed: the slug follows keystrokes
    expect(page.locator("#id_slug")).to_have_value(NEW_SLUG)  # the admin's own slug from the name
    page.get_by_label("Summary:").fill("Training programmes for the city's workforce.")
    cite(page, field="The record as a whole", article=founding_article, words=PASSAGE_WORDS, passage=PASSAGE)
    editor.shoot("01-editor-cites-a-passage")
    press(page, "Save draft")
    expect_message(page, f"Saved “{NEW_NAME}” as a draft")
    expect_state(page, "Draft: not public.")
    citations = page.locator("#sources-citation-content_type-object_id-group")
    expect(citations).to_contain_text(PASSAGE)
    # The citations inline fits the window: nothing makes the page scroll sideways.
    assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    editor.shoot("02-editor-saved-the-draft")

    press(page, "Save and submit for review")
    expect_message(page, f"Submitted “{NEW_NAME}” for review")
    expect_state(page, "In review: waiting for a reviewer.")
    editor.shoot("03-editor-submitted")
    assert visitor.page.goto(f"/initiatives/{NEW_SLUG}/").status == 404

    open_queue(reviewer)
    rpage = reviewer.page
    waiting = rpage.locator("#review")
    expect(waiting).to_contain_text(NEW_NAME)
    expect(waiting.get_by_role("row", name=NEW_NAME)).to_contain_text("edna")
    reviewer.shoot("04-reviewer-queue")
    click_and_load(rpage, waiting.get_by_role("link", name=NEW_NAME))
    expect(rpage).to_have_url(re.compile(r"/admin/initiatives/initiative/\d+/review/$"))  # the diff, not the form
    expect_diff_row(rpage, "Name", NEW_NAME)
    rpage.get_by_label("Comment").fill("Say who runs the programmes.")
    reviewer.shoot("05-reviewer-reads-the-diff")
    press(rpage, "Request changes")
    expect_message(rpage, f"Sent “{NEW_NAME}” back to its editor")
    reviewer.shoot("06-reviewer-requested-changes")

    open_queue(editor)
    sent_back = page.locator("#sent_back")
    expect(sent_back).to_contain_text("Say who runs the programmes.")
    click_and_load(page, sent_back.get_by_role("link", name=NEW_NAME))
    expect_state(page, "Changes requested by rita: “Say who runs the programmes.”")
    editor.shoot("07-editor-reads-the-comment")
    page.get_by_label("Summary:").fill("Training programmes for the city's workforce, run by the government.")
    page.get_by_label("Comment").fill("Named who runs them.")
    press(page, "Save and submit for review")
    expect_message(page, f"Submitted “{NEW_NAME}” for review")
    expect_state(page, "In review: waiting for a reviewer.")

    open_review_from_queue(reviewer, NEW_NAME)
    expect_diff_row(rpage, "Summary", "run by the government")
    reviewer.shoot("08-reviewer-reads-the-fix")
    press(rpage, "Approve and publish")
    expect_message(rpage, f"Published “{NEW_NAME}” as version 1")

    public = visitor.page
    assert public.goto(f"/initiatives/{NEW_SLUG}/").status == 200
    expect(public.get_by_role("heading", level=1)).to_contain_text(NEW_NAME)
    expect(public.locator("body")).to_contain_text("run by the government")
    expect(public.locator("body")).to_contain_text(PASSAGE)
    visitor.shoot("09-public-page-shows-it")
    assert_no_nested_forms(editor, reviewer)


PUBLISHED = "Digital Corporate Identity platform"
PUBLISHED_SLUG = "digital-corporate-identity-platform"
EDITED_SUMMARY = "A platform that gives companies one digital identity for public services."


def test_an_edit_of_a_published_record_waits_for_review_and_a_revert_goes_through_review(editor, reviewer, visitor):
    public = visitor.page
    public.goto(f"/initiatives/{PUBLISHED_SLUG}/")
    expect(public.locator("main")).not_to_contain_text(EDITED_SUMMARY)

    open_record(editor, "initiative", PUBLISHED)
    page = editor.page
    expect_state(page, "Published as version 1")
    original_summary = page.get_by_label("Summary:").input_value()
    page.get_by_label("Summary:").fill(EDITED_SUMMARY)
    page.get_by_label("Comment").fill("A summary in plain words.")
    press(page, "Save and submit for review")
    expect_message(page, f"Submitted your edit of “{PUBLISHED}” for review")
    expect_state(page, "Edit waiting for review by a reviewer: the public sees version 1 until it is approved.")
    editor.shoot("10-editor-submitted-an-edit")
    public.goto(f"/initiatives/{PUBLISHED_SLUG}/")
    expect(public.locator("main")).not_to_contain_text(EDITED_SUMMARY)
    visitor.shoot("11-public-still-sees-version-1")

    open_review_from_queue(reviewer, PUBLISHED)
    rpage = reviewer.page
    expect_diff_row(rpage, "Summary", EDITED_SUMMARY)
    reviewer.shoot("12-reviewer-reads-the-edit")
    press(rpage, "Approve and publish")
    expect_message(rpage, f"Published “{PUBLISHED}” as version 2")
    public.goto(f"/initiatives/{PUBLISHED_SLUG}/")
    expect(public.locator("main")).to_contain_text(EDITED_SUMMARY)
    visitor.shoot("13-public-sees-version-2")

    open_record(editor, "initiative", PUBLISHED)
    click_and_load(page, page.get_by_role("link", name="History"))
    revisions = page.locator("#revisions")
    expect(revisions).to_contain_text("Published as version 1")
    expect(revisions).to_contain_text("Published as version 2")
    steps = page.locator("#changes")
    expect(steps).to_contain_text("Submitted for review")
    expect(steps).to_contain_text("published as version 2", ignore_case=True)
    for code in ("pending_review", "pending_draft", "in_review", "approve_edit", "request_changes"):
        expect(page.locator("#content")).not_to_contain_text(code)
    editor.shoot("14-history-in-words")
    version_1 = revisions.get_by_role("row").filter(has_text="Published as version 1")
    click_and_load(page, version_1.get_by_role("link"))
    expect_diff_row(page, "Summary", original_summary)
    page.get_by_label("Comment").fill("Back to the founding article's words.")
    editor.shoot("15-editor-reverts-to-version-1")
    press(page, "Revert and submit for review")
    expect_state(page, "Edit waiting for review by a reviewer: the public sees version 2 until it is approved.")
    public.goto(f"/initiatives/{PUBLISHED_SLUG}/")
    expect(public.locator("main")).to_contain_text(EDITED_SUMMARY)

    open_review_from_queue(reviewer, PUBLISHED)
    expect_diff_row(rpage, "Summary", EDITED_SUMMARY, original_summary)
    reviewer.shoot("16-reviewer-reads-the-revert")
    press(rpage, "Approve and publish")
    expect_message(rpage, f"Published “{PUBLISHED}” as version 3")
    public.goto(f"/initiatives/{PUBLISHED_SLUG}/")
    expect(public.locator("main")).not_to_contain_text(EDITED_SUMMARY)
    expect(public.locator("main")).to_contain_text(original_summary)
    visitor.shoot("17-public-sees-the-revert")
    assert_no_nested_forms(editor, reviewer)


DUPLICATE = "Paul Chan"
DUPLICATE_SLUG = "paul-chan"
SURVIVOR_SLUG = "paul-chan-mo-po"


@pytest.fixture
def duplicate_person(demo_site):
    """A second, published record of Paul Chan Mo-po, as an editor in a hurry might have made."""
    from editorial.workflow import save_record, transition
    from people.models import Person
    from sources.models import Article, Citation

    person = Person(full_name=DUPLICATE, given_name="Paul", family_name="Chan", slug=DUPLICATE_SLUG)
    save_record(record=person, by=None, message="A duplicate.")
    citation = Citation(
        record=person, article=Article.objects.get(), passage="Financial Secretary Paul Chan", slug="duplicate-cite"
    )
    save_record(record=citation, by=None)
    transition(record=person, action="submit", by=None)
    transition(record=person, action="publish", by=None)
    return person


def test_a_reviewer_merges_two_people_and_the_old_page_redirects(duplicate_person, reviewer, visitor):
    public = visitor.page
    assert public.goto(f"/people/{DUPLICATE_SLUG}/").status == 200

    open_record(reviewer, "person", DUPLICATE)
    page = reviewer.page
    click_and_load(page, page.get_by_role("link", name="Merge into…"))
    page.get_by_label("Record to keep").fill(SURVIVOR_SLUG)
    page.get_by_label("Comment").fill("The same Financial Secretary.")
    reviewer.shoot("18-reviewer-merges")
    press(page, "Merge")
    expect_message(page, f"Merged “{DUPLICATE}” into “Paul Chan Mo-po”")
    expect(page).to_have_url(re.compile(r"/admin/people/person/\d+/change/$"))
    expect(page.get_by_label("Full name:")).to_have_value("Paul Chan Mo-po")
    reviewer.shoot("19-merged-into-the-survivor")

    response = public.goto(f"/people/{DUPLICATE_SLUG}/")
    assert response.url.endswith(f"/people/{SURVIVOR_SLUG}/")
    assert response.request.redirected_from is not None
    assert response.request.redirected_from.redirected_from is None  # one hop
    assert response.request.redirected_from.response().status == 301
    expect(public.get_by_role("heading", level=1)).to_contain_text("Paul Chan Mo-po")
    visitor.shoot("20-old-page-redirects")
    assert_no_nested_forms(reviewer)


def test_an_editor_accepts_a_suggestion_and_completes_its_draft(ingested_story, editor, visitor):
    open_queue(editor)
    page = editor.page
    suggested = page.locator("#suggestions")
    expect(suggested).to_contain_text(SUGGESTED)
    editor.shoot("21-editor-sees-the-suggestion")
    click_and_load(page, suggested.get_by_role("link", name=SUGGESTED).first)
    expect(page.locator("#content")).to_contain_text(f"has set up a “{SUGGESTED}”")  # the evidence sentence
    editor.shoot("22-the-suggestion-with-its-evidence")
    press(page, "Accept: create the draft record, citing this sentence")
    expect_message(page, f"Created the draft initiative “{SUGGESTED}”, citing the sentence")
    expect(page.get_by_label("Name:")).to_have_value(SUGGESTED)
    expect_state(page, "Draft: not public.")
    citations = page.locator("#sources-citation-content_type-object_id-group")
    expect(citations).to_contain_text(f"has set up a “{SUGGESTED}”")
    # What the sentence links comes along: its speaker leads the initiative, announced on the day it names.
    expect(page.locator(".field-lead_officials")).to_contain_text("Paul Chan Mo-po")
    expect(page.get_by_label("Announced date:")).not_to_have_value("")
    editor.shoot("23-the-accepted-draft")

    page.get_by_label("Summary:").fill("A taskforce on quantum computing for public services.")
    page.get_by_label("Comment").fill("Completed from the suggestion.")
    press(page, "Save and submit for review")
    expect_message(page, f"Submitted “{SUGGESTED}” for review")
    expect_state(page, "In review: waiting for a reviewer.")
    editor.shoot("24-the-draft-completed-and-submitted")
    assert visitor.page.goto(f"/initiatives/{page.locator('#id_slug').input_value()}/").status == 404
    assert_no_nested_forms(editor)
