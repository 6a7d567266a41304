import logging

from celery import shared_task
from django.db import transaction

from reminders import engine

log = logging.getLogger(__name__)


@shared_task(ignore_result=True)
def sweep() -> dict:
    """Beat runs this every REMINDER_SWEEP_SECONDS: plan the reminders falling
    due and send everything due. Idempotent; several may run at once."""
    return engine.sweep()


def send_soon() -> None:
    """Ask a worker to sweep as soon as the current transaction commits, so a
    notification or message does not wait for the next beat. If the broker is
    down this is only logged: the next beat's sweep sends it."""
    transaction.on_commit(_enqueue_sweep, robust=True)


def _enqueue_sweep() -> None:
    sweep.apply_async(expires=60, retry=False)
