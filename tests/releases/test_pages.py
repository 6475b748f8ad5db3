"""/data/ lists releases, what changed and how to cite each; their files download byte for byte, cached for good."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from lxml import html

from releases import package
from releases.services import make_release

pytestmark = pytest.mark.django_db


def test_release_list_says_when_nothing_was_released_yet(client):
    response = client.get("/data/")

    assert response.status_code == 200
    assert "No release has been made yet." in response.content.decode()


def test_release_list_shows_version_date_hash_downloads_changes_and_reference(client, demo):
    release = make_release().release

    page = html.fromstring(client.get("/data/").content)

    [article] = page.xpath('//article[@class="release"]')
    text = article.text_content()
    assert "Release 1" in text
    assert "1.0.0" in text
    assert f"sha256:{release.content_hash}" in text
    links = {link.get("href") for link in article.xpath(".//a")}
    assert "/data/1/datapackage.json" in links
    assert "/data/1/initiatives.csv" in links
    assert f"/data/1/{package.zip_name(1)}" in links
    assert "/data/1/cite.bib" in links
    assert "Published" in text  # the changes the public saw, by kind and action
    assert f"SHA-256 {release.content_hash}" in article.xpath('.//p[@class="reference"]')[0].text_content()
    assert "@misc{initiativetracker-release-1," in article.xpath(".//pre")[0].text_content()


def test_release_list_is_newest_first_with_differences(client, demo):
    make_release()
    make_release(force=True)

    page = html.fromstring(client.get("/data/").content)

    headings = [heading.text_content() for heading in page.xpath('//article[@class="release"]/h2')]
    assert headings == ["Release 2", "Release 1"]
    assert "What changed since release 1" in page.xpath('//article[@class="release"]')[0].text_content()


def test_release_list_query_count_is_flat(client, demo):
    make_release()
    with CaptureQueriesContext(connection) as one:
        client.get("/data/")
    make_release(force=True)
    make_release(force=True)
    with CaptureQueriesContext(connection) as three:
        response = client.get("/data/")

    assert response.status_code == 200
    assert len(three) == len(one) == 2  # releases, their files' names and sizes


def test_release_page_and_its_files_download(client, demo):
    release = make_release().release

    assert client.get("/data/1/").status_code == 200
    descriptor = client.get("/data/1/datapackage.json")
    assert descriptor["Content-Type"] == "application/json"
    assert json.loads(descriptor.content)["version"] == "1.0.0"
    csv = client.get("/data/1/people.csv")
    assert csv["Content-Type"] == "text/csv; charset=utf-8"
    assert csv["Content-Disposition"] == 'attachment; filename="people.csv"'
    assert csv.content == bytes(release.files.get(path="people.csv").data)
    assert client.get(f"/data/1/{package.zip_name(1)}")["Content-Type"] == "application/zip"
    bib = client.get("/data/1/cite.bib")
    assert bib["Content-Type"].startswith("application/x-bibtex")
    assert b"@misc{initiativetracker-release-1," in b"".join(bib.streaming_content)


def test_release_files_are_cached_for_good_and_revalidate_by_hash(client, demo):
    release = make_release().release
    stored = release.files.get(path="initiatives.csv")

    response = client.get("/data/1/initiatives.csv")
    again = client.get("/data/1/initiatives.csv", headers={"If-None-Match": response["ETag"]})

    assert response["ETag"] == f'"{stored.sha256}"'
    assert "immutable" in response["Cache-Control"]
    assert again.status_code == 304
    assert again.content == b""


def test_release_pages_answer_404_for_what_does_not_exist(client, demo):
    make_release()

    assert client.get("/data/2/").status_code == 404
    assert client.get("/data/2/datapackage.json").status_code == 404
    assert client.get("/data/1/secrets.csv").status_code == 404
    assert client.get("/data/2/cite.bib").status_code == 404


@pytest.mark.parametrize("path", ["%00", "a%00.csv", "..%2Fsecrets", ".env", "x" * 300])
def test_a_release_file_name_that_no_file_can_have_is_a_404_without_a_query(
    client, demo, path, django_assert_num_queries
):
    make_release()

    with django_assert_num_queries(0):
        assert client.get(f"/data/1/{path}").status_code == 404


def test_site_navigation_links_to_the_data_releases(client):
    page = html.fromstring(client.get("/").content)

    assert "/data/" in {link.get("href") for link in page.xpath("//header//nav//a")}
