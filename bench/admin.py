"""The yardstick of `triage_vs_admin_p95_ratio`: the Django admin's
changelist of issues, configured as well as Django allows — the triage
page's filters with their facet counts always shown, search on the
trigram-indexed title and description, related rows joined, 50 a page.

It lives on its own AdminSite for the benchmark, because the app's admin
(issues/admin.py) does not register Issue at all; the report of a run says
so, and this class is what the app's admin would need."""

from django.contrib import admin

from issues.models import Issue


class IssueAdmin(admin.ModelAdmin):
    list_display = ["id", "title", "workgroup", "term", "legislative", "status", "impact",
                    "momentum", "owner", "proposed_at"]  # fmt: skip
    list_filter = [
        "workgroup",
        "term",
        "legislative",
        "status",
        "levers",
        "policy_areas",
        ("owner", admin.RelatedOnlyFieldListFilter),
        "impact",
        "momentum",
        "proposed_at",
    ]
    show_facets = admin.ShowFacets.ALWAYS
    # icontains: UPPER(column) LIKE UPPER('%word%'), served by the GIN trigram
    # indexes of issues/migrations/0002, exactly as the triage page's search.
    search_fields = ["title", "description"]
    list_select_related = ["workgroup", "owner"]
    list_per_page = 50
    # Django's own advice for large tables: no second COUNT(*) of every issue
    # beside the filtered count.
    show_full_result_count = False
    ordering = ["-proposed_at", "-id"]


site = admin.AdminSite(name="bench_admin")
site.register(Issue, IssueAdmin)
