import logging
import os

from celery import Celery
from celery.worker.consumer import Consumer as CeleryConsumer

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mhap.settings")

log = logging.getLogger(__name__)


class Consumer(CeleryConsumer):
    """Celery's consumer, riding out a broker that drops while a task is
    unacknowledged (with late acks, whenever a task is running).

    Celery 5.7.0, on losing the broker, first collects the connection (which
    detaches its transport) and then closes it; closing the Redis channel tries
    to put the unacknowledged messages back through that detached transport and
    raises AttributeError, which the worker treats as unrecoverable and exits.
    Here that close fails quietly instead: Redis gives the messages back after
    their visibility timeout. (The running tasks themselves are stopped, see
    CELERY_WORKER_CANCEL_LONG_RUNNING_TASKS_ON_CONNECTION_LOSS.) The
    broker-outage drill in tests/reminders/test_drills.py holds a sweep in
    flight while the broker goes, and fails without either."""

    def on_connection_error_after_connected(self, exc):
        connection = self.connection
        if connection is not None:
            close = connection.close

            def close_detached():
                try:
                    close()
                except AttributeError:
                    log.warning("the lost broker connection's unacked messages wait to time out")

            connection.close = close_detached
        super().on_connection_error_after_connected(exc)


app = Celery("mhap")
# Every CELERY_* Django setting configures the app (CELERY_BROKER_URL -> broker_url).
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
