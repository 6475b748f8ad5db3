"""CSV the way every export writes it, the website's and the API's alike: one cell rule, one line writer.

A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula: such a
cell is quoted with a leading apostrophe (CSV injection). A download starts with a byte-order mark, so
that spreadsheet programs read its UTF-8 as UTF-8.
"""

import csv
from collections.abc import Iterable

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class _Echo:
    """A file-like object whose write() hands the line back, for csv.writer to stream through."""

    def write(self, value: str) -> str:
        return value


_writer = csv.writer(_Echo())


def cell(value: object) -> str:
    """One value as the text of its cell: None is empty, a would-be formula is quoted."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def row_line(values: Iterable[object]) -> str:
    """One row of values as a CSV line, each cell through `cell`."""
    return _writer.writerow([cell(value) for value in values])


def header_line(names: Iterable[str]) -> str:
    """The first line of a download: the byte-order mark and the column names."""
    return BOM + row_line(names)
