from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from mhap.models import SiteText
from workgroups.permissions import is_admin


@transaction.atomic
def save_site_texts(*, actor, texts: dict[str, str]) -> None:
    if not is_admin(actor):
        raise PermissionDenied("Only admins write the front page.")
    for key, body in texts.items():
        if key in SiteText.Key.values:
            SiteText.objects.update_or_create(
                key=key,
                defaults={"body": body.strip(), "updated_by": actor, "updated_at": timezone.now()},
            )
