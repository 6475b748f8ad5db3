"""The lean read path: rows read with `values_list()`, related rows in a fixed number of queries, dicts out.

Serializers stay the one description of every resource (and of its OpenAPI schema); `Plan`
compiles a serializer into columns and readers once, so that listing a page never builds a
serializer or a model instance per row.
"""

from api.lean.context import Context
from api.lean.plan import Plan, plan_for

__all__ = ["Context", "Plan", "plan_for"]
