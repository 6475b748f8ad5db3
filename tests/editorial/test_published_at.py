"""The dataset on a date: which version of each record was public at a moment."""

import pytest

from editorial.public.published_at import get_record_at, list_records_at, parse_moment, records_at, version_at
from initiatives.models import Theme
from tests.published_history import History, clock, day, make_history  # noqa: F401 (clock is a fixture)

pytestmark = pytest.mark.django_db


@pytest.fixture
def history(clock) -> History:  # noqa: F811
    return make_history(clock)


def names_at(number: int) -> list[str]:
    return [change.revision.data["fields"]["name"] for change in records_at(Theme, day(number))]


def test_records_at_each_moment(history):
    assert names_at(1) == ["Energy v1", "Water"]
    assert names_at(3) == ["Energy v2", "Water", "Power"]
    assert names_at(4) == ["Energy v2"]
    assert names_at(7) == ["Energy v3"]


def test_version_at_and_get_record_at(history):
    assert [version_at(history.edited, day(number)) for number in (1, 3, 4, 5)] == [1, 2, 3, 4]
    merged = get_record_at(Theme, day(3), uuid=history.merged_uuid)
    assert merged is not None
    assert (merged.data["fields"]["slug"], merged.published_at) == ("power", day(2))
    assert get_record_at(Theme, day(4), uuid=history.merged_uuid) is None
    assert list_records_at(Theme, day(7), [history.draft.pk, history.withdrawn.pk]) == {}


def test_parse_moment_reads_iso_8601_in_utc():
    assert parse_moment("2025-01-03T20:00:00+08:00") == day(3)
    assert parse_moment("2025-01-03T12:00:00") == day(3)
    with pytest.raises(ValueError, match="ISO 8601"):
        parse_moment("2025-01-03 noon")
