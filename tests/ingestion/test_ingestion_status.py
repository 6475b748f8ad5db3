"""POST /api/v1/ingest/ gives each address an id to follow; GET /api/v1/ingestions/<id>/ tells its keys how it went."""

import pytest
from django.core.cache import cache

from editorial.roles import EDITOR
from ingestion.models import Ingestion
from sources.models import Article
from tests.api.conftest import keyed_client, make_user
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def api_settings(settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    cache.clear()


@pytest.fixture
def edna(django_user_model):
    return keyed_client(make_user(django_user_model, "edna", staff=True, groups=(EDITOR,)))


@pytest.fixture
def ed(django_user_model):
    return keyed_client(make_user(django_user_model, "ed", staff=True, groups=(EDITOR,)))


def test_each_address_is_followed_to_its_article_or_its_refusal(edna, web, django_capture_on_commit_callbacks):
    web.routes["/apec"] = Route(html_page(FOUNDING_ARTICLE, title="Chan at APEC"))
    urls = [web.url("/apec"), "http://router.test/admin"]  # the second resolves to 192.168.0.1
    with django_capture_on_commit_callbacks(execute=True):  # the pipeline runs in-process
        response = edna.post("/api/v1/ingest/", {"urls": urls}, format="json")
    assert response.status_code == 202, response.content
    results = response.json()["results"]
    assert [result["queued"] for result in results] == [True, True]

    stored = edna.get(results[0]["status_url"])
    assert stored.status_code == 200, stored.content
    article = Article.objects.get()
    assert stored.json() | {"submitted_at": None, "updated_at": None} == {
        "id": results[0]["id"],
        "url": urls[0],
        "status_url": f"http://testserver/api/v1/ingestions/{results[0]['id']}/",
        "status": "stored",
        "step": "done",
        "outcome": "new",
        "error": "",
        "article": f"http://testserver/api/v1/articles/{article.uuid}/",
        "submitted_at": None,
        "updated_at": None,
    }
    refused = edna.get(results[1]["status_url"]).json()
    assert (refused["status"], refused["outcome"], refused["article"]) == ("refused", "refused", None)
    assert "192.168.0.1" in refused["error"]


def test_a_status_is_told_to_the_keys_that_submitted_the_page_only(edna, ed, partner_key_client):
    url = "https://news.example.org/only-mine"
    mine = edna.post("/api/v1/ingest/", {"urls": [url]}, format="json").json()["results"][0]
    assert mine["status"] == "queued"
    assert edna.get(mine["status_url"]).status_code == 200
    assert ed.get(mine["status_url"]).status_code == 404  # not even told it exists
    assert ed.get("/api/v1/ingestions/999999/").status_code == 404
    assert partner_key_client.get(mine["status_url"]).status_code == 403

    again = ed.post("/api/v1/ingest/", {"urls": [url]}, format="json").json()["results"][0]
    assert (again["id"], again["queued"]) == (mine["id"], False)  # one ingestion per page
    assert ed.get(mine["status_url"]).status_code == 200  # ed submitted it too now


@pytest.fixture
def partner_key_client(django_user_model):
    return keyed_client(make_user(django_user_model, "partner", staff=False))


@pytest.mark.parametrize(
    "url", ["http://10.0.0.1/page", "http://[fd00::1]/page", "http://169.254.169.254/latest/", "http://127.0.0.1/x"]
)
def test_a_literal_private_address_is_refused_at_once(edna, settings, url):
    settings.INGEST_ALLOW_LOOPBACK = False
    response = edna.post("/api/v1/ingest/", {"urls": ["https://news.example.org/fine", url]}, format="json")
    assert response.status_code == 400, response.content
    assert "not a public address" in str(response.json()["error"]["details"])
    assert not Ingestion.objects.exists()  # nothing of the request is kept
