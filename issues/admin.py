from django.contrib import admin

from issues.models import Committee, Implementer, Lever, PolicyArea


@admin.register(Lever, PolicyArea, Implementer)
class TagAdmin(admin.ModelAdmin):
    """The coalition's vocabularies: levers of change, policy areas, implementers."""

    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    """The legislature's committees, which the legislator and bill forms offer
    (the CSV import also adds those it names). Changes here are kept in the
    admin's own history."""

    list_display = ["name", "chamber"]
    list_filter = ["chamber"]
    search_fields = ["name"]
