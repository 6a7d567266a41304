from django.contrib import admin

from workgroups.models import Membership, Workgroup


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person"]


@admin.register(Workgroup)
class WorkgroupAdmin(admin.ModelAdmin):
    list_display = ["name", "is_core_group", "status", "cadence"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]
