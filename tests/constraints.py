"""Asserting that the database itself keeps an invariant."""

import pytest
from django.db import IntegrityError, transaction

from editorial.models import writes_through


def assert_refused_by_database(create, check: str | None = None):
    """The database, not a form, refuses the row; the savepoint lets the test go on.

    Both SQLite and PostgreSQL name a failed CHECK constraint in the error; `check` asserts which one. The row is
    written as it stands, past the workflow's full_clean(): what the test asks is whether the database holds.
    """
    with pytest.raises(IntegrityError, match=check), transaction.atomic(), writes_through("a test of the schema"):
        create()
