"""The one door curated records are written through: a save or a delete anywhere else raises.

`editorial.workflow` (and merge, which it shares its bookkeeping with) opens the door with
`writes_through(reason)` around each step it records; everything else goes through those steps.
A context variable, not a flag on the record: the door is open for the code inside the block,
in this thread or task only, and each block leaves it as it found it (a nested step does not
close its caller's). The reason is for whoever reads the code or a debugger: nothing checks it.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models

_reason: ContextVar[str | None] = ContextVar("curated_write_reason", default=None)


class UnrecordedWrite(Exception):
    """A bulk write would change curated records without leaving a revision or a change entry."""


class WriteOutsideWorkflow(UnrecordedWrite):
    """A save or delete of a curated record outside editorial.workflow: no revision or change entry would say so."""


@contextmanager
def writes_through(reason: str) -> Iterator[None]:
    """Let the code inside save and delete curated records; `reason` names the path that records them."""
    token = _reason.set(reason)
    try:
        yield
    finally:
        _reason.reset(token)


def refuse_a_cascade_outside_workflow(sender: type[models.Model], **kwargs) -> None:
    """pre_delete receiver: a curated record going with another row (a cascade) is a deletion like any other."""
    refuse_outside_workflow(sender, "delete() (with a row it belongs to)")


def refuse_outside_workflow(model: type[models.Model], verb: str) -> None:
    """Raise WriteOutsideWorkflow unless a `writes_through` block is open."""
    if _reason.get() is None:
        raise WriteOutsideWorkflow(
            f"{model.__name__}.{verb} outside editorial.workflow would leave no revision and no change entry: "
            "use save_record(), transition(), delete_draft() or merge_records()."
        )
