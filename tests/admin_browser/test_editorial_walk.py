"""The editorial life of a record, walked in Chromium by an Editor and a Reviewer who only click and type.

Each test starts from the demo data and takes one stretch of the life; every step asserts what the page shows
and saves a screenshot to artifacts/screenshots/admin/NN-step.png. Each ends by parsing every admin page the
server sent during it: no page may open a form inside another.
"""

import re

import pytest

from tests.admin_browser.conftest import BROWSER
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
    page.get_by_role("searchbox").fill(name)
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    click_and_load(page, page.locator("#result_list").get_by_role("link", name=name, exact=True))


def open_review_from_queue(reviewer, name: str):
    """The reviewer's way to a submitted record: the queue's "Awaiting review" table, then the record's diff."""
    open_queue(reviewer)
    click_and_load(reviewer.page, reviewer.page.locator("#review").get_by_role("link", name=name))


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
    from articles.models import Article, Citation
    from editorial.workflow import save_record, transition
    from people.models import Person

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
