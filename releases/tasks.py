"""The weekly release, on beat's schedule (migration 0002; editors may change it in the admin)."""

from celery import shared_task  # type: ignore[import-untyped]

from releases.services import make_release


# Reading every table takes longer than an article's ingestion: limits of its own rather than the settings'.
@shared_task(acks_late=True, soft_time_limit=1500, time_limit=1800)
def make_weekly_release() -> None:
    """Make a release of the public data, unless nothing changed since the last (so running twice makes one)."""
    make_release()
