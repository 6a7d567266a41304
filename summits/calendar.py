"""A summit as an iCalendar event, for downloads and reminders."""

from django.conf import settings

from mhap.ical import simple_event


def where(summit) -> str:
    return ", ".join(filter(None, [summit.venue, summit.address.replace("\n", ", ")]))


def summit_event(summit):
    return simple_event(
        uid=f"summit-{summit.pk}",
        starts_at=summit.starts_at,
        ends_at=summit.ends_at,
        summary=summit.title,
        url=settings.SITE_URL + summit.get_absolute_url(),
        location=summit.meeting_link or where(summit),
    )
