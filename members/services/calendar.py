import secrets

from django.db import transaction


@transaction.atomic
def reset_calendar_token(*, person) -> str:
    """A new secret (the first, from the profile's button, or a replacement):
    any old feed URL stops working at once."""
    person.calendar_token = secrets.token_urlsafe(32)
    person.save(update_fields=["calendar_token"])
    return person.calendar_token
