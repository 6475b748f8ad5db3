"""The initiative's timeline as a picture drawn on the server: milestones and statements on a dated axis.

A date known to the day is a dot; one known only to the month or year is a bar across that
period, so the picture never claims more precision than the source gave.
"""

import datetime
from dataclasses import dataclass

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

from editorial.dates import PartialDate

WIDTH, LEFT, RIGHT = 720, 24, 24
AXIS_Y, ROW = 40, 22
LABEL_CHARS = 48  # the full text is in the picture's description and the lists beside it


@dataclass(frozen=True)
class Event:
    date: PartialDate
    label: str
    kind: str  # "milestone" or "statement"


def _x(day: datetime.date, start: datetime.date, end: datetime.date) -> float:
    span = max((end - start).days, 1)
    return LEFT + (WIDTH - LEFT - RIGHT) * (day - start).days / span


def _short(label: str, limit: int = LABEL_CHARS) -> str:
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _n(value: float) -> str:
    return f"{value:.1f}"


def render_timeline(*, events: list[Event], title: str, marked: datetime.date | None = None) -> SafeString:
    """An accessible SVG (role img, title, description) of the dated events, with a line at `marked` (the "as of"
    date) when given; empty when none is dated."""
    events = sorted(events, key=lambda event: (event.date.date, event.label))
    if not events:
        return SafeString("")
    first = min([event.date.date for event in events] + ([marked] if marked else []))
    last = max([event.date.last_day for event in events] + ([marked] if marked else []))
    start = datetime.date(first.year, 1, 1)
    end = datetime.date(last.year, 12, 31)
    height = AXIS_Y + ROW * len(events) + 16
    ticks = format_html_join(
        "",
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="tick"/><text x="{0}" y="{3}" class="year">{4}</text>',
        (
            (_n(_x(datetime.date(year, 1, 1), start, end)), AXIS_Y - 4, AXIS_Y + 4, AXIS_Y - 10, year)
            for year in range(start.year, end.year + 2)
            if datetime.date(year, 1, 1) <= end + datetime.timedelta(days=1)
        ),
    )
    marks = []
    for row, event in enumerate(events):
        y = AXIS_Y + ROW * (row + 1)
        left = _x(event.date.date, start, end)
        right = _x(event.date.last_day + datetime.timedelta(days=1), start, end)
        # Labels read away from the nearer edge, so none runs off the picture.
        on_right = left > WIDTH / 2
        # Escaped once a mark, not through format_html a value: 300 milestones took 87 ms to draw that way.
        kind = escape(event.kind)
        if event.date.precision == "day":
            shape = f'<circle cx="{_n(left)}" cy="{y - 5}" r="5" class="{kind}"/>'
        else:
            width = _n(max(right - left, 4))
            shape = f'<rect x="{_n(left)}" y="{y - 9}" width="{width}" height="8" rx="3" class="{kind}"/>'
        text_x, anchor = _n(left - 8 if on_right else right + 8), "end" if on_right else "start"
        label = escape(f"{event.date.display()}: {_short(event.label)}")
        marks.append(f'<g>{shape}<text x="{text_x}" y="{y}" class="label" text-anchor="{anchor}">{label}</text></g>')
    if marked is not None:
        at = _n(_x(marked, start, end))
        marks.append(
            format_html(
                '<g class="as-of"><line x1="{0}" y1="{1}" x2="{0}" y2="{2}" class="as-of"/>'
                '<text x="{0}" y="{3}" class="label" text-anchor="middle">as of {4}</text></g>',
                at,
                AXIS_Y,
                height - 4,
                height - 6,
                marked.isoformat(),
            )
        )
    description = "; ".join(f"{event.date.display()}: {event.label}" for event in events)
    if marked is not None:
        description += f"; marked: as of {marked.isoformat()}"
    return format_html(
        '<svg class="timeline" viewBox="0 0 {} {}" role="img" aria-labelledby="timeline-title timeline-desc" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<title id="timeline-title">{}</title><desc id="timeline-desc">{}</desc>'
        '<line x1="{}" y1="{}" x2="{}" y2="{}" class="axis"/>{}{}</svg>',
        WIDTH,
        height,
        title,
        description,
        LEFT,
        AXIS_Y,
        WIDTH - RIGHT,
        AXIS_Y,
        ticks,
        SafeString("".join(marks)),
    )
