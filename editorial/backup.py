"""A whole database as one file, and back: every record, revision, change, citation, user and key hash.

Django's `dumpdata` and `loaddata` do the work, with what they cannot know added here. Tables that hold
only derived rows (the facet counts) are left out of the file: the database's triggers would count every
row loaded a second time. On load those triggers are off, and every derivative is rebuilt once from the
loaded rows and then checked against a rebuild, so the copy answers exactly as the original did.
Content types and permissions are written by their natural keys: a fresh database numbers them anew.
"""

import datetime
from pathlib import Path

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core import serializers
from django.core.management import call_command
from django.core.serializers import jsonl
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction

from editorial.derived import check, derivatives, paused
from editorial.derived.counts import KeyCounts
from editorial.models import CuratedRecord

# Made again by `migrate` (content types, permissions) or of no use in another database (sessions).
NOT_KEPT = ("contenttypes", "auth.permission", "sessions")


class NotEmpty(Exception):
    """The database already holds records or users: loading into it would mix two datasets."""


def derived_only() -> list[type[models.Model]]:
    """Models whose every row is derived from others' (rebuilt on load, never written to the file)."""
    return sorted({derived.bound for derived in derivatives() if isinstance(derived, KeyCounts)}, key=str)


class ExactEncoder(DjangoJSONEncoder):
    """Times to the microsecond: Django's encoder keeps milliseconds, and a copy must order rows as the original."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


class ExactSerializer(jsonl.Serializer):
    """JSON lines as Django writes them, times whole (read back by Django's own jsonl deserializer)."""

    def _init_options(self):
        super()._init_options()  # type: ignore[misc]  # private in the stubs, public in Django
        self.json_kwargs["cls"] = ExactEncoder


def export(path: Path) -> None:
    """Write the database to `path` (JSON lines; name it .jsonl for loaddata to know it)."""
    excluded = [*NOT_KEPT, *(model._meta.label for model in derived_only())]
    serializers.register_serializer("exact-jsonl", __name__)
    call_command(
        "dumpdata",
        format="exact-jsonl",
        output=str(path),
        exclude=excluded,
        natural_foreign=True,  # content types, permissions and users by their natural keys
        use_base_manager=True,  # every row, whatever a model's default manager leaves out
        verbosity=0,
    )


def is_empty() -> bool:
    curated = [model for model in apps.get_models() if issubclass(model, CuratedRecord)]
    return not get_user_model().objects.exists() and not any(model.objects.exists() for model in curated)


def load(path: Path, *, replace: bool = False) -> dict[str, int]:
    """Load an export into this database (emptied first), rebuild the derived rows; {derivative: rows that differ}.

    Refuses (NotEmpty) a database that holds records or users unless `replace`: what it holds is lost.
    """
    if not replace and not is_empty():
        raise NotEmpty("The database already holds records or users.")
    # What `migrate` seeded (roles, the beat schedule) is in the file too, under the same keys: emptied first.
    call_command("flush", interactive=False, verbosity=0)
    triggered = {derived.bound for derived in derivatives()}
    with transaction.atomic(), paused(*triggered):
        call_command("loaddata", str(path), verbosity=0)
    stale = {derived.name: check(derived) for derived in derivatives() if derived.rebuild(connection.vendor)}
    return {name: differ for name, differ in stale.items() if differ}


# What serializers.register_serializer looks for in this module.
Serializer = ExactSerializer
Deserializer = jsonl.Deserializer
