"""A release's files, built from the public data alone: the same data gives the same bytes.

Rows are sorted by their UUID, columns and descriptor keys come in a fixed order, and the data files hold
no moment of their own making: only the descriptor carries the release's number and date. The content
hash covers the data files, so that two releases of the same data have the same hash.
"""

import datetime
import hashlib
import io
import json
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from editorial import tabular
from editorial.public import Context, Plan, plan_for, resources
from editorial.public.context import API_PREFIX
from editorial.public.writers import csv_cell
from releases.schemas import table_schema
from website.citing import SITE_NAME

# Referenced kinds before the kinds that point at them: a database loads them in this order.
RESOURCES = (
    "organizations",
    "posts",
    "people",
    "memberships",
    "themes",
    "initiatives",
    "milestones",
    "meetings",
    "participations",
    "statements",
    "articles",
    "citations",
)
BATCH_SIZE = 1_000
CSV = "text/csv; charset=utf-8"
JSON = "application/json"
ZIP = "application/zip"
DESCRIPTOR = "datapackage.json"
PACKAGE_NAME = "initiative-tracker"
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}


@dataclass(frozen=True)
class File:
    path: str
    media_type: str
    data: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class Tables:
    """The data files of a release, and what the descriptor says of each."""

    files: list[File]
    schemas: dict[str, dict[str, Any]]
    rows: dict[str, int]

    @property
    def content_hash(self) -> str:
        """SHA-256 over each data file's path, length and bytes, in the package's order."""
        digest = hashlib.sha256()
        for file in self.files:
            digest.update(f"{file.path}\0{len(file.data)}\0".encode())
            digest.update(file.data)
        return digest.hexdigest()


def _registered() -> None:
    # Articles and citations are declared by the API's resources (api/resources/articles.py) on import.
    import api.urls  # noqa: F401


def context() -> Context:
    """Links in a release point at the site's public address, whatever host asked for it."""
    return Context(api_base=settings.SITE_URL + API_PREFIX, site_base=settings.SITE_URL)


def _cell(value: Any) -> Any:
    """A cell as the house's CSV writes it; moments in ISO 8601 (Table Schema's datetime), in UTC."""
    if isinstance(value, datetime.datetime):
        return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")
    return csv_cell(value)


def _records(plan: Plan, ctx: Context) -> Iterator[list[dict]]:
    """Every public record of the plan's kind, sorted by UUID (stable on every database), a batch at a time."""
    keys = sorted(plan.resource.public_queryset().values_list("uuid", "pk"), key=lambda key: str(key[0]))
    pks = [pk for _uuid, pk in keys]
    for start in range(0, len(pks), BATCH_SIZE):
        batch = pks[start : start + BATCH_SIZE]
        rows = {row[0]: row for row in plan.queryset().filter(pk__in=batch)}
        yield plan.complete([rows[pk] for pk in batch if pk in rows], ctx)


def _csv(plan: Plan, ctx: Context) -> tuple[bytes, int]:
    """A resource's CSV (UTF-8, no byte-order mark: the descriptor names the encoding) and its row count."""
    lines, count = [tabular.row_line(plan.csv_header())], 0
    for chunk in _records(plan, ctx):
        count += len(chunk)
        lines.extend(tabular.row_line(_cell(cell) for cell in plan.csv_cells(record)) for record in chunk)
    return "".join(lines).encode(), count


def read_tables() -> Tables:
    """The public data as one CSV per resource, with its Table Schema."""
    _registered()
    ctx = context()
    files, schemas, rows = [], {}, {}
    for name in RESOURCES:
        resource = resources.get(name)
        plan = plan_for(resource.shape, resource)
        data, rows[name] = _csv(plan, ctx)
        files.append(File(f"{name}.csv", CSV, data))
        schemas[name] = table_schema(plan, {other: other for other in RESOURCES})
    return Tables(files=files, schemas=schemas, rows=rows)


def moment(at: datetime.datetime) -> str:
    """A release date as ISO 8601, in UTC, to the second."""
    return at.astimezone(datetime.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def release_url(number: int) -> str:
    return f"{settings.SITE_URL}/data/{number}/"


def descriptor(tables: Tables, *, number: int, created_at: datetime.datetime) -> dict[str, Any]:
    """The Data Package descriptor of release `number`."""
    described = []
    for file in tables.files:
        name = file.path.removesuffix(".csv")
        described.append(
            {
                "name": name,
                "path": file.path,
                "title": name.capitalize(),
                "description": f"Published {name}: {tables.rows[name]} rows.",
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "bytes": len(file.data),
                "hash": f"sha256:{file.sha256}",
                "schema": tables.schemas[name],
            }
        )
    return {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "id": release_url(number),
        "title": f"{SITE_NAME} data, release {number}",
        "description": (
            "Public-policy initiatives, the officials and bodies behind them, the meetings where they were "
            "announced, and the sources of every fact: only what a reviewer published."
        ),
        "version": f"{number}.0.0",
        "created": moment(created_at),
        "homepage": f"{settings.SITE_URL}/data/",
        "licenses": [LICENSE],
        "sources": [
            {"title": SITE_NAME, "path": f"{settings.SITE_URL}/"},
            {
                "title": "The news reports and official documents each fact cites: citations.csv and articles.csv",
                "path": f"{settings.SITE_URL}/api/v1/citations/",
            },
        ],
        "contributors": [{"title": SITE_NAME, "role": "publisher", "path": f"{settings.SITE_URL}/"}],
        "keywords": ["public policy", "government", "initiatives", "officials", "meetings"],
        "resources": described,
    }


def descriptor_bytes(described: dict[str, Any]) -> bytes:
    return (json.dumps(described, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def zip_name(number: int) -> str:
    return f"{PACKAGE_NAME}-{number}.zip"


def zipped(files: list[File], *, number: int, created_at: datetime.datetime) -> File:
    """The package as one zip, its entries in a fixed order and dated with the release: the same bytes every time."""
    stamp = created_at.astimezone(datetime.UTC).timetuple()[:6]
    buffer = io.BytesIO()
    folder = f"{PACKAGE_NAME}-{number}"
    with zipfile.ZipFile(buffer, "w") as archive:
        for file in files:
            entry = zipfile.ZipInfo(f"{folder}/{file.path}", date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, file.data, compresslevel=9)
    return File(zip_name(number), ZIP, buffer.getvalue())


def package(tables: Tables, *, number: int, created_at: datetime.datetime) -> list[File]:
    """Every file of release `number`: the descriptor, the CSVs, and the zip of them."""
    described = File(DESCRIPTOR, JSON, descriptor_bytes(descriptor(tables, number=number, created_at=created_at)))
    files = [described, *tables.files]
    return [*files, zipped(files, number=number, created_at=created_at)]
