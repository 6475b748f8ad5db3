"""Reading the admin's pages as the server sent them, and the steps every walk takes."""

from html.parser import HTMLParser

from tests.admin_browser.conftest import playwright_api

expect = playwright_api.expect


class FormDepth(HTMLParser):
    """Counts open <form> tags as the markup goes: a browser drops a form opened inside another, so its buttons
    post the outer one, which is why the raw HTML is read and not the browser's tree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.nested_at: list[int] = []  # the line of each <form> opened inside another

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            self.depth += 1
            if self.depth > 1:
                self.nested_at.append(self.getpos()[0])

    def handle_endtag(self, tag):
        if tag == "form":
            self.depth = max(0, self.depth - 1)


def nested_forms(html: str) -> list[int]:
    parser = FormDepth()
    parser.feed(html)
    parser.close()
    return parser.nested_at


def pages_with_nested_forms(*users) -> dict[str, list[int]]:
    """Each admin page any of these users was sent that opens a form inside another, with the lines where."""
    found = {}
    for user in users:
        for url, html in user.pages_sent:
            if "/admin/" in url and (lines := nested_forms(html)):
                found[url] = lines
    return found


def admin_pages_sent(*users) -> list[str]:
    return [url for user in users for url, _ in user.pages_sent if "/admin/" in url]


def click_and_load(page, locator) -> None:
    """Click what loads a new page (a link, a form's button) and wait until it has."""
    with page.expect_navigation():
        locator.click()


def press(page, label: str) -> None:
    """Press the form's button with this label, exactly."""
    click_and_load(page, page.get_by_role("button", name=label, exact=True))


def expect_message(page, text: str) -> None:
    expect(page.locator("ul.messagelist")).to_contain_text(text)


def expect_state(page, text: str) -> None:
    expect(page.locator("#workflow-state")).to_contain_text(text)
