"""The API's `search` means what the website's search box means: the same records for the same words."""

import pytest

from tests.api.records import live
from tests.factories import InitiativeFactory, MeetingFactory, OrganizationFactory, PersonFactory

pytestmark = pytest.mark.django_db

QUERIES = ["harbour", "Harbour tunnel", "broadband", "CHAN", "rural -broadband", '"digital divide"', "zzz nothing"]
LISTS = {"initiatives": "/initiatives/", "people": "/people/", "meetings": "/meetings/"}


@pytest.fixture
def records():
    live(
        InitiativeFactory, slug="harbour-tunnel", name="Harbour tunnel", summary="A second crossing under the harbour."
    )
    live(InitiativeFactory, name="Harbour study", summary="Tides and silt, measured for ten years.")
    live(InitiativeFactory, name="Digital divide fund", summary="Broadband for rural schools.")
    live(InitiativeFactory, name="Rural roads", summary="Roads to the villages of the New Territories.")
    live(InitiativeFactory, slug="tunnel-tolls", name="Tunnel tolls", summary="What each harbour tunnel charges.")
    live(PersonFactory, slug="paul-chan-mo-po", full_name="Paul Chan Mo-po", bio="Spoke on the harbour tunnel.")
    live(PersonFactory, slug="chan-kwok-ki", full_name="Chan Kwok-ki", bio="Chief Secretary.")
    live(PersonFactory, full_name="Carrie Lam", bio="Spoke on broadband for rural schools.")
    live(MeetingFactory, name="Harbour forum", description="On the second harbour tunnel.", locality="Wan Chai")
    live(MeetingFactory, name="Digital divide summit", description="Broadband, digital divide.", locality="Sha Tin")
    live(OrganizationFactory, name="Harbourfront Commission", description="Keeps the harbour open.")
    live(OrganizationFactory, name="Rural Committee", description="For the villages, not broadband.")


def api_slugs(api_client, kind: str, query: str) -> set[str]:
    response = api_client.get(f"/api/v1/{kind}/", {"search": query, "page_size": 1000})
    assert response.status_code == 200, response.content
    assert response.json()["next"] is None
    return {record["slug"] for record in response.json()["results"]}


def list_slugs(client, path: str, query: str) -> set[str]:
    page = client.get(path, {"q": query}).context["page"]
    assert page.next_cursor is None
    return {row.slug for row in page.rows}


def search_page_slugs(client, query: str) -> dict[str, set[str]]:
    sections = client.get("/search/", {"q": query}).context["sections"]
    assert not any(section.has_more for section in sections)
    return {section.key: {row.slug for row in section.rows} for section in sections}


@pytest.mark.parametrize("query", QUERIES)
def test_api_search_finds_what_the_website_finds(api_client, client, records, query):
    site_search = search_page_slugs(client, query)
    for kind, path in LISTS.items():
        found = api_slugs(api_client, kind, query)
        assert found == list_slugs(client, path, query), kind
        assert found == site_search[kind], kind
    assert api_slugs(api_client, "organizations", query) == site_search["organizations"]
    if query != "zzz nothing":
        assert any(site_search.values()), "each query but the last finds something"


def test_api_search_is_full_text_not_a_substring(api_client, records):
    assert api_slugs(api_client, "initiatives", "harbour tunnel") == {"harbour-tunnel", "tunnel-tolls"}
    # Every word, in any field and any order: "Tunnel tolls" holds both, "Harbour study" one only.
    assert api_slugs(api_client, "initiatives", "tunnel harbour") == {"harbour-tunnel", "tunnel-tolls"}
    assert api_slugs(api_client, "people", "chan") == {"paul-chan-mo-po", "chan-kwok-ki"}
    assert api_slugs(api_client, "initiatives", "no such words") == set()
