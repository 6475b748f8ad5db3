"""A history made with the real workflow at chosen moments: what `?published_at=` answers are checked against."""

import datetime
from dataclasses import dataclass

import pytest
from django.utils import timezone

from editorial.merge import merge_records
from editorial.workflow import save_record, transition
from initiatives.models import Theme

START = datetime.datetime(2025, 1, 1, 12, tzinfo=datetime.UTC)


def day(number: int) -> datetime.datetime:
    """Noon on day `number` of the history (day 1 is its start)."""
    return START + datetime.timedelta(days=number - 1)


class Clock:
    """timezone.now() as the test sets it: every workflow step is stamped at the moment chosen."""

    def __init__(self):
        self.now = START

    def __call__(self) -> datetime.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch) -> Clock:
    clock = Clock()
    monkeypatch.setattr(timezone, "now", clock)
    return clock


def publish(record):
    save_record(record=record, by=None)
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)
    return record


def approve(record, **fields):
    """An edit of a live record, submitted and approved: its next published version."""
    save_record(record=record, by=None, changes={"fields": fields})
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)


@dataclass
class History:
    edited: Theme  # v1 on day 1, v2 on day 3, v3 on day 5; an edit waiting since day 6
    withdrawn: Theme  # published on day 1, unpublished on day 4
    merged: Theme  # published on day 2, merged into `edited` on day 4 (deleted)
    merged_uuid: object
    draft: Theme  # never published


def make_history(clock: Clock) -> History:
    clock.now = day(1)
    edited = publish(Theme(slug="energy", name="Energy v1"))
    withdrawn = publish(Theme(slug="water", name="Water"))
    draft = Theme(slug="secret", name="Secret draft")
    save_record(record=draft, by=None)
    clock.now = day(2)
    merged = publish(Theme(slug="power", name="Power"))
    merged_uuid = merged.uuid
    clock.now = day(3)
    approve(edited, name="Energy v2")
    clock.now = day(4)
    transition(record=withdrawn, action="unpublish", by=None, comment="Not a theme of ours.")
    merge_records(duplicate=merged, survivor=edited, by=None)
    clock.now = day(5)
    approve(edited, name="Energy v3")
    clock.now = day(6)
    save_record(record=edited, by=None, changes={"fields": {"name": "Energy pending"}})
    transition(record=edited, action="submit", by=None)
    clock.now = day(7)
    return History(edited=edited, withdrawn=withdrawn, merged=merged, merged_uuid=merged_uuid, draft=draft)


def publish_cited(record, slug: str):
    """Publish a record that needs a source, with a URL citation (published with it)."""
    from sources.models import Citation

    save_record(record=record, by=None)
    source = Citation(record=record, url=f"https://example.org/{slug}", source_title=f"Source of {slug}", slug=slug)
    save_record(record=source, by=None)
    transition(record=record, action="submit", by=None)
    transition(record=record, action="publish", by=None)
    return record
