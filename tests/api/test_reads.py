"""Reading records: their shape, references and expansions, and only what a reviewer published."""

import pytest
from django.contrib.contenttypes.models import ContentType

from editorial.merge import merge_records
from editorial.revisions import take
from editorial.workflow import save_record, transition
from ingestion.models import Mention
from initiatives.models import Initiative, Theme
from people.models import Person
from sources.models import Article, Citation

pytestmark = pytest.mark.django_db


def by_slug(results: list[dict]) -> dict[str, dict]:
    return {record["slug"]: record for record in results}


def test_initiative_carries_identity_references_dates_and_citations(api_client, demo):
    response = api_client.get("/api/v1/initiatives/")
    assert response.status_code == 200
    initiative = by_slug(response.json()["results"])["ai-supercomputing-centre"]
    record = Initiative.objects.get(slug="ai-supercomputing-centre")
    assert initiative["id"] == str(record.uuid)
    assert initiative["url"] == f"http://testserver/api/v1/initiatives/{record.uuid}/"
    assert initiative["web_url"] == "http://testserver/initiatives/ai-supercomputing-centre/"
    assert initiative["version"] == record.published_version == 1
    assert initiative["start_date"] == {"date": "2024", "precision": "year"}
    assert initiative["jurisdiction"]["slug"] == "hong-kong"
    theme = Theme.objects.get(slug="computing-infrastructure")
    assert {"id": str(theme.uuid), "name": theme.name, "url": f"http://testserver/api/v1/themes/{theme.uuid}/"} in (
        initiative["themes"]
    )
    [citation] = initiative["citations"]
    assert "launch of the AI Supercomputing Centre" in citation["passage"]
    article = Article.objects.get()
    assert citation["article"]["id"] == str(article.uuid)
    assert citation["end"] - citation["start"] == len(citation["passage"])


def test_detail_is_the_list_row_by_uuid(api_client, demo):
    listed = by_slug(api_client.get("/api/v1/people/").json()["results"])["paul-chan-mo-po"]
    detail = api_client.get(listed["url"])
    assert detail.status_code == 200
    assert detail.json() == listed
    assert detail.json()["aliases"]


def test_expand_embeds_the_related_record_whole(api_client, demo):
    results = api_client.get("/api/v1/statements/?expand=speaker,initiatives").json()["results"]
    statement = results[0]
    assert statement["speaker"]["full_name"] == "Paul Chan Mo-po"
    assert statement["speaker"]["citations"]  # the embedded record is the full record
    assert all("summary" in initiative for initiative in statement["initiatives"])
    assert "full_name" not in api_client.get("/api/v1/statements/").json()["results"][0]["speaker"]


def test_expand_repeated_is_expand_comma_separated(api_client, demo):
    """A client generated from the schema may send the array exploded: both spellings mean the same."""
    repeated = api_client.get("/api/v1/statements/?expand=speaker&expand=initiatives")
    assert repeated.status_code == 200
    assert repeated.json() == api_client.get("/api/v1/statements/?expand=speaker,initiatives").json()
    assert "full_name" in repeated.json()["results"][0]["speaker"]  # not only the last one kept


def test_the_root_lists_every_resource_and_the_change_feed(api_client):
    root = api_client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert root["changes"] == "http://testserver/api/v1/changes/"
    assert root["initiatives"] == "http://testserver/api/v1/initiatives/"


def test_unknown_expand_is_a_400_naming_what_can_be_expanded(api_client, demo):
    response = api_client.get("/api/v1/initiatives/?expand=themes,budget")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "invalid_expand"
    assert error["details"]["unknown"] == ["budget"]
    assert "themes" in error["details"]["allowed"]


def test_drafts_and_their_uuids_are_not_there(api_client, demo):
    draft = Initiative(slug="secret-draft", name="SECRET DRAFT")
    save_record(record=draft, by=None)
    listed = api_client.get("/api/v1/initiatives/").content.decode()
    assert "SECRET DRAFT" not in listed
    response = api_client.get(f"/api/v1/initiatives/{draft.uuid}/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_pending_edit_never_shows_until_approved(api_client, demo, django_user_model):
    live = Initiative.objects.get(slug="ai-supercomputing-centre")
    live.name = "PENDING NAME"
    save_record(record=live, by=None, data=take(live))
    transition(record=live, action="submit", by=None)
    url = f"/api/v1/initiatives/{live.uuid}/"
    assert api_client.get(url).json()["name"] == "AI Supercomputing Centre"
    assert "PENDING NAME" not in api_client.get("/api/v1/initiatives/").content.decode()
    transition(record=live, action="publish", by=None)
    approved = api_client.get(url).json()
    assert (approved["name"], approved["version"]) == ("PENDING NAME", 2)


def test_unpublished_related_records_and_sources_are_left_out(api_client, demo):
    theme = Theme.objects.get(slug="computing-infrastructure")
    transition(record=theme, action="unpublish", by=None, comment="Wrong theme.")
    initiative = Initiative.objects.get(slug="ai-supercomputing-centre")
    draft_source = Citation(record=initiative, url="https://example.org/draft", source_title="DRAFT SOURCE", slug="s")
    save_record(record=draft_source, by=None)
    body = api_client.get(f"/api/v1/initiatives/{initiative.uuid}/?expand=themes").json()
    assert [embedded["slug"] for embedded in body["themes"]] == ["artificial-intelligence"]
    assert "DRAFT SOURCE" not in str(body)
    assert api_client.get(f"/api/v1/themes/{theme.uuid}/").status_code == 410  # withdrawn


def test_a_merged_records_old_uuid_redirects_to_the_survivor(api_client, demo):
    survivor = Person.objects.get(slug="paul-chan-mo-po")
    duplicate = Person(slug="paul-chan", full_name="Paul Chan")
    save_record(record=duplicate, by=None)
    old_uuid = duplicate.uuid
    merge_records(duplicate=duplicate, survivor=survivor, by=None)
    response = api_client.get(f"/api/v1/people/{old_uuid}/?expand=")
    assert response.status_code == 301
    assert response["Location"] == f"http://testserver/api/v1/people/{survivor.uuid}/?expand="
    assert response.json()["moved_to"]["id"] == str(survivor.uuid)
    assert api_client.get(response["Location"]).json()["full_name"] == "Paul Chan Mo-po"


def test_articles_show_accepted_mentions_of_published_records_only(api_client, demo):
    article = Article.objects.get()
    person = Person.objects.get(slug="paul-chan-mo-po")
    hidden = Person(slug="hidden", full_name="HIDDEN PERSON")
    save_record(record=hidden, by=None)
    for record, status, start in ((person, "accepted", 0), (hidden, "accepted", 10), (person, "proposed", 20)):
        Mention.objects.create(
            article=article,
            kind="person",
            content_type=ContentType.objects.get_for_model(Person),
            object_id=record.pk,
            surface=article.text[start : start + 5],
            start=start,
            end=start + 5,
            text_sha256=article.text_sha256,
            method="name",
            status=status,
        )
    [listed] = api_client.get("/api/v1/articles/").json()["results"]
    assert listed["mentions"] == [
        {
            "record": {
                "kind": "person",
                "id": str(person.uuid),
                "name": "Paul Chan Mo-po",
                "url": f"http://testserver/api/v1/people/{person.uuid}/",
            },
            "surface": article.text[:5],
            "start": 0,
            "end": 5,
            "confidence": 1.0,
        }
    ]
    detail = api_client.get(listed["url"]).json()
    # The full text is its publisher's: the API shows the passages published records cite, not the text.
    assert "text" not in detail
    assert all(article.text[row["start"] : row["end"]] == row["passage"] for row in detail["passages"])


def test_articles_url_filter_answers_whether_a_page_is_stored(api_client, demo):
    article = Article.objects.get()
    Article.objects.filter(pk=article.pk).update(canonical_url="https://news.example.org/story")
    found = api_client.get("/api/v1/articles/", {"url": "http://www.News.example.org/story/?utm_source=x"})
    assert [row["id"] for row in found.json()["results"]] == [str(article.uuid)]
    assert api_client.get("/api/v1/articles/", {"url": "https://news.example.org/other"}).json()["results"] == []


@pytest.mark.parametrize("address", ["http://x:99999/", "http://[::1"])
@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_articles_url_filter_refuses_an_address_it_cannot_read(api_client, address, fmt):
    response = api_client.get("/api/v1/articles/", {"url": address, "format": fmt})
    assert response.status_code == 400
    assert response.json()["error"]["details"] == {"url": ["Not an http or https address with a valid host."]}


def test_citations_list_only_sources_of_published_records(api_client, demo):
    draft = Initiative(slug="secret", name="SECRET")
    save_record(record=draft, by=None)
    source = Citation(record=draft, url="https://example.org/x", source_title="SOURCE OF A DRAFT", slug="x")
    save_record(record=source, by=None)
    Citation.objects.filter(pk=source.pk).update_unrecorded(editorial_status="published")
    body = api_client.get("/api/v1/citations/?page_size=1000").content.decode()
    assert "SOURCE OF A DRAFT" not in body
    assert "apec" in body  # the demo's published sources are listed


def test_external_identifiers_are_shown_and_look_a_record_up(api_client, demo):
    from editorial.models import EditorialStatus, ExternalIdentifier
    from tests.factories import PersonFactory

    chan = Person.objects.published().get(full_name="Paul Chan Mo-po")
    ExternalIdentifier.objects.create(
        record=chan, scheme="wikidata", value="Q7150981", url="https://www.wikidata.org/wiki/Q7150981"
    )
    draft = PersonFactory(full_name="Not Yet Published", editorial_status=EditorialStatus.DRAFT)
    ExternalIdentifier.objects.create(record=draft, scheme="wikidata", value="Q1")

    found = api_client.get("/api/v1/people/?identifier=wikidata:Q7150981").json()["results"]
    assert [person["full_name"] for person in found] == ["Paul Chan Mo-po"]
    assert found[0]["identifiers"] == [
        {"scheme": "wikidata", "value": "Q7150981", "url": "https://www.wikidata.org/wiki/Q7150981"}
    ]
    assert api_client.get(found[0]["url"]).json()["identifiers"] == found[0]["identifiers"]
    assert api_client.get("/api/v1/people/?identifier=WIKIDATA:Q7150981").json()["results"] == found
    assert api_client.get("/api/v1/people/?identifier=wikidata:Q1").json()["results"] == []  # a draft: never
    assert api_client.get("/api/v1/initiatives/?identifier=wikidata:Q7150981").json()["results"] == []
    bad = api_client.get("/api/v1/people/?identifier=Q7150981")
    assert bad.status_code == 400
    assert bad.json()["error"]["details"] == {"identifier": ["Give scheme:value, e.g. wikidata:Q123."]}
    csv_rows = b"".join(api_client.get("/api/v1/people/?identifier=wikidata:Q7150981&format=csv").streaming_content)
    assert "wikidata:Q7150981" in csv_rows.decode("utf-8-sig")
