"""`snapshot_public` crawls every public response of the demo data, so two versions can be compared."""

import json

import pytest
from django.core.management import call_command

from demo.services import load_demo
from demo.snapshot import Uuids, compare, normalise, take_snapshot

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()


def test_snapshot_reaches_every_kind_of_public_response(demo):
    responses = take_snapshot().responses

    for path in ("/", "/initiatives/", "/people/", "/meetings/", "/feeds/updates/", "/api/v1/", "/api/v1/schema/"):
        assert responses[path]["status"] == 200, path
    assert any(path.startswith("/initiatives/") and path.count("/") == 3 for path in responses)  # a record page
    assert "/api/v1/initiatives/?format=csv" in responses
    assert "/api/v1/initiatives/?format=ndjson" in responses
    assert any(path.startswith("/articles/") for path in responses)
    assert not any(path.startswith("/admin/") for path in responses)
    assert all(response["status"] < 500 for response in responses.values())


def test_two_snapshots_of_the_same_data_are_equal(demo):
    assert compare(take_snapshot().responses, take_snapshot().responses) == []


def test_compare_names_what_changed_appeared_and_vanished():
    page = {"status": 200, "content_type": "text/html", "location": "", "body": "<p>a</p>"}
    before = {"/a/": page, "/b/": page}
    after = {"/a/": {**page, "body": "<p>b</p>"}, "/c/": page}

    assert compare(before, after) == ["changed  /a/ (body)", "gone     /b/", "new      /c/"]


def test_normalise_masks_what_differs_between_two_loads():
    uuids = Uuids()
    body = normalise(
        "text/html",
        '<a href="/api/v1/x/0b7c6f0e-1d2a-4c1e-9a33-1b2c3d4e5f60/">\n  <time>2026-12-03T09:51:53.88+00:00</time></a>',
        uuids,
    )

    assert body == '<a href="/api/v1/x/<uuid-1>/"><time><timestamp></time></a>'


def test_snapshot_command_compares_with_an_earlier_file(demo, tmp_path, capsys):
    call_command("snapshot_public", str(tmp_path / "before.json"))
    before = json.loads((tmp_path / "before.json").read_text())
    before["/"]["body"] = "something else"
    (tmp_path / "before.json").write_text(json.dumps(before))

    call_command("snapshot_public", str(tmp_path / "after.json"), "--compare", str(tmp_path / "before.json"))

    output = capsys.readouterr().out
    assert "changed  / (body)" in output
    assert f"1 of {len(before)} URLs differ" in output
