"""How a public shape is written out: JSON through orjson, NDJSON, and CSV cells (the API's and the website's).

One writer per format, so that a record reads the same wherever it is downloaded: CSV with a byte-order
mark and the formula guard (editorial.tabular), nested values as JSON text in their cell.
"""

from collections.abc import Iterable, Iterator

import orjson

from editorial import tabular
from editorial.public.plan import Plan

JSON_OPTIONS = orjson.OPT_UTC_Z | orjson.OPT_NON_STR_KEYS


def _default(value):
    # Decimals keep their digits as strings; lazy translations and DRF's ErrorDetail read as text.
    return str(value)


def dumps(data) -> bytes:
    return orjson.dumps(data, default=_default, option=JSON_OPTIONS)


def csv_cell(value):
    """Nested values as JSON text in their cell; the rest as they are (`editorial.tabular` writes the cell)."""
    if isinstance(value, dict | list):
        return dumps(value).decode()
    return "" if value is None else value


def ndjson_lines(chunks: Iterable[list[dict]]) -> Iterator[bytes]:
    for chunk in chunks:
        yield b"".join(dumps(record) + b"\n" for record in chunk)


def csv_lines(chunks: Iterable[list[dict]], plan: Plan) -> Iterator[str]:
    """The header, then each chunk's records as rows (the plan flattens each field into its cells)."""
    yield tabular.header_line(plan.csv_header())
    for chunk in chunks:
        yield "".join(tabular.row_line(csv_cell(cell) for cell in plan.csv_cells(record)) for record in chunk)
