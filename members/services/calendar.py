import secrets

from django.contrib.auth import get_user_model
from django.db import transaction


def calendar_token_for(*, person) -> str:
    """The person's feed token, made on first use."""
    if person.calendar_token:
        return person.calendar_token
    token = secrets.token_urlsafe(32)
    # Conditional update: two first requests at once agree on one token.
    get_user_model().objects.filter(pk=person.pk, calendar_token__isnull=True).update(
        calendar_token=token
    )
    person.refresh_from_db(fields=["calendar_token"])
    return person.calendar_token


@transaction.atomic
def reset_calendar_token(*, person) -> str:
    """A new secret: the old feed URL stops working at once."""
    person.calendar_token = secrets.token_urlsafe(32)
    person.save(update_fields=["calendar_token"])
    return person.calendar_token
