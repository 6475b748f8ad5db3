"""The lists' markup, parsed: each row's and each facet's links and labels, every name shown as text."""

import lxml.html
import pytest
from django.http import QueryDict
from django.template.loader import render_to_string

from tests.factories import (
    JurisdictionFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    PersonFactory,
    PostFactory,
    ThemeFactory,
)
from tests.website.conftest import PUBLISHED, published_at, published_initiative
from website.listing import Facet, FacetCounts, FacetValue

pytestmark = pytest.mark.django_db

NASTY = '<script>alert(1)</script> & "quotes" 中文'
ESCAPED = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; 中文"
QUERY = QueryDict("status=launched&theme=theme-3&q=caf%C3%A9+%26+co&after=cursor")


def words(element) -> str:
    """An element's text as a reader sees it: its whitespace collapsed."""
    return " ".join(element.text_content().split())


def page(client, url: str):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<script" not in html  # no page of a list has a script: one here came from a name
    return html, lxml.html.fromstring(html)


def rows(document) -> list:
    return document.xpath('//ol[@class="rows"]/li')


def facet_links(document, key: str) -> list[tuple[str, str, bool]]:
    """(href, label and count, whether chosen) of each value of a facet's section."""
    return [
        (link.get("href"), words(link), link.get("aria-current") == "true")
        for link in document.xpath(f'//section[@class="facet"][@aria-labelledby="facet-{key}"]/ul/li/a')
    ]


def test_facets_mark_the_chosen_value_show_every_label_as_text_and_leave_out_a_facet_with_none():
    theme, year = Facet(key="theme", label=f"Theme {NASTY}", lookup="x"), Facet(key="year", label="Year", lookup="y")
    facets = [
        FacetCounts(
            facet=theme,
            values=[FacetValue("theme-3", "Ports", 2, is_selected=True), FacetValue("theme-4", NASTY, 1000, False)],
            is_lower_bound=True,
        ),
        FacetCounts(facet=year, values=[], is_lower_bound=False),
    ]
    html = render_to_string("includes/facets.html", {"facets": facets, "query": QUERY})
    assert ESCAPED in html
    sidebar = lxml.html.fromstring(f"<div>{html}</div>")
    assert not sidebar.xpath("//script")
    (section,) = sidebar.xpath("section")  # none for "Year", which has no value
    assert section.get("class") == "facet"
    assert section.get("aria-labelledby") == "facet-theme"
    (heading,) = section.xpath("h3")
    assert (heading.get("id"), heading.text_content()) == ("facet-theme", f"Theme {NASTY}")
    chosen, other = section.xpath("ul/li/a")
    assert chosen.get("href") == "?status=launched&q=caf%C3%A9+%26+co"  # chosen: a link that drops it
    assert (chosen.get("aria-current"), chosen.get("class")) == ("true", "selected")
    assert words(chosen) == "✓ Ports (2+) (selected; select to remove)"
    assert chosen.xpath('span[@aria-hidden="true"]')[0].text == "✓ "
    assert chosen.xpath('span[@class="visually-hidden"]')[0].text == " (selected; select to remove)"
    assert other.get("href") == "?status=launched&theme=theme-3&theme=theme-4&q=caf%C3%A9+%26+co"
    assert (other.get("aria-current"), other.get("class")) == (None, None)
    assert words(other) == f"{NASTY} (1000+)"
    assert other.xpath('span[@class="count"]')[0].text == "(1000+)"
    assert not other.xpath("span[@aria-hidden or @class='visually-hidden']")


def test_initiative_list_row_shows_what_an_initiative_has_and_links_its_themes_in_the_query(client):
    theme = ThemeFactory(**PUBLISHED, slug="science", name="Science & <Tech>")
    initiative = published_initiative(
        slug="long-one",
        name="Ports & <Rails>",
        summary=" ".join(f"word{number}" for number in range(45)),
        status="launched",
        instrument="",
        jurisdiction=JurisdictionFactory(name="Land & Sea"),
        responsible_organization=OrganizationFactory(name="Draft Body"),
        announced_date="2021-03-04",
        announced_date_precision="day",
    )
    initiative.themes.add(theme, ThemeFactory(slug="secret", name="Secret theme"))
    html, document = page(client, "/initiatives/?theme=science&q=word1&after=")
    (row,) = rows(document)
    (link,) = row.xpath("h3/a")
    assert (link.get("href"), link.text_content()) == ("/initiatives/long-one/", "Ports & <Rails>")
    (meta,) = row.xpath('p[@class="meta"]')
    # no instrument, and no organization: a draft's name is not shown
    assert words(meta) == "Launched · Land & Sea · announced 4 March 2021"
    assert meta.xpath("span")[0].get("class") == "status status-launched"
    assert meta.xpath("time")[0].get("datetime") == "2021-03-04"
    (summary,) = row.xpath("p[not(@class)]")
    assert summary.text_content() == " ".join(f"word{number}" for number in range(40)) + " …"
    assert [(tag.get("href"), tag.text_content()) for tag in row.xpath('p[@class="tags"]/a')] == [
        ("?q=word1", "Science & <Tech>")  # choosing the theme again drops it; the cursor goes
    ]
    assert "Ports &amp; &lt;Rails&gt;" in html


def test_initiative_list_shows_every_name_as_text_in_the_row_and_the_sidebar(client):
    jurisdiction = JurisdictionFactory(slug="nasty-place", name=NASTY)
    organization = OrganizationFactory(**PUBLISHED, slug="nasty-body", name=NASTY)
    theme = ThemeFactory(**PUBLISHED, slug="nasty-theme", name=NASTY)
    published_initiative(
        slug="nasty",
        name=NASTY,
        summary=NASTY,
        instrument="programme",
        jurisdiction=jurisdiction,
        responsible_organization=organization,
    ).themes.add(theme)
    html, document = page(client, "/initiatives/?jurisdiction=nasty-place&q=")
    assert ESCAPED in html
    (row,) = rows(document)
    assert row.xpath("h3/a")[0].text_content() == NASTY
    assert words(row.xpath('p[@class="meta"]')[0]).split(" · ")[2:4] == [NASTY, NASTY]
    assert row.xpath("p[not(@class)]")[0].text_content() == NASTY
    assert [(tag.get("href"), tag.text_content()) for tag in row.xpath('p[@class="tags"]/a')] == [
        ("?jurisdiction=nasty-place&q=&theme=nasty-theme", NASTY)
    ]
    assert facet_links(document, "jurisdiction") == [("?q=", f"✓ {NASTY} (1) (selected; select to remove)", True)]
    assert facet_links(document, "theme") == [("?jurisdiction=nasty-place&q=&theme=nasty-theme", f"{NASTY} (1)", False)]
    assert facet_links(document, "organization") == [
        ("?jurisdiction=nasty-place&q=&organization=nasty-body", f"{NASTY} (1)", False)
    ]
    headings = [words(heading) for heading in document.xpath('//section[@class="facet"]/h3')]
    # no "Year": the initiative has no announced date, and a facet with no value is left out
    assert headings == ["Jurisdiction", "Status", "Theme", "Kind of instrument", "Responsible organization"]


def test_people_and_meeting_lists_show_every_name_as_text_in_the_row_and_the_sidebar(client):
    organization = OrganizationFactory(**PUBLISHED, slug="nasty-body", name=NASTY)
    person = PersonFactory(**PUBLISHED, slug="nasty-person", full_name=NASTY, bio=NASTY, published_at=published_at(0))
    MembershipFactory(**PUBLISHED, person=person, post=PostFactory(**PUBLISHED, organization=organization))
    MeetingFactory(**PUBLISHED, slug="nasty-meeting", name=NASTY, organizer=organization, published_at=published_at(0))

    html, document = page(client, "/people/")
    assert ESCAPED in html
    (row,) = rows(document)
    assert [(link.get("href"), link.text_content()) for link in row.xpath("h3/a")] == [("/people/nasty-person/", NASTY)]
    assert row.xpath("p")[0].text_content() == NASTY
    assert facet_links(document, "organization") == [("?organization=nasty-body", f"{NASTY} (1)", False)]

    html, document = page(client, "/meetings/?organizer=nasty-body")
    assert ESCAPED in html
    (row,) = rows(document)
    assert [(link.get("href"), link.text_content()) for link in row.xpath("h3/a")] == [
        ("/meetings/nasty-meeting/", NASTY)
    ]
    assert words(row.xpath('p[@class="meta"]')[0]).endswith(f" · {NASTY}")
    assert facet_links(document, "organizer") == [("?", f"✓ {NASTY} (1) (selected; select to remove)", True)]


@pytest.mark.parametrize(
    ("url", "kind"), [("/initiatives/", "initiative"), ("/people/", "person"), ("/meetings/", "meeting")]
)
def test_an_empty_list_says_so_and_offers_to_clear_the_filters(client, url, kind):
    _, document = page(client, url)
    assert not document.xpath('//ol[@class="rows"]')
    (message,) = [paragraph for paragraph in document.xpath("//p") if "No published" in paragraph.text_content()]
    assert words(message) == f"No published {kind} matches. Clear the filters."
    assert message.xpath("a")[0].get("href") == "?"
    assert not document.xpath('//section[@class="facet"]')  # no facet has a value to choose
