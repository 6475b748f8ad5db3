"""ETag and Last-Modified on lists and details; conditional requests get 304."""

import pytest
from django.utils.http import http_date

from editorial.workflow import transition
from initiatives.models import Initiative

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/api/v1/initiatives/", "/api/v1/changes/?kind=theme", "detail"])
def test_conditional_requests_get_304_until_something_changes(api_client, demo, url):
    if url == "detail":
        url = f"/api/v1/initiatives/{Initiative.objects.get(slug='ai-supercomputing-centre').uuid}/"
    response = api_client.get(url)
    etag, modified = response["ETag"], response["Last-Modified"]
    assert api_client.get(url, HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert api_client.get(url, HTTP_IF_MODIFIED_SINCE=modified).status_code == 304

    theme = Initiative.objects.get(slug="ai-supercomputing-centre").themes.get(slug="computing-infrastructure")
    transition(record=theme, action="unpublish", by=None, comment="Wrong theme.")
    changed = api_client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200
    assert changed["ETag"] != etag


def test_if_modified_since_answers_304_before_reading_the_page(api_client, demo, django_assert_num_queries):
    modified = api_client.get("/api/v1/initiatives/")["Last-Modified"]
    with django_assert_num_queries(1):  # the latest public write, nothing else
        assert api_client.get("/api/v1/initiatives/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    assert api_client.get("/api/v1/initiatives/", HTTP_IF_MODIFIED_SINCE=http_date(0)).status_code == 200
