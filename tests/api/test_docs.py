"""The API's docs page asks no host but ours for anything: scripts, styles, fonts and images come from this app."""

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

pytestmark = pytest.mark.django_db

# A URL with a host of its own, wherever it stands: an attribute, a script, a style's url() or @import.
ABSOLUTE = re.compile(r"""(?:https?:)?//[^\s"'`()<>\\]+""")
CSS_REFERENCE = re.compile(r"""url\(\s*["']?([^"')\s]+)|@import\s+(?:url\()?\s*["']([^"']+)""")


class Page(HTMLParser):
    """The page's URL attributes, the stylesheets it links and the text of its inline scripts and styles."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []
        self.stylesheets: list[str] = []
        self.inline: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("src", "href", "action", "srcset", "poster", "data", "formaction"):
            if attributes.get(name):
                self.urls.append(attributes[name])
        if tag == "link" and "stylesheet" in (attributes.get("rel") or "").split():
            self.stylesheets.append(attributes["href"])

    def handle_data(self, data):
        if self.lasttag in ("script", "style"):
            self.inline.append(data)


def _other_hosts(urls: list[str], *, ours: str) -> list[str]:
    return [url for url in urls if urlsplit(url).netloc not in ("", ours)]


def test_the_docs_page_asks_no_other_host(api_client):
    response = api_client.get("/api/v1/docs/")
    assert response.status_code == 200
    page = Page()
    page.feed(response.content.decode())
    assert page.urls, "the page links its scripts and styles"
    assert _other_hosts(page.urls, ours="testserver") == []
    assert [url for text in page.inline for url in ABSOLUTE.findall(text)] == []
    assert '"validatorUrl": null' in response.content.decode()  # else Swagger UI loads a badge from swagger.io

    references = []  # what the linked stylesheets load in turn: fonts, images, more stylesheets
    for href in page.stylesheets:
        path = finders.find(urlsplit(href).path.removeprefix(settings.STATIC_URL))
        assert path, f"{href} is a static file of this app"
        with open(path, encoding="utf-8") as stylesheet:
            references += [first or second for first, second in CSS_REFERENCE.findall(stylesheet.read())]
    assert references, "the stylesheets were read"
    assert _other_hosts(references, ours="testserver") == []


def test_redoc_is_not_served(api_client):
    """ReDoc's bundle loads the Redocly logo from cdn.redoc.ly whatever its options: Swagger UI is the docs."""
    assert api_client.get("/api/v1/docs/redoc/").status_code == 404
