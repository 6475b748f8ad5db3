"""The linker on real articles nobody here wrote, scored against a careful reader's annotation.

Every article of ../shared/testdata/linking is served locally and ingested through the real
pipeline (fetch, extract, link); the records each article's mentions point at are compared with the
annotated ones. The figures and every miss are printed (`pytest -s`, and `make bench`).
"""

import pytest

from ingestion.models import Mention
from sources.models import Article
from tests import linking_set
from tests.ingestion.conftest import Route
from tests.ingestion.helpers import run_ingest

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not linking_set.available(), reason=f"{linking_set.LINKING} is absent (third-party texts)"),
]

MIN_PRECISION, MIN_RECALL = 0.95, 0.90


def score_development_set(web) -> linking_set.Score:
    keys = linking_set.load_records()
    by_record = {record: key for key, record in keys.items()}
    articles = linking_set.articles()
    urls = {}
    for article in articles:
        path = f"/{article.name}"
        web.routes[path] = Route(linking_set.page(article))
        urls[web.url(path)] = article.name
    lines, status = run_ingest(*urls)
    assert status == 0, [line for line in lines if line.get("status") == "error"]
    linked: dict[str, set[str]] = {name: set() for name in urls.values()}
    names = {article.pk: urls[article.url] for article in Article.objects.all()}
    for article_id, kind, record_id in Mention.objects.values_list("article_id", "kind", "object_id"):
        linked[names[article_id]].add(by_record.get((kind, record_id), f"{kind}:#{record_id}"))
    score = linking_set.Score()
    for name, annotation in sorted(linking_set.expected().items()):
        score.add(name, annotation, linked[name])
    return score


def test_the_linker_finds_what_a_careful_reader_finds(web):
    score = score_development_set(web)
    print(score.report())
    assert not score.negative_links, score.report()
    assert score.precision >= MIN_PRECISION, score.report()
    assert score.recall >= MIN_RECALL, score.report()
