"""Reads of the exports pages, each a fixed number of queries."""

from django.db.models import QuerySet

from mhap.models import Export


def exports() -> QuerySet[Export]:
    """Every export, newest first, with who asked for it."""
    return Export.objects.select_related("requested_by").order_by("-created_at", "-pk")
