"""The kinds the linker knows, read from the domain apps: the pipeline stands above the domain and reads it."""

from ingestion.linking import initiatives, meetings, people


def register() -> None:
    """Tell the registry about every linkable kind; called once, from the app's ready()."""
    people.register()
    initiatives.register()
    meetings.register()
