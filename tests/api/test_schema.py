"""The OpenAPI schema: generated without warnings, every field described, and the real responses conform to it."""

import json

import jsonschema
import pytest
from drf_spectacular.generators import SchemaGenerator

from editorial.public import plan_for, resources
from editorial.workflow import transition
from people.models import Membership

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def openapi(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():  # content types, read while describing querysets
        return SchemaGenerator().get_schema(request=None, public=True)


def validator(openapi, component: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**openapi, "$ref": f"#/components/schemas/{component}"})


def test_every_output_field_is_described(openapi):
    undescribed = [
        f"{name}.{field}"
        for name, component in openapi["components"]["schemas"].items()
        if not name.endswith("Request")
        for field, schema in component.get("properties", {}).items()
        if "description" not in schema and not (name.startswith("Paginated") and field == "results")
    ]
    assert undescribed == []


def test_schema_and_docs_are_served(api_client):
    assert api_client.get("/api/v1/schema/").status_code == 200
    docs = api_client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "/static/drf_spectacular_sidecar/" in docs.content.decode()  # served here, no outside network


@pytest.mark.parametrize("name", sorted(resource.name for resource in resources.all_resources()))
def test_responses_conform_to_the_schema(api_client, demo, openapi, name):
    resource = resources.get(name)
    expand = ",".join(plan_for(resource.viewset.serializer_class, resource).expandable)
    page = api_client.get(f"/api/v1/{name}/", {"expand": expand}).json()
    component = resource.viewset.serializer_class.__name__.removesuffix("Serializer")
    errors = list(validator(openapi, f"Paginated{component}List").iter_errors(page))
    assert errors == [], errors[:3]
    assert page["results"], "the demo data has records of every kind"
    detail_class = resource.viewset.detail_serializer_class or resource.viewset.serializer_class
    detail = api_client.get(page["results"][0]["url"]).json()
    assert list(validator(openapi, detail_class.__name__.removesuffix("Serializer")).iter_errors(detail)) == []


def test_change_feed_and_errors_conform(api_client, demo, openapi):
    assert list(validator(openapi, "ChangePage").iter_errors(api_client.get("/api/v1/changes/").json())) == []
    error = api_client.get("/api/v1/initiatives/?cursor=bad").json()
    assert list(validator(openapi, "Error").iter_errors(error)) == []


def test_a_reference_to_an_unpublished_record_is_null_and_the_schema_says_so(api_client, demo, openapi):
    membership = Membership.objects.published().select_related("post").first()
    transition(record=membership.post, action="unpublish", by=None, comment="Not this post.")
    page = api_client.get("/api/v1/memberships/").json()
    assert any(row["post"] is None for row in page["results"])
    assert list(validator(openapi, "PaginatedMembershipList").iter_errors(page)) == []


def test_search_is_documented_as_full_text_where_lists_offer_it(openapi):
    def parameters(path: str) -> dict:
        return {parameter["name"]: parameter for parameter in openapi["paths"][path]["get"]["parameters"]}

    assert parameters("/api/v1/initiatives/")["search"]["description"].startswith("Full-text search")
    assert "search" not in parameters("/api/v1/participations/")  # links between records: no words of their own


def test_each_write_links_to_the_writes_it_makes_possible(openapi):
    """OpenAPI links, for clients and for schemathesis's stateful phase: create, then edit and move the draft."""
    operations = {
        operation["operationId"]: (path, operation)
        for path, methods in openapi["paths"].items()
        for operation in methods.values()
    }
    created = operations["initiatives_create"][1]["responses"]["201"]["links"]
    assert set(created) == {"initiatives_partial_update", "initiatives_transitions_create"}
    linked = 0
    for _path, operation in operations.values():
        for response in operation["responses"].values():
            for link in response.get("links", {}).values():
                target_path, _ = operations[link["operationId"]]
                assert all(f"{{{name}}}" in target_path for name in link["parameters"]), link
                linked += 1
    writable = [resource for resource in resources.all_resources() if f"{resource.name}_create" in operations]
    assert linked == 5 * len(writable)  # create: 2, edit: 1, transition: 2


def test_an_expanded_record_never_reads_as_a_reference(api_client, demo, openapi):
    """A generated client picks the first type of an anyOf that parses: the record first, and a closed reference."""
    themes = openapi["components"]["schemas"]["Initiative"]["properties"]["themes"]["items"]["anyOf"]
    assert [option["$ref"].rsplit("/", 1)[1] for option in themes] == ["Theme", "CompactRef"]
    expanded = api_client.get("/api/v1/initiatives/?expand=themes").json()["results"][0]["themes"][0]
    compact = api_client.get("/api/v1/initiatives/").json()["results"][0]["themes"][0]
    assert not validator(openapi, "CompactRef").is_valid(expanded)
    assert validator(openapi, "Theme").is_valid(expanded)
    assert validator(openapi, "CompactRef").is_valid(compact)
    assert not validator(openapi, "Theme").is_valid(compact)


def test_csv_and_ndjson_are_declared_as_what_they_are_on_the_lists_only(api_client, demo, openapi):
    lists = detail = 0
    for path, methods in openapi["paths"].items():
        for operation in methods.values():
            bulk = operation["operationId"].endswith("_list") or operation["operationId"] == "changes_retrieve"
            formats = [p for p in operation.get("parameters", []) if p["name"] == "format" and p["in"] == "query"]
            for code, response in operation["responses"].items():
                content = response.get("content", {})
                if bulk and code == "200":
                    assert content["text/csv"]["schema"]["type"] == "string", path
                    assert content["application/x-ndjson"]["schema"]["type"] == "string", path
                    assert "$ref" in content["application/json"]["schema"], path
                else:
                    assert set(content) <= {"application/json"}, (path, code)
            assert bool(formats) == bulk, path
            lists, detail = lists + bulk, detail + (not bulk)
    assert lists == 13
    assert detail > lists
    # What they serve is what they declare: not JSON, but CSV and NDJSON.
    csv_body = b"".join(api_client.get("/api/v1/themes/?format=csv").streaming_content).decode("utf-8-sig")
    assert csv_body.splitlines()[0].startswith("id,")
    ndjson = b"".join(api_client.get("/api/v1/themes/?format=ndjson").streaming_content).decode().splitlines()
    assert all(json.loads(line)["id"] for line in ndjson)
