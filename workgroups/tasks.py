import logging

from celery import shared_task

from workgroups.models import MeetingSeries
from workgroups.services import meetings

logger = logging.getLogger(__name__)


@shared_task
def extend_meeting_series() -> int:
    """Keep every series' occurrences made up to the horizon; one series that
    fails is logged and the others still get theirs."""
    made = 0
    for series in MeetingSeries.objects.select_related("workgroup"):
        try:
            made += meetings.extend_series(series=series)
        except Exception:
            logger.exception("Could not extend meeting series %s", series.pk)
    return made
