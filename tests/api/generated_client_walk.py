"""Walk the API with a client that openapi-python-client generated from its served schema; print what it found.

Run by tests/api/test_generated_client.py with the python of the generator's own virtualenv (it has the httpx and
attrs that the generated code imports), never ours, and never imported by the suite:

    python generated_client_walk.py PACKAGE_DIR BASE_URL STAFF_KEY LOOPBACK_PAGE

It walks every list through `next` to its end (small pages, once plain and once with every expand field), every
record's detail plain and with every expand field, the change feed to its end (and each record it says was withdrawn
or merged away, at its address), and the ingest round trip. Each answer must parse into the type the schema
declares for its status: the model itself (not `None`, which the client returns for a status the schema does not
declare), every property of its declared type, no raw `dict` anywhere inside (what a generated model keeps when no
declared type parsed), no property the schema does not declare, and every expandable field as the whole record
where it was expanded and as a `CompactRef` where it was not. Prints one JSON object: the calls made per operation
and every failure.
"""

import functools
import importlib
import importlib.util
import json
import pkgutil
import sys
import types
import typing
from collections import Counter
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import attrs

PAGE_SIZE = 7  # small, so that every list of more than a handful of records pages
# Documentation address (TEST-NET-1): refused as not public from its literal alone, and no route leads there.
REFUSED_URL = "http://192.0.2.1/news"

calls: Counter = Counter()
failures: list[str] = []


def fail(where: str, message: str) -> None:
    failures.append(f"{where}: {message}")


def call(operation, where: str, status: int, declared: type, **kwargs):
    """Call one generated operation (its module); its answer must have `status` and parse into `declared`."""
    calls[operation.__name__.rsplit(".", 1)[-1]] += 1
    try:
        response = operation.sync_detailed(**kwargs)
    except Exception as error:  # a parse that raised: the answer is not of any declared type
        fail(where, f"the client raised {error!r}")
        return None
    if response.status_code != status:
        fail(where, f"status {response.status_code}, not {status}: {response.content[:300]!r}")
        return None
    if not isinstance(response.parsed, declared):
        fail(where, f"parsed as {type(response.parsed).__name__}, not {declared.__name__}")
        return None
    check_model(response.parsed, where)
    return response.parsed


def check_model(value, where: str) -> None:
    """Every property of the type its model declares; no raw dict (what a model keeps where no declared type parsed)
    and no undeclared property, at any depth.

    A model with declared properties carries no other; one with none is a map (`additionalProperties` alone, such as
    an error's details) and carries what it likes.
    """
    if attrs.has(type(value)):
        fields = attrs.fields(type(value))
        hints = declared_types(type(value))
        for field in fields:
            inner = getattr(value, field.name)
            if field.name == "additional_properties":
                if inner and len(fields) > 1:
                    fail(where, f"{type(value).__name__} carries undeclared properties {sorted(inner)}")
                continue
            if not conforms(inner, hints[field.name]):
                fail(f"{where}.{field.name}", f"{str(inner)[:120]!r} is not the declared {hints[field.name]}")
            check_model(inner, f"{where}.{field.name}")
    elif isinstance(value, dict):
        fail(where, f"a raw dict where the schema declares a model: {str(value)[:200]}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            check_model(item, f"{where}[{index}]")


@functools.cache
def declared_types(model: type) -> dict:
    """A generated model's annotations, resolved (they name other models, imported only for type checkers)."""
    models = sys.modules[model.__module__.rsplit(".", 1)[0]]
    return typing.get_type_hints(model, globalns={**vars(sys.modules[model.__module__]), **vars(models)})


def conforms(value, hint) -> bool:
    """Whether a parsed value is of the declared type (the generated code casts and passes through unchecked)."""
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        return any(conforms(value, option) for option in typing.get_args(hint))
    if typing.get_origin(hint) is list:
        (item,) = typing.get_args(hint)
        return isinstance(value, list) and all(conforms(element, item) for element in value)
    if hint is typing.Any:
        return True
    if hint is type(None):
        return value is None
    if hint in (int, float):  # a JSON number; never a boolean
        return isinstance(value, int | float if hint is float else int) and not isinstance(value, bool)
    return isinstance(value, hint)


def check_expansion(record, expandable: list[str], expanded: set[str], where: str) -> None:
    """Each expandable field: the whole record where it was expanded, a CompactRef where it was not."""
    for name in expandable:
        value = getattr(record, name)
        for item in value if isinstance(value, list) else [value]:
            if item is None or type(item).__name__ == "Unset":
                continue
            kind = type(item).__name__
            if name in expanded and (kind == "CompactRef" or not attrs.has(type(item))):
                fail(f"{where}.{name}", f"expanded, yet parsed as {kind}")
            if name not in expanded and kind != "CompactRef":
                fail(f"{where}.{name}", f"not expanded, yet parsed as {kind}")


def query_of(url: str) -> dict[str, list[str]]:
    """A URL's query, each parameter's values in order; comma-separated values (as `expand` takes) split."""
    query = parse_qs(urlsplit(url).query)
    return {name: [item for value in values for item in value.split(",")] for name, values in query.items()}


class Resource:
    """One resource's generated operations: its list, its detail, their declared types and expand fields."""

    def __init__(self, package: str, name: str):
        self.name = name
        self.list = importlib.import_module(f"{package}.api.{name}.{name}_list")
        self.detail = importlib.import_module(f"{package}.api.{name}.{name}_retrieve")
        self.page_type = self._declared(self.list)
        self.record_type = self._declared(self.detail)
        self.list_expand = self._expand_enum(self.list)
        self.detail_expand = self._expand_enum(self.detail)
        self.expandable = [item.value for item in self.detail_expand] if self.detail_expand else []

    @staticmethod
    def _declared(module) -> type:
        """The model the operation declares for a 200: its answer's type, less the error and redirect types."""
        declared = typing.get_args(typing.get_type_hints(module._parse_response)["return"])
        models = [model for model in declared if attrs.has(model) and model.__name__ not in ("Error", "Moved")]
        if len(models) != 1:
            raise SystemExit(f"{module.__name__}: no single model declared for a 200 among {declared}")
        return models[0]

    @staticmethod
    def _expand_enum(module):
        return next((value for key, value in vars(module).items() if key.endswith("ExpandItem")), None)

    def walk_list(self, client, expand: bool) -> list:
        """Every page, through `next`: the records seen."""
        kwargs = {"page_size": PAGE_SIZE}
        if expand and self.list_expand:
            kwargs["expand"] = list(self.list_expand)
        asked = {"page_size": [str(PAGE_SIZE)]}
        if "expand" in kwargs:
            asked["expand"] = [item.value for item in kwargs["expand"]]
        records: list = []
        for number in range(1, 1000):
            where = f"{self.name} list page {number}{' expanded' if 'expand' in kwargs else ''}"
            page = call(self.list, where, 200, self.page_type, client=client, **kwargs)
            if page is None:
                return records
            for index, record in enumerate(page.results):
                if not isinstance(record, self.record_type):
                    fail(f"{where} results[{index}]", f"parsed as {type(record).__name__}")
                    continue
                expanded = set(self.expandable) if "expand" in kwargs else set()
                check_expansion(record, self.expandable, expanded, f"{where} results[{index}]")
            records.extend(page.results)
            if not page.next_:
                return records
            following = query_of(page.next_)
            cursor = following.pop("cursor", [None])[0]
            if following != asked or not cursor or cursor == kwargs.get("cursor"):
                fail(where, f"next {page.next_} does not carry the query asked for ({asked}) and a new cursor")
                return records
            kwargs["cursor"] = cursor
        fail(self.name, "a list of more than 1,000 pages")
        return records

    def walk_details(self, client, records: list) -> None:
        for record in records:
            where = f"{self.name} {record.id}"
            plain = call(self.detail, where, 200, self.record_type, client=client, uuid=record.id)
            if plain is not None:
                check_expansion(plain, self.expandable, set(), where)
            if not self.detail_expand:
                continue
            where = f"{where} expanded"
            every = list(self.detail_expand)
            whole = call(self.detail, where, 200, self.record_type, client=client, uuid=record.id, expand=every)
            if whole is not None:
                check_expansion(whole, self.expandable, set(self.expandable), where)


def walk_changes(package: str, client, resources: dict[str, Resource]) -> tuple[int, int]:
    """The change feed, from its start through `next` until nothing more follows: the entries read. Then each record
    whose last entry withdrew it (410, an Error) or merged it into another (301, Moved to the survivor), read back at
    its address: how many."""
    changes = importlib.import_module(f"{package}.api.changes.changes_retrieve")
    models = importlib.import_module(f"{package}.models")
    kwargs: dict = {"page_size": 25}
    last, entries = {}, 0
    for number in range(1, 1000):
        page = call(changes, f"changes page {number}", 200, models.ChangePage, client=client, **kwargs)
        if page is None:
            break
        entries += len(page.results)
        last.update((entry.record.id, entry) for entry in page.results)
        since = query_of(page.next_).get("since", [None])[0]
        if not since:
            fail(f"changes page {number}", f"next {page.next_} carries no `since`")
            break
        kwargs["since"] = since
        if not page.has_more:
            break
    if not last:
        fail("changes", "the feed is empty")
    gone = {"merge": (301, models.Moved), "unpublish": (410, models.Error), "archive": (410, models.Error)}
    # A merge's survivor has an entry of its own (its new version), with no merged_into: it lives on.
    withdrawn = [
        (uuid, entry)
        for uuid, entry in last.items()
        if entry.action.value in gone and (entry.action.value != "merge" or entry.merged_into is not None)
    ]
    for uuid, entry in withdrawn:
        status, declared = gone[entry.action.value]
        resource = resources[urlsplit(entry.record.url).path.strip("/").split("/")[-2]]
        where = f"{resource.name} {uuid}, after {entry.action.value}"
        answer = call(resource.detail, where, status, declared, client=client, uuid=uuid)
        if status == 301 and answer is not None and answer.moved_to.id != entry.merged_into.id:
            fail(where, f"moved to {answer.moved_to.id}, not {entry.merged_into.id}")
    return entries, len(withdrawn)


def walk_ingest(package: str, client, page_url: str) -> str:
    """POST a page of the live server itself, follow its status URL (its status said); a literal private address
    is a 400."""
    ingest = importlib.import_module(f"{package}.api.ingest.ingest_create")
    status = importlib.import_module(f"{package}.api.ingestions.ingestions_retrieve")
    models = importlib.import_module(f"{package}.models")
    body = models.IngestRequestRequest(urls=[page_url])
    answer = call(ingest, "ingest", 202, models.IngestResponse, client=client, body=body)
    outcome = "not followed"
    if answer is not None:
        (submitted,) = answer.results
        followed = call(status, "ingestion status", 200, models.IngestionStatus, client=client, id=submitted.id)
        if followed is not None and (followed.id, followed.status_url) != (submitted.id, submitted.status_url):
            fail("ingestion status", f"answers for {followed.id}, not {submitted.id}")
        if followed is not None:
            outcome = followed.status.value
    refused = models.IngestRequestRequest(urls=[REFUSED_URL])
    call(ingest, "ingest of a private address", 400, models.Error, client=client, body=refused)
    return outcome


def main() -> None:
    package_dir, base_url, key, page_url = sys.argv[1:5]
    package_path = Path(package_dir).resolve()
    sys.path.insert(0, str(package_path.parent))
    package = package_path.name
    client_module = importlib.import_module(package)
    client = client_module.AuthenticatedClient(
        base_url=base_url, token=key, prefix="", auth_header_name="X-API-Key", raise_on_unexpected_status=True
    )
    api = importlib.import_module(f"{package}.api")
    names = sorted(
        info.name
        for info in pkgutil.iter_modules(api.__path__)
        if importlib.util.find_spec(f"{package}.api.{info.name}.{info.name}_list")
    )
    records = 0
    resources = {name: Resource(package, name) for name in names}
    with client:
        for name, resource in resources.items():
            seen = resource.walk_list(client, expand=False)
            if resource.list_expand:
                expanded = resource.walk_list(client, expand=True)
                if [record.id for record in expanded] != [record.id for record in seen]:
                    fail(f"{name} list expanded", "does not list the records the plain list does")
            if not seen:
                fail(f"{name} list", "is empty: nothing to parse")
            records += len(seen)
            resource.walk_details(client, seen)
        entries, withdrawn = walk_changes(package, client, resources)
        ingested = walk_ingest(package, client, page_url)
    print(
        json.dumps(
            {
                "resources": names,
                "records": records,
                "changes": entries,
                "withdrawn": withdrawn,
                "ingested": ingested,
                "calls": dict(sorted(calls.items())),
                "failures": failures,
            }
        )
    )


if __name__ == "__main__":
    main()
