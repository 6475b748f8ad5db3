"""A release is a valid Data Package of the public data, the same bytes for the same data, and never changes."""

import json
import zipfile

import pytest
from django.db import IntegrityError, transaction
from frictionless import validate

from editorial.revisions import take
from editorial.workflow import save_record, transition
from initiatives.models import Initiative
from releases import package
from releases.models import Release, ReleaseFile
from releases.services import make_release
from sources.models import Article, Citation, text_sha256
from tests.factories import CitationFactory
from tests.releases.conftest import file_bytes, write_files

pytestmark = pytest.mark.django_db


def test_make_release_validates_with_frictionless(demo, tmp_path):
    release = make_release().release

    report = validate(str(write_files(release, tmp_path) / package.DESCRIPTOR))

    assert report.valid, report.flatten(["type", "message"])
    assert len(report.tasks) == len(package.RESOURCES)
    assert release.tables["initiatives"] > 0
    assert release.tables["citations"] > 0


def test_make_release_zip_holds_the_same_valid_package(demo, tmp_path):
    release = make_release().release
    stored = file_bytes(release)

    (tmp_path / "package.zip").write_bytes(stored[package.zip_name(release.number)])
    with zipfile.ZipFile(tmp_path / "package.zip") as archive:
        archive.extractall(tmp_path / "unzipped")
    folder = tmp_path / "unzipped" / f"initiative-tracker-{release.number}"

    assert {path.name for path in folder.iterdir()} == {
        package.DESCRIPTOR,
        *(f"{name}.csv" for name in package.RESOURCES),
    }
    assert all((folder / path).read_bytes() == data for path, data in stored.items() if not path.endswith(".zip"))
    assert validate(str(folder / package.DESCRIPTOR)).valid


def test_make_release_descriptor_declares_keys_licence_and_sources(demo):
    release = make_release().release
    descriptor = json.loads(file_bytes(release)[package.DESCRIPTOR])

    assert descriptor["version"] == "1.0.0"
    assert descriptor["created"] == package.moment(release.created_at)
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    assert descriptor["sources"]
    milestones = next(resource for resource in descriptor["resources"] if resource["name"] == "milestones")
    assert milestones["schema"]["primaryKey"] == "id"
    assert {"fields": "initiative_id", "reference": {"resource": "initiatives", "fields": "id"}} in milestones[
        "schema"
    ]["foreignKeys"]


def test_make_release_twice_on_the_same_data_makes_one_release(demo):
    first = make_release()
    again = make_release()

    assert first.is_new
    assert not again.is_new
    assert again.release == first.release
    assert "no new release" in again.message
    assert Release.objects.count() == 1


def test_two_releases_of_the_same_data_are_byte_identical(demo):
    first = make_release().release
    second = make_release(force=True).release  # the same data, released again on purpose

    first_files, second_files = file_bytes(first), file_bytes(second)

    assert second.number == first.number + 1
    assert second.content_hash == first.content_hash
    data_files = [f"{name}.csv" for name in package.RESOURCES]
    assert all(first_files[path] == second_files[path] for path in data_files)
    # The descriptors differ only in what names the release: its number and date.
    first_descriptor, second_descriptor = (
        json.loads(files[package.DESCRIPTOR]) for files in (first_files, second_files)
    )
    named = {"id", "title", "version", "created"}
    assert {key: value for key, value in first_descriptor.items() if key not in named} == {
        key: value for key, value in second_descriptor.items() if key not in named
    }
    # And the whole package, zip included, is rebuilt to the same bytes from the same data, number and date.
    rebuilt = package.package(package.read_tables(), number=first.number, created_at=first.created_at)
    assert {file.path: file.data for file in rebuilt} == first_files


def test_a_release_never_changes(demo):
    release = make_release().release
    file = release.files.first()

    with pytest.raises(IntegrityError), transaction.atomic():
        Release.objects.filter(pk=release.pk).update(content_hash="0" * 64)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReleaseFile.objects.filter(pk=file.pk).update(data=b"changed")
    release.made_by = "someone else"
    with pytest.raises(IntegrityError), transaction.atomic():
        release.save()

    assert Release.objects.get().made_by == ""
    assert bytes(ReleaseFile.objects.get(pk=file.pk).data) == bytes(file.data)


SECRETS = ("SECRET-DRAFT-INITIATIVE", "SECRET-PENDING-NAME", "SECRET-DRAFT-SOURCE", "SECRET-INGESTED-ARTICLE")


def test_drafts_never_appear_in_a_release(demo):
    draft = Initiative(slug="secret-draft", name=SECRETS[0], summary=SECRETS[0])
    save_record(record=draft, by=None)
    live = Initiative.objects.get(slug="ai-supercomputing-centre")
    live.name = SECRETS[1]
    save_record(record=live, by=None, data=take(live))  # an edit of a live record, waiting for review
    transition(record=live, action="submit", by=None)
    source = Citation(record=live, url="https://example.org/secret", source_title=SECRETS[2], slug="secret-source")
    save_record(record=source, by=None)
    Article.objects.create(title=SECRETS[3], text=SECRETS[3], text_sha256=text_sha256(SECRETS[3]))

    files = file_bytes(make_release().release)

    everything = b"".join(data for path, data in files.items() if not path.endswith(".zip"))
    assert not [secret for secret in SECRETS if secret.encode() in everything]
    assert b"AI Supercomputing Centre" in files["initiatives.csv"]  # the live version stays in while its edit waits


def test_a_release_counts_what_changed_since_the_previous_one(demo):
    make_release()
    initiative = Initiative(slug="new-fund", name="A new fund")
    save_record(record=initiative, by=None)
    CitationFactory(record=initiative, from_url=True)
    transition(record=initiative, action="submit", by=None)
    transition(record=initiative, action="publish", by=None)
    live = Initiative.objects.get(slug="ai-supercomputing-centre")
    transition(record=live, action="unpublish", by=None, comment="Withdrawn for a check.")

    second = make_release()

    assert second.is_new
    assert second.release.number == 2
    assert second.release.changes == {"citation": {"publish": 1}, "initiative": {"publish": 1, "unpublish": 1}}
    assert second.release.tables["initiatives"] == Release.objects.get(number=1).tables["initiatives"]
