"""How a step of an ingestion reaches a worker, and how it comes back when the broker or the worker is lost.

Outbox. The transaction that makes a step due also marks the row as owing a message (`unsent_since`);
the message goes to the broker once that transaction commits, and the mark is cleared when the broker
has taken it. A broker outage, or a process that dies between the commit and the send, leaves the mark,
and the sweep sends the message when the broker is back: nothing is committed without its message.

Lease. A run that claims a step holds it until `lease_until`, which a thread of the worker process
renews every few seconds while the task runs. A worker that is killed (SIGKILL, out of memory, a lost
machine) stops renewing; the sweep (beat, every 15 seconds) queues the step again once the lease has
lapsed: within a minute, on Redis and RabbitMQ alike, without waiting for Redis's visibility timeout
(an hour) to hand back the unacknowledged message. A step whose lease is alive cannot be claimed again,
so a message delivered twice (a redelivery, a sweep) runs once; the other finds nothing to do.
"""

import datetime
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import DatabaseError, connections, transaction
from django.db.models import F, Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from ingestion.models import IN_PROGRESS, Ingestion, Step

logger = logging.getLogger(__name__)

# A lease lapses this long after its last renewal; a live run renews it three times in that span.
LEASE = datetime.timedelta(seconds=15)
RENEW_EVERY = LEASE.total_seconds() / 3
# Clocks of two machines and a message on its way: a lease is free this long before it lapses on ours,
# and a lapsed lease or an unsent message is swept only this long after.
SLACK = datetime.timedelta(seconds=2)
SWEEP_AFTER = datetime.timedelta(seconds=5)


def queue_fetch(ingestion: Ingestion) -> None:
    """Queue the fetch step once the current transaction commits."""
    _queue(ingestion.pk, fetch=True)


def queue_link(ingestion: Ingestion) -> None:
    """Queue the link step once the current transaction commits."""
    _queue(ingestion.pk, fetch=False)


def _queue(ingestion_id: int, *, fetch: bool, due: Q | None = None) -> bool:
    """Mark the row as owing its message (if it is still `due`), and send the message once this commits."""
    marked = timezone.now()
    rows = Ingestion.objects.filter(pk=ingestion_id)
    if due is not None:
        rows = rows.filter(due)
    # No run holds a step that is queued: a lapsed lease goes, and the sweep waits for the new message.
    if not rows.update(unsent_since=marked, lease_until=None, updated_at=marked):
        return False
    transaction.on_commit(partial(_send, ingestion_id, fetch=fetch, marked=marked))
    return True


def _send(ingestion_id: int, *, fetch: bool, marked: datetime.datetime) -> None:
    from ingestion.tasks import ingest_page, link_ingestion

    try:
        (ingest_page if fetch else link_ingestion).delay(ingestion_id)
    except BrokerError as error:
        logger.warning("The broker did not take ingestion %s (%s); the sweep sends it later.", ingestion_id, error)
        return
    # Only the mark this call set: a worker may have claimed the step (and cleared it) already.
    Ingestion.objects.filter(pk=ingestion_id, unsent_since=marked).update(unsent_since=None)


def claim(ingestion_id: int, *, waiting_in: tuple[str, ...], step: str) -> tuple[bool, bool]:
    """Start a run of `step` on an ingestion waiting in one of `waiting_in`: (claimed, out of attempts).

    Not claimed when it is not waiting (another run finished it) or another run holds it (its lease is
    alive). Out of attempts past INGEST_MAX_ATTEMPTS runs that each stopped without an outcome (a worker
    killed, a hard time limit): the caller fails it.
    """
    now = timezone.now()
    free = Ingestion.objects.filter(pk=ingestion_id, step__in=waiting_in).filter(
        Q(lease_until__isnull=True) | Q(lease_until__lte=now + SLACK)
    )
    claimed = free.filter(attempts__lt=settings.INGEST_MAX_ATTEMPTS).update(
        step=step, attempts=F("attempts") + 1, lease_until=now + LEASE, unsent_since=None, updated_at=now
    )
    return bool(claimed), not claimed and free.exists()


def hold_until(ingestion_id: int, until: datetime.datetime) -> None:
    """Keep a claimed step from the sweep until `until`: a retry waiting for its countdown."""
    Ingestion.objects.filter(pk=ingestion_id, step__in=IN_PROGRESS).update(lease_until=until)


@contextmanager
def renewed(ingestion_id: int, step: str, *, eager: bool = False) -> Iterator[None]:
    """Renew the lease of a claimed step from a thread while the block runs (not for a task run in-process)."""
    if eager:
        yield
        return
    stop = threading.Event()
    thread = threading.Thread(target=_renew, args=(ingestion_id, step, stop), name=f"lease-{ingestion_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=RENEW_EVERY)


def _renew(ingestion_id: int, step: str, stop: threading.Event) -> None:
    try:
        while not stop.wait(RENEW_EVERY):
            Ingestion.objects.filter(pk=ingestion_id, step=step, lease_until__isnull=False).update(
                lease_until=timezone.now() + LEASE
            )
    except DatabaseError:
        logger.warning("Could not renew the lease of ingestion %s; the sweep may queue it again.", ingestion_id)
    finally:
        connections.close_all()  # this thread's own connection, if it opened one


def sweep() -> int:
    """Queue again every step whose message was never sent, whose worker is gone, or that the broker lost."""
    now = timezone.now()
    unsent = Q(step__in=IN_PROGRESS, unsent_since__lt=now - SWEEP_AFTER)
    abandoned = Q(step__in=IN_PROGRESS, lease_until__lt=now - SWEEP_AFTER)
    # Sent, never claimed, long after any queue drains: a broker that lost the message.
    lost = Q(
        step__in=IN_PROGRESS,
        unsent_since__isnull=True,
        lease_until__isnull=True,
        updated_at__lt=now - datetime.timedelta(minutes=settings.INGEST_STUCK_AFTER_MINUTES),
    )
    due = unsent | abandoned | lost
    count = 0
    for ingestion in Ingestion.objects.filter(due).only("pk", "step")[:1000]:
        with transaction.atomic():
            # Marked only while still due, so that two sweeps do not both queue it.
            count += _queue(ingestion.pk, fetch=ingestion.step != Step.LINKING, due=due)
    return count
