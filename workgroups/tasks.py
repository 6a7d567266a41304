from celery import shared_task

from workgroups.models import MeetingSeries
from workgroups.services import meetings


@shared_task
def extend_meeting_series() -> int:
    """Keep every series' occurrences made up to the horizon."""
    return sum(
        meetings.extend_series(series=series)
        for series in MeetingSeries.objects.select_related("workgroup")
    )
