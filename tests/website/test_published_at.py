"""`?published_at=` on a record's page: the version public at that moment, with its permalink's page."""

import lxml.html
import pytest

from initiatives.models import Initiative
from tests.published_history import approve, clock, day, publish_cited  # noqa: F401 (clock is a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(clock):  # noqa: F811
    clock.now = day(1)
    initiative = publish_cited(Initiative(slug="energy", name="Energy v1"), "energy-source")
    clock.now = day(3)
    approve(initiative, name="Energy v2")
    clock.now = day(5)
    return initiative


def page(client, slug: str, moment: str):
    return client.get(f"/initiatives/{slug}/", {"published_at": moment})


def heading(response) -> str:
    assert response.status_code == 200
    return lxml.html.fromstring(response.content).findtext(".//h1")


def test_record_page_shows_the_version_public_then(client, history):
    response = page(client, "energy", day(3).isoformat())
    assert "Energy v2" in heading(response)
    assert "As published on" in lxml.html.fromstring(response.content).text_content()
    assert "Energy v1" in heading(page(client, "energy", day(2).isoformat()))


def test_record_page_before_its_first_publication_is_a_404(client, history):
    assert page(client, "energy", "2000-01-01T00:00:00Z").status_code == 404


def test_record_page_refuses_a_malformed_moment(client, history):
    assert page(client, "energy", "last tuesday").status_code == 400


def test_version_permalink_survives_an_unchanged_republication(client, clock):  # noqa: F811
    from editorial.workflow import transition

    clock.now = day(1)
    theme = publish_cited(Initiative(slug="air", name="Air"), "air-source")
    clock.now = day(2)
    transition(record=theme, action="unpublish", by=None, comment="Checking a source.")
    transition(record=theme, action="submit", by=None)
    transition(record=theme, action="publish", by=None)
    assert theme.published_version == 2
    assert client.get("/initiatives/air/v1/").status_code == 200
    assert client.get("/initiatives/air/v2/").status_code == 200
