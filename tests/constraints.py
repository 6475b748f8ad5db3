"""Asserting that the database itself keeps an invariant."""

import pytest
from django.db import IntegrityError, transaction


def assert_refused_by_database(create, check: str | None = None):
    """The database, not a form, refuses the row; the savepoint lets the test go on.

    Both SQLite and PostgreSQL name a failed CHECK constraint in the error; `check` asserts which one.
    """
    with pytest.raises(IntegrityError, match=check), transaction.atomic():
        create()
