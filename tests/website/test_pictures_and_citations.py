import datetime

from editorial.dates import PartialDate
from website.citing import Reference
from website.timeline import Event, render_timeline


def test_timeline_draws_days_as_dots_and_years_as_bars_escaping_labels():
    svg = render_timeline(
        events=[
            Event(PartialDate.parse("2024"), "Launched <fast>", "milestone"),
            Event(PartialDate.parse("2025-10-22"), "Said so", "statement"),
        ],
        title="Timeline of X",
    )
    assert svg.count("<rect ") == 1
    assert svg.count("<circle ") == 1
    assert "Launched &lt;fast&gt;" in svg
    assert 'role="img"' in svg
    assert ">2024<" in svg
    assert ">2025<" in svg


def test_timeline_is_empty_without_dated_events():
    assert render_timeline(events=[], title="Nothing") == ""


def test_reference_text_and_bibtex_point_at_the_permalink():
    reference = Reference(
        title="Fund {A} & 100% of $",
        kind="Initiative",
        slug="fund-a",
        version=3,
        published_at=datetime.datetime(2025, 10, 22, 8, tzinfo=datetime.UTC),
        url="https://tracker.example/initiatives/fund-a/v3/",
        accessed=datetime.date(2025, 11, 1),
    )
    assert reference.text == (
        "Initiative Tracker. “Fund {A} & 100% of $” (initiative record, version 3, 2025-10-22). "
        "https://tracker.example/initiatives/fund-a/v3/. Accessed 2025-11-01."
    )
    assert "@misc{initiativetracker-fund-a-v3," in reference.bibtex
    assert r"title = {Fund \{A\} \& 100\% of \$}," in reference.bibtex
    assert "url = {https://tracker.example/initiatives/fund-a/v3/}," in reference.bibtex
