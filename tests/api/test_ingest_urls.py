"""POST /api/v1/ingest/ takes only addresses the pipeline can fetch and store: a 400 for the others, never a 500."""

import pytest

pytestmark = pytest.mark.django_db

LONG = "https://news.example.org/" + "a" * 1976  # 2,001 characters


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://news.example.org:99999/a", "port"),
        ("http://news.example.org:0/a", "port"),
        (LONG, "2,001 characters"),
        ("https://news.example.org/?q=" + "é" * 400, "once its query is encoded"),
        ("http://[::1/", "valid host"),
        ("http://news.example.org/a\x00", "control character"),
    ],
)
def test_ingest_refuses_an_address_it_could_not_fetch_or_store(editor_client, monkeypatch, url, reason):
    from ingestion import services
    from ingestion.models import Ingestion

    monkeypatch.setattr(services, "queue_fetch", lambda ingestion: None)  # no worker in this test
    response = editor_client.post("/api/v1/ingest/", {"urls": ["https://news.example.org/b", url]}, format="json")
    assert response.status_code == 400, response.content
    assert reason in str(response.json())
    assert not Ingestion.objects.exists()
