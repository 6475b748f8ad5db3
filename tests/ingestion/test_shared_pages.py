"""Every real page of ../shared/testdata/extraction, served locally, ingests or gets a clear recorded error."""

import json

import pytest

from ingestion.models import Ingestion, Step
from sources.models import Article
from tests.conftest import SHARED_TESTDATA
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import run_ingest

pytestmark = pytest.mark.django_db
EXTRACTION = SHARED_TESTDATA / "extraction"
ITEMS = json.loads((EXTRACTION / "expected.json").read_text())["items"] if EXTRACTION.is_dir() else []


def _normalised(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.skipif(not ITEMS, reason=f"{EXTRACTION} is absent: the third-party pages stay out of the repository")
@pytest.mark.parametrize("item", ITEMS, ids=[item["file"][5:35] for item in ITEMS])
def test_every_shared_page_ingests_or_records_an_error(item, web):
    web.routes["/page"] = Route((EXTRACTION / item["file"]).read_bytes(), headers={"Content-Type": "text/html"})
    (line,), status = run_ingest(web.url("/page"))
    ingestion = Ingestion.objects.get()
    if line["status"] == "error":
        assert status == 1
        assert ingestion.step == Step.FAILED
        assert ingestion.error
        assert Article.objects.count() == 0
        return
    assert ingestion.step == Step.DONE
    assert Article.objects.count() == 1
    text = _normalised(Article.objects.get().text)
    found = sum(_normalised(snippet) in text for snippet in item["with"])
    assert found >= 1, "none of the snippets the main text must contain was found"
    assert "<script" not in text.lower()
