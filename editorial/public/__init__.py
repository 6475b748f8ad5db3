"""The public shape of records and the lean path that writes it.

Each kind declares its shape once, as a serializer in its app's `public.py`, registered with its
`Resource` (editorial.public.resources). The serializer documents the output (the API's OpenAPI schema);
`Plan` compiles it into columns and readers once, so that the API's JSON, CSV and NDJSON and the
website's JSON and CSV all come from the same declaration: rows read with `values_list()`, related rows in
a fixed number of queries, dicts out, no serializer or model instance per row.
"""

from editorial.public.context import Context
from editorial.public.plan import Plan, plan_for

__all__ = ["Context", "Plan", "plan_for"]
