"""The whole pipeline through `manage.py ingest`: pages from a local server and files, linked and suggested."""

import pytest

from editorial.folding import fold as normalise
from ingestion.models import Ingestion, Step
from initiatives.models import Initiative
from sources.models import Article, ArticleVersion
from tests.ingestion.helpers import FOUNDING_ARTICLE, html_page, run_ingest

pytestmark = pytest.mark.django_db

JSON_KEYS = {"input", "status", "error", "article", "mentions", "suggestions"}
ARTICLE_KEYS = {"id", "url", "title", "author", "published", "language", "text"}
MENTION_KEYS = {"kind", "id", "slug", "name", "surface", "start", "end", "method", "confidence"}

OFF_TOPIC = (
    "Manchester United beat Liverpool 2-1 at Old Trafford on Sunday.\n"
    "The winning goal came in the 89th minute from a corner, and the home fans stayed long after the whistle.\n"
    "Forecasters expect heavy rain and strong winds across the north-west on Monday, with temperatures near 4C."
)


def test_ingest_founding_article_links_people_meeting_roles_and_initiatives(demo, web):
    web.routes["/hk/apec-joint-session"] = _route(html_page(FOUNDING_ARTICLE, title="Chan at APEC"))
    (line,), status = run_ingest(web.url("/hk/apec-joint-session"))

    assert status == 0, line["error"]
    assert line["status"] == "new", line["error"]
    assert set(line) == JSON_KEYS
    assert set(line["article"]) == ARTICLE_KEYS
    assert all(set(mention) == MENTION_KEYS for mention in line["mentions"])
    text = line["article"]["text"]
    for mention in line["mentions"]:
        assert text[mention["start"] : mention["end"]] == mention["surface"]
    people = {(mention["surface"], mention["slug"], mention["method"]) for mention in line["mentions"]
              if mention["kind"] == "person"}  # fmt: skip
    assert ("Paul Chan Mo-po", "paul-chan-mo-po", "name") in people
    assert ("Paul Lam Ting-kwok", "paul-lam-ting-kwok", "name") in people
    assert ("Chan", "paul-chan-mo-po", "surname") in people
    assert ("the finance chief", "paul-chan-mo-po", "role") in people
    assert ("The financial secretary", "paul-chan-mo-po", "role") in people
    meetings = {(mention["slug"], mention["method"]) for mention in line["mentions"] if mention["kind"] == "meeting"}
    assert ("apec-2025-fmm-srmm-joint-session", "name") in meetings
    # The two meetings the joint session's name names are mentioned too.
    assert ("apec-finance-ministers-meeting-2025", "nested") in meetings
    assert ("apec-structural-reform-ministerial-meeting-2025", "nested") in meetings
    assert all(0 < mention["confidence"] <= 1 for mention in line["mentions"])
    linked = {mention["slug"] for mention in line["mentions"] if mention["kind"] == "initiative"}
    assert linked >= _initiatives_named_in(text)
    assert linked >= {
        "hong-kong-ai-research-and-development-institute",
        "ai-supercomputing-centre",
        "ai-efficacy-enhancement-team",
        "digital-corporate-identity-platform",
        "ai-in-education-at-all-levels",
        "framework-for-responsible-use-of-ai",
        "digitalisation-of-trade-documents",
    }
    suggestions = {(suggestion["kind"], suggestion["normalized"]) for suggestion in line["suggestions"]}
    assert ("amount", "HKD 200000000000") in suggestions
    assert ("date", "2024") in suggestions
    amount = next(suggestion for suggestion in line["suggestions"] if suggestion["kind"] == "amount")
    assert amount["text"] == "more than HK$200 billion"
    assert amount["data"]["qualifier"] == "more_than"
    assert "Hong Kong has invested more than HK$200 billion" in amount["evidence"]


def _initiatives_named_in(text: str) -> set[str]:
    """Demo initiatives whose name or an alias appears in the text, as the linker normalises both."""
    folded = f" {normalise(text)[0]} "
    named = set()
    for initiative in Initiative.objects.prefetch_related("aliases"):
        names = [initiative.name, *(alias.name for alias in initiative.aliases.all())]
        if any(f" {normalise(name)[0].strip()} " in folded for name in names):
            named.add(initiative.slug)
    return named


def test_ingest_without_records_suggests_the_initiatives_and_the_statement(web):
    web.routes["/story"] = _route(html_page(FOUNDING_ARTICLE))
    (line,), _ = run_ingest(web.url("/story"))
    suggestions = {(suggestion["kind"], suggestion["normalized"]) for suggestion in line["suggestions"]}
    assert ("initiative", "Hong Kong AI Research and Development Institute") in suggestions
    assert ("initiative", "AI Efficacy Enhancement Team") in suggestions
    assert any(kind == "statement" and value.startswith("Chan: Hong Kong is incorporating AI into all levels")
               for kind, value in suggestions)  # fmt: skip
    assert line["mentions"] == []


def test_ingest_an_article_about_sport_and_weather_links_nothing(demo, web):
    web.routes["/sport"] = _route(html_page(OFF_TOPIC, title="United beat Liverpool"))
    (line,), status = run_ingest(web.url("/sport"))
    assert status == 0
    assert line["status"] == "new"
    assert line["mentions"] == []


def test_ingest_the_same_page_twice_stores_it_once(web):
    web.routes["/story"] = _route(html_page(OFF_TOPIC))
    first, second = run_ingest(web.url("/story"), web.url("/story?utm_source=twitter"))[0]
    assert (first["status"], second["status"]) == ("new", "duplicate")
    assert first["article"]["id"] == second["article"]["id"]
    assert Article.objects.count() == 1


def test_ingest_the_same_text_at_another_url_is_a_duplicate(web):
    web.routes["/a"] = _route(html_page(OFF_TOPIC))
    web.routes["/b"] = _route(html_page(OFF_TOPIC.upper().lower().replace(" ", "  ")))
    lines, _ = run_ingest(web.url("/a"), web.url("/b"))
    assert [line["status"] for line in lines] == ["new", "duplicate"]
    assert Article.objects.count() == 1


def test_ingest_a_changed_page_becomes_a_new_version(web):
    web.routes["/story"] = _route(html_page(OFF_TOPIC))
    run_ingest(web.url("/story"))
    web.routes["/story"] = _route(html_page(OFF_TOPIC + "\nUpdated: the match report now has quotes."))
    (line,), _ = run_ingest(web.url("/story"))
    assert line["status"] == "updated"
    article = Article.objects.get()
    assert "now has quotes" in article.text
    assert list(ArticleVersion.objects.filter(article=article).values_list("number", flat=True)) == [2, 1]


def test_ingest_honours_rel_canonical(web):
    canonical = "<link rel='canonical' href='https://news.example/story-1'>"
    web.routes["/amp/story-1"] = _route(html_page(OFF_TOPIC, extra_head=canonical))
    web.routes["/story-1-print"] = _route(html_page(OFF_TOPIC + "\nPrinted.", extra_head=canonical))
    lines, _ = run_ingest(web.url("/amp/story-1"), web.url("/story-1-print"))
    assert [line["status"] for line in lines] == ["new", "updated"]


@pytest.mark.parametrize(
    "canonical", ["http://news.example:99999/story-1", "https://news.example/" + "a" * 2000, "http://[::1/story-1"]
)
def test_ingest_ignores_a_rel_canonical_it_could_not_store(web, canonical):
    web.routes["/story-1"] = _route(html_page(OFF_TOPIC, extra_head=f"<link rel='canonical' href='{canonical}'>"))
    (line,), status = run_ingest(web.url("/story-1"))
    assert (line["status"], status) == ("new", 0)
    assert Article.objects.get().canonical_url == web.url("/story-1").replace("http:", "https:")


def test_ingest_reports_each_bad_address_and_goes_on_with_the_batch(web):
    web.routes["/a"] = _route(html_page(OFF_TOPIC))
    web.routes["/b"] = _route(html_page(FOUNDING_ARTICLE))
    too_long = web.url("/" + "b" * 2000)
    inputs = [web.url("/a"), "http://news.test:99999/story", too_long, "http://[::1/", "x" * 5000, web.url("/b")]
    lines, status = run_ingest(*inputs)
    assert [line["status"] for line in lines] == ["new", "error", "error", "error", "error", "new"]
    assert status == 1
    assert "port" in lines[1]["error"]
    assert "characters long" in lines[2]["error"]
    assert all(set(line) == JSON_KEYS for line in lines)
    assert Ingestion.objects.count() == Article.objects.count() == 2


@pytest.mark.parametrize(
    ("route", "error"),
    [
        ({"body": b"\x89PNG\r\n\x1a\n" + b"0" * 100, "headers": {"Content-Type": "image/png"}}, "image/png"),
        ({"body": b"<html><body>" + b"x" * 2_500_000 + b"</body></html>"}, "limit"),
        ({"body": b"", "status": 404}, "404"),
        ({"body": b"<html><body><nav>Home</nav></body></html>"}, "No article text"),
    ],
    ids=["not-html", "huge", "missing", "no-text"],
)
def test_ingest_records_a_clear_error_and_writes_nothing_else(web, route, error):
    web.routes["/page"] = _route(**route)
    (line,), status = run_ingest(web.url("/page"))
    assert status == 1
    assert line["status"] == "error"
    assert error in line["error"]
    ingestion = Ingestion.objects.get()
    assert ingestion.step == Step.FAILED
    assert ingestion.failed_step == Step.FETCHING
    assert error in ingestion.error
    assert Article.objects.count() == 0


def test_ingest_a_redirect_to_a_private_address_is_refused(web):
    web.routes["/go"] = _route(b"", status=302, headers={"Location": "http://intranet.test/admin"})
    web.routes["/go-ip"] = _route(b"", status=302, headers={"Location": "http://169.254.169.254/latest/meta-data"})
    lines, status = run_ingest(web.url("/go"), web.url("/go-ip"))
    assert status == 1
    assert all(line["status"] == "error" and "not a public address" in line["error"] for line in lines)
    assert Article.objects.count() == 0


def test_ingest_a_timeout_is_an_error_after_retries(web, ingest_settings):
    ingest_settings.INGEST_TIMEOUT = 0.3
    web.routes["/slow"] = _route(html_page(OFF_TOPIC), delay=1.0)
    (line,), status = run_ingest(web.url("/slow"))
    assert status == 1
    assert "did not answer within" in line["error"]
    assert web.hits("/slow") == 1 + ingest_settings.INGEST_FETCH_RETRIES
    assert Article.objects.count() == 0


def test_ingest_a_page_in_a_wrong_encoding_is_read(web):
    text = "Le café de la gare rouvre lundi après les travaux. Les habitués saluent le nouveau comptoir en chêne."
    page = html_page(text).replace(b"<meta charset='utf-8'>", b"")
    web.routes["/latin"] = _route(page.decode().encode("cp1252"), headers={"Content-Type": "text/html; charset=utf-8"})
    (line,), status = run_ingest(web.url("/latin"))
    assert status == 0, line["error"]
    assert "café de la gare" in line["article"]["text"]
    assert "chêne" in line["article"]["text"]


def test_ingest_stores_no_script(web):
    hostile = html_page(
        OFF_TOPIC + "\nA reader wrote <script>alert(1)</script> in the comments.",
        extra_body="<script>document.write('owned')</script>",
    ).replace(b"&lt;script&gt;", b"<script>")
    web.routes["/hostile"] = _route(hostile)
    (line,), _ = run_ingest(web.url("/hostile"))
    article = Article.objects.get()
    assert "<script" not in article.text.lower()
    assert "alert(1)" not in article.text
    assert "owned" not in article.text
    assert line["status"] == "new"


def test_ingest_local_text_and_html_files(tmp_path, demo):
    text_file = tmp_path / "founding.txt"
    text_file.write_text(FOUNDING_ARTICLE, encoding="utf-8")
    html_file = tmp_path / "sport.html"
    html_file.write_bytes(html_page(OFF_TOPIC))
    lines, status = run_ingest(str(text_file), str(html_file), str(tmp_path / "missing.txt"))
    assert [line["status"] for line in lines] == ["duplicate", "new", "error"]
    assert status == 1
    # The text file is the demo article's text: a duplicate of it, linked now.
    assert lines[0]["article"]["text"] == FOUNDING_ARTICLE
    assert {"paul-chan-mo-po", "paul-lam-ting-kwok"} <= {mention["slug"] for mention in lines[0]["mentions"]}


def _route(body=b"", **kwargs):
    from tests.ingestion.conftest import Route

    return Route(body=body, **kwargs)
