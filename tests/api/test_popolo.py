"""The Popolo export (/api/v1/popolo.json) against JSON Schemas written here from the Popolo specification.

The schemas (tests/api/popolo_schemas/, with where each rule comes from) are checked with `jsonschema`,
record by record, over the demo data and generated records whose names carry `&`, quotes, `<`,
accents and Chinese, with dates at every precision, beside drafts that must not appear.
"""

import datetime
import json
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from jsonschema import Draft202012Validator, FormatChecker
from referencing import Registry, Resource

from editorial.models import ExternalIdentifier
from meetings.models import MeetingAlias
from people.models import PersonAlias, PostAlias
from tests.api.records import live
from tests.factories import (
    ArticleFactory,
    CitationFactory,
    MeetingFactory,
    MembershipFactory,
    OrganizationFactory,
    ParticipationFactory,
    PersonFactory,
    PostFactory,
)

pytestmark = pytest.mark.django_db

SCHEMAS = Path(__file__).parent / "popolo_schemas"
BASE = "https://schemas.initiative-tracker.invalid/popolo/"
CLASSES = {
    "persons": "person",
    "organizations": "organization",
    "posts": "post",
    "memberships": "membership",
    "events": "event",
}
TRICKY = ['Tom & Jerry\'s "Office"', "<script>alert(1)</script> Cañón", "陳茂波 Paul Chan Mo-po", "Zoë Ørsted-Ñúñez"]

format_checker = FormatChecker()


@format_checker.checks("uri")
def is_uri(value) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


@format_checker.checks("date-time", raises=ValueError)
def is_date_time(value) -> bool:
    return datetime.datetime.fromisoformat(value).tzinfo is not None


def validator(name: str) -> Draft202012Validator:
    resources = [
        (BASE + path.name, Resource.from_contents(json.loads(path.read_text()))) for path in SCHEMAS.glob("*.json")
    ]
    registry = Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text())
    return Draft202012Validator(schema, registry=registry, format_checker=format_checker)


def identify(record, scheme: str, value: str, url: str = "") -> None:
    ExternalIdentifier.objects.create(
        content_type=ContentType.objects.get_for_model(record), object_id=record.pk, scheme=scheme, value=value, url=url
    )


def generated() -> dict:
    """Published people, organizations, posts, memberships and meetings with awkward names and partial dates,
    beside a draft person, a draft membership, a draft organization's post and their dependants."""
    article = ArticleFactory(title="Budget & <policy> “speech”", url="https://news.example.org/budget?a=1&b=2")
    government = live(OrganizationFactory, name="Gouvernement de l'Île & <Région> 政府", founded_date=None)
    bureau = live(
        OrganizationFactory,
        name='Bureau "Finance" & Économie',
        parent=government,
        founded_date=datetime.date(1997, 7, 1),
        founded_date_precision="month",
        website="https://www.example.org/bureau",
    )
    hidden = OrganizationFactory(name="Draft organization")
    orphan = live(OrganizationFactory, name="Child of a draft", parent=hidden)
    live(CitationFactory, record=bureau, article=article)
    live(CitationFactory, record=bureau, from_url=True, source_title="Official page")
    identify(bureau, "wikidata", "Q1234567", "https://www.wikidata.org/wiki/Q1234567")
    people = []
    for n, name in enumerate(TRICKY):
        row = live(PersonFactory, full_name=name, original_script_name="陳茂波" if n == 2 else "", bio=f"Bio of {name}")
        PersonAlias.objects.create(record=row, name=f"{name} (alias)", kind="short", language="en")
        live(CitationFactory, record=row, article=article)
        people.append(row)
    identify(people[0], "wikidata", "Q42")
    dates = [
        {"start_date": datetime.date(2019, 1, 1), "start_date_precision": "year"},
        {
            "start_date": datetime.date(2020, 3, 1),
            "start_date_precision": "month",
            "end_date": datetime.date(2021, 3, 31),
            "end_date_precision": "month",
        },
        {"start_date": datetime.date(2022, 7, 1), "start_date_precision": "day"},
        {"start_date": None, "end_date": datetime.date(2023, 12, 31), "end_date_precision": "year"},
    ]
    memberships = []
    for n, (row, span) in enumerate(zip(people, dates, strict=True)):
        held = live(PostFactory, title=f"Secretary for <Finance> & “Treasury” {n}", organization=bureau)
        PostAlias.objects.create(record=held, name=f"FS {n}")
        membership = live(MembershipFactory, person=row, post=held, **span)
        live(CitationFactory, record=membership, article=article)
        memberships.append(membership)
    draft_person = PersonFactory(full_name="Draft Person Nobody Sees")
    unpublished_post = live(PostFactory, title="Post of a draft organization", organization=hidden)
    left_out = [
        live(MembershipFactory, person=draft_person, post=live(PostFactory, organization=bureau)),
        MembershipFactory(person=people[0], post=live(PostFactory, organization=bureau)),  # a draft membership
        live(MembershipFactory, person=people[1], post=unpublished_post),
    ]
    summit = live(
        MeetingFactory,
        name="Summit & <Leaders> 峰會",
        start_date=datetime.date(2025, 1, 1),
        start_date_precision="year",
    )
    session = live(MeetingFactory, name="Session “joint”", organizer=bureau, venue="Hall <A>", locality="Incheon")
    session.parents.add(summit)
    MeetingAlias.objects.create(record=session, name="Joint session")
    live(ParticipationFactory, person=people[2], meeting=session)
    live(ParticipationFactory, person=draft_person, meeting=session)
    live(CitationFactory, record=session, article=article)
    return {
        "people": people,
        "bureau": bureau,
        "orphan": orphan,
        "memberships": memberships,
        "drafts": [draft_person, hidden, unpublished_post, *left_out],
        "session": session,
        "article": article,
    }


def export(client) -> dict:
    response = client.get("/api/v1/popolo.json")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "application/json"
    return response.json()


def by_id(document: dict, collection: str) -> dict[str, dict]:
    return {item["id"]: item for item in document[collection]}


def test_popolo_maps_each_class_to_popolo_names_dates_and_sources(api_client):
    made = generated()
    document = export(api_client)
    paul = by_id(document, "persons")[str(made["people"][2].uuid)]
    assert paul["name"] == "陳茂波 Paul Chan Mo-po"
    assert {"name": "陳茂波", "note": "Name in original script"} in paul["other_names"]
    assert paul["biography"] == "Bio of 陳茂波 Paul Chan Mo-po"
    assert not {"full_name", "aliases", "bio", "citations"} & set(paul)
    assert paul["sources"] == [
        {
            "url": "https://news.example.org/budget?a=1&b=2",
            "note": "Budget & <policy> “speech” “The Financial Secretary announced a fund of HK$10 billion.”",
        }
    ]
    assert by_id(document, "persons")[str(made["people"][0].uuid)]["identifiers"] == [
        {"identifier": "Q42", "scheme": "wikidata"}
    ]
    bureau = by_id(document, "organizations")[str(made["bureau"].uuid)]
    assert bureau["parent_id"] == str(made["bureau"].parent.uuid)
    assert bureau["founding_date"] == "1997-07"
    assert {"url": "https://www.wikidata.org/wiki/Q1234567", "note": "wikidata"} in bureau["links"]
    assert sorted(source["url"].split("/")[2] for source in bureau["sources"]) == ["example.org", "news.example.org"]
    assert "parent_id" not in by_id(document, "organizations")[str(made["orphan"].uuid)]  # its parent is a draft
    memberships = by_id(document, "memberships")
    spans = [
        {key: memberships[str(row.uuid)].get(key) for key in ("start_date", "end_date")} for row in made["memberships"]
    ]
    assert spans == [
        {"start_date": "2019", "end_date": None},
        {"start_date": "2020-03", "end_date": "2021-03"},
        {"start_date": "2022-07-01", "end_date": None},
        {"start_date": None, "end_date": "2023"},
    ]
    first = memberships[str(made["memberships"][0].uuid)]
    assert first["organization_id"] == str(made["bureau"].uuid)
    assert first["role"] == "Secretary for <Finance> & “Treasury” 0"
    assert first["post_id"] == str(made["memberships"][0].post.uuid)
    session = by_id(document, "events")[str(made["session"].uuid)]
    assert session["attendees"] == [{"id": str(made["people"][2].uuid), "name": "陳茂波 Paul Chan Mo-po"}]
    assert session["location"] == "Hall <A>, Incheon"
    assert session["organization_id"] == str(made["bureau"].uuid)
    assert session["parent_id"] == str(made["session"].parents.get().uuid)
    assert by_id(document, "events")[session["parent_id"]]["start_date"] == "2025"


def test_popolo_export_leaves_every_draft_and_what_points_at_it_out(api_client):
    made = generated()
    body = api_client.get("/api/v1/popolo.json").content.decode()
    assert str(made["people"][0].uuid) in body
    for draft in made["drafts"]:
        assert str(draft.uuid) not in body, draft
    assert "Draft Person Nobody Sees" not in body
    assert "Post of a draft organization" not in body


def test_popolo_ids_name_objects_in_the_document(api_client, demo):
    generated()
    document = export(api_client)
    ids = {collection: set(by_id(document, collection)) for collection in CLASSES}
    references = {
        "organizations": {"parent_id": "organizations"},
        "posts": {"organization_id": "organizations"},
        "memberships": {"person_id": "persons", "organization_id": "organizations", "post_id": "posts"},
        "events": {"organization_id": "organizations", "parent_id": "events"},
    }
    dangling = [
        (collection, item["id"], key, item[key])
        for collection, keys in references.items()
        for item in document[collection]
        for key, target in keys.items()
        if key in item and item[key] not in ids[target]
    ]
    dangling += [
        ("events", item["id"], "attendees", attendee["id"])
        for item in document["events"]
        for attendee in item.get("attendees", [])
        if attendee["id"] not in ids["persons"]
    ]
    assert dangling == []
    posts = by_id(document, "posts")
    assert all(item["organization_id"] == posts[item["post_id"]]["organization_id"] for item in document["memberships"])
    assert sum(len(found) for found in ids.values()) == sum(len(document[name]) for name in CLASSES)  # ids unique


def test_popolo_export_of_the_demo_and_generated_records_validates_against_popolo_schemas(api_client, demo):
    generated()
    document = export(api_client)
    validator("export").validate(document)
    errors = []
    for collection, name in CLASSES.items():
        assert document[collection], collection  # every class has records to check
        check = validator(name)
        errors += [
            f"{collection} {item.get('id')}: {error.json_path}: {error.message}"
            for item in document[collection]
            for error in check.iter_errors(item)
        ]
    assert errors == []


def test_popolo_schemas_refuse_the_api_s_own_shape_and_accept_the_export_s(api_client):
    """What the issue found (`full_name`, `parent` null, dates as objects, a membership without its organization)
    fails these schemas, record for record, where the export of the same records passes."""
    made = generated()
    document = export(api_client)
    for collection, resource, row in [
        ("persons", "people", made["people"][0]),
        ("organizations", "organizations", made["orphan"]),
        ("memberships", "memberships", made["memberships"][1]),
    ]:
        check = validator(CLASSES[collection])
        assert not check.is_valid(api_client.get(f"/api/v1/{resource}/{row.uuid}/").json())
        assert check.is_valid(by_id(document, collection)[str(row.uuid)])


def test_popolo_export_costs_the_same_queries_for_one_person_or_fifty(api_client):
    organization = live(OrganizationFactory)

    def add_person():
        person = live(PersonFactory)
        PersonAlias.objects.create(record=person, name=f"alias of {person.slug}")
        membership = live(MembershipFactory, person=person, post=live(PostFactory, organization=organization))
        live(CitationFactory, record=person)
        live(CitationFactory, record=membership)
        live(ParticipationFactory, person=person, meeting=live(MeetingFactory))

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            export(api_client)
        return len(queries)

    add_person()
    export(api_client)  # content types and the like are cached after a first request
    one = count()
    for _ in range(49):
        add_person()
    assert len(export(api_client)["persons"]) == 50
    assert count() == one


def test_popolo_export_is_listed_at_the_root_and_in_the_schema(api_client):
    root = api_client.get("/api/v1/", HTTP_ACCEPT="application/json").json()
    assert root["popolo"] == "http://testserver/api/v1/popolo.json"
    schema = api_client.get("/api/v1/schema/?format=json").json()
    operation = schema["paths"]["/api/v1/popolo.json"]["get"]
    assert operation["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Popolo"
    }
    assert "persons" in schema["components"]["schemas"]["Popolo"]["required"]
