"""Renderers: JSON through orjson (the list path's rows are plain dicts), CSV and NDJSON for bulk dumps."""

from rest_framework.renderers import BaseRenderer

from editorial import tabular
from editorial.public.writers import csv_cell, dumps


class OrjsonRenderer(BaseRenderer):
    media_type = "application/json"
    format = "json"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"" if data is None else dumps(data)


def _records(data) -> list:
    if isinstance(data, dict) and isinstance(data.get("results"), list):
        return data["results"]
    return data if isinstance(data, list) else [data]


class NDJSONRenderer(BaseRenderer):
    """One JSON record per line. Lists are streamed by the views; this renders anything else they answer."""

    media_type = "application/x-ndjson"
    format = "ndjson"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return b"".join(dumps(record) + b"\n" for record in _records(data))


class CSVRenderer(BaseRenderer):
    """Comma-separated values, one record per row; nested values as JSON text in their cell."""

    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        records = [record for record in _records(data) if isinstance(record, dict)]
        header = list(dict.fromkeys(key for record in records for key in record))
        lines = [
            tabular.header_line(header),
            *(tabular.row_line(csv_cell(record.get(key)) for key in header) for record in records),
        ]
        return "".join(lines).encode("utf-8")


BULK_FORMATS = {"csv", "ndjson"}
