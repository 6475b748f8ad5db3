"""No admin template may place a <form> inside another, and the change form fits a 1280 px window.

A browser drops a <form> tag opened inside another form and lets its "</form>" close the outer one: the buttons
then post the wrong form and the fields after it post nothing (issue 18). The browser's own tree hides that, so
the check parses each page as the server sent it, counting open forms. The walks (test_editorial_walk.py) check
every admin page they pass; here, every kind of admin page an editor or a reviewer opens, in every state.
"""

from tests.admin_browser.conftest import in_browser
from tests.admin_browser.markup import expect, nested_forms, pages_with_nested_forms

NESTED = """<form action="/edit/" method="post">
<input name="name">
<form action="/step/" method="post"><button name="action" value="submit">Submit</button></form>
<button name="_save">Save</button>
</form>"""
SIDE_BY_SIDE = """<form action="/edit/"><textarea name="note"></textarea></form>
<script>const html = "<form>";</script>
<form action="/step/"><button>Submit</button></form>"""


def test_the_check_finds_a_form_opened_inside_another_and_where():
    assert nested_forms(NESTED) == [3]
    assert nested_forms(SIDE_BY_SIDE) == []


@in_browser
def test_no_admin_page_of_any_state_opens_a_form_inside_another(records_in_every_state, editor, reviewer):
    pk = records_in_every_state
    initiative = "/admin/initiatives/initiative"
    for user in (editor, reviewer):
        urls = [
            "/admin/",
            "/admin/queue/",
            f"{initiative}/",
            f"{initiative}/add/",
            *(f"{initiative}/{pk[state]}/change/" for state in ("draft", "in review", "edit in review", "published")),
            f"{initiative}/{pk['archived']}/change/",
            f"{initiative}/{pk['edit in review']}/review/",
            f"{initiative}/{pk['in review']}/review/",
            f"{initiative}/{pk['edit in review']}/history/",
            f"{initiative}/{pk['edit in review']}/revisions/1/",
            f"/admin/people/person/{pk['person']}/change/",
            "/admin/sources/citation/",
            "/admin/ingestion/suggestion/",
        ]
        if user is reviewer:
            urls.append(f"/admin/people/person/{pk['person']}/merge/")
        for url in urls:
            assert user.page.goto(url).status == 200, url
    checked = [url for user in (editor, reviewer) for url, _ in user.pages_sent if "/admin/" in url]
    assert len(checked) >= 2 * 16  # every page above, and each login's
    assert pages_with_nested_forms(editor, reviewer) == {}


@in_browser
def test_the_change_form_with_citations_fits_a_1280_px_window(records_in_every_state, editor, reviewer):
    """Initiatives of the demo citing the founding article (one of them three times), one with an edit waiting for
    review: no page scrolls sideways, whoever opens it."""
    too_wide = {}
    for role, user in (("editor", editor), ("reviewer", reviewer)):
        page = user.page
        for state in ("published", "edit in review"):
            page.goto(f"/admin/initiatives/initiative/{records_in_every_state[state]}/change/")
            citations = page.locator("#sources-citation-content_type-object_id-group .inline-related:not(.empty-form)")
            expect(citations.first).to_be_visible()
            assert page.evaluate("window.innerWidth") == 1280
            width = page.evaluate("document.documentElement.scrollWidth")
            if width > 1280:
                too_wide[f"{role}: {state}"] = width
                user.shoot(f"too-wide-{role}-{state.replace(' ', '-')}")
    assert too_wide == {}
