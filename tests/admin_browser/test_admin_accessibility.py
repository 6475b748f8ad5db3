"""axe-core on the admin pages editors use: change forms, a list, the queue, review, history, suggestions.

No critical or serious violation may come from our templates. The set-up puts initiatives in each state through
editorial.workflow (`records_in_every_state`), so that every page has something to show; each page is opened as
the editor or the reviewer who would use it.
"""

from tests.admin_browser.conftest import AXE, BROWSER, NEEDS_AXE

pytestmark = [*BROWSER, NEEDS_AXE]

# Violations that come only from Django's own admin markup, by rule: the elements (CSS selectors) where they do.
DJANGO_OWN = {
    # The autocomplete widget (AutocompleteSelect and -Multiple) renders select2's markup: a combobox <span> with no
    # accessible name, an unlabelled inline search box, a <ul> of <span>s; the <select> it stands for is labelled.
    "aria-input-field-name": ".select2-container",
    "label": ".select2-container, .tabular td[class^='field-'], .tabular td.delete",
    "list": ".select2-container",
    # edit_inline/tabular.html puts each inline field (and a row's "delete" box) in a <td> under a column header it
    # is not tied to: no label.
    "select-name": ".tabular td[class^='field-']",
    "label-title-only": ".tabular td[class^='field-']",
    # base.css colours the breadcrumbs' links (white on the bar) and underlines them only on hover.
    "link-in-text-block": ".breadcrumbs",
}

AXE_RUN = """async (djangoOwn) => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  const ours = (rule, node) => {
    const element = document.querySelector(node.target[0]);
    return !(element && djangoOwn[rule] && element.closest(djangoOwn[rule]));
  };
  return result.violations
    .filter((violation) => ["critical", "serious"].includes(violation.impact))
    .map((violation) => ({
      rule: violation.id,
      help: violation.help,
      nodes: violation.nodes.filter((node) => ours(violation.id, node)).map((node) => node.html.slice(0, 200)),
    }))
    .filter((violation) => violation.nodes.length);
}"""


def axe_violations(page) -> list[dict]:
    """Critical and serious violations on the page as it stands, but for Django's own (DJANGO_OWN)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, DJANGO_OWN)


def test_the_pages_editors_use_have_no_serious_violation(records_in_every_state, ingested_story, editor, reviewer):
    pk = records_in_every_state
    edited = f"/admin/initiatives/initiative/{pk['edit in review']}"
    pages = {
        "editor: a draft's change form": (editor, f"/admin/initiatives/initiative/{pk['draft']}/change/"),
        "editor: change form with citations and an edit in review": (editor, f"{edited}/change/"),
        "editor: add form": (editor, "/admin/initiatives/initiative/add/"),
        "editor: list": (editor, "/admin/initiatives/initiative/"),
        "editor: queue": (editor, "/admin/queue/"),
        "editor: history": (editor, f"{edited}/history/"),
        "editor: a revision": (editor, f"{edited}/revisions/1/"),
        "editor: suggestions": (editor, "/admin/ingestion/suggestion/"),
        "editor: a suggestion": (editor, f"/admin/ingestion/suggestion/{ingested_story}/change/"),
        "reviewer: queue": (reviewer, "/admin/queue/"),
        "reviewer: review": (reviewer, f"{edited}/review/"),
        "reviewer: change form in review": (reviewer, f"/admin/initiatives/initiative/{pk['in review']}/change/"),
        "reviewer: merge": (reviewer, f"/admin/people/person/{pk['person']}/merge/"),
    }
    problems = {}
    for name, (user, url) in pages.items():
        response = user.page.goto(url)
        assert response.status == 200, (name, url)
        if violations := axe_violations(user.page):
            problems[name] = violations
    assert problems == {}
