from django.contrib import admin

from issues.models import Implementer, Lever, PolicyArea


@admin.register(Lever, PolicyArea, Implementer)
class TagAdmin(admin.ModelAdmin):
    """The coalition's vocabularies: levers of change, policy areas, implementers."""

    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
