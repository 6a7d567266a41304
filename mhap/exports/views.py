"""The admins' export pages: the list with "Export everything", one export's
progress (polled by htmx), and its download until the link expires.

While a build runs its page asks every 2 s how far it has got, naming what it
shows; the answer is 204 (nothing to swap) until something changed, so the
live status sentence changes, and is read out, only when the build moved on.
Once the build is ready or failed the answer tells htmx to reload the page,
which then shows the finished export whole."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import HttpResponseClientRefresh

from members.decorators import admin_required
from mhap.exports import selectors, services
from mhap.models import Export

log = logging.getLogger(__name__)

PAGE_SIZE = 25


@require_safe
@admin_required
def export_list(request):
    page = Paginator(selectors.exports(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "exports/export_list.html",
        {"page": page, "ttl_hours": settings.EXPORT_TTL_HOURS},
    )


@require_POST
@admin_required
def start(request):
    export, created = services.request_export(actor=request.user)
    if created:
        messages.success(request, "The export has started. This page shows how far it has got.")
    else:
        messages.info(request, "An export is already being built: here it is.")
    return redirect("exports:detail", pk=export.pk)


@never_cache
@require_safe
@admin_required
def detail(request, pk):
    export = get_object_or_404(selectors.exports(), pk=pk)
    # What the page shows of a build in progress: the same state, the same page.
    state = f"{export.run}-{export.status}-{export.steps_done}-{export.steps_total}"
    template = "exports/export_detail.html"
    if request.htmx:
        if not export.in_progress:
            return HttpResponseClientRefresh()  # the whole page shows the finished export
        if request.GET.get("shown") == state:
            return HttpResponse(status=204)  # nothing moved: no swap, nothing read out again
        template += "#poll"
    context = {"export": export, "state": state, "ttl_hours": settings.EXPORT_TTL_HOURS}
    return render(request, template, context)


@never_cache
@require_safe
@admin_required
def download(request, pk):
    """The archive as an attachment, until it expires; then 410 Gone."""
    export = get_object_or_404(selectors.exports(), pk=pk)
    if export.status != Export.Status.READY:
        raise Http404
    if not export.downloadable:
        return render(request, "exports/export_gone.html", {"export": export}, status=410)
    try:
        handle = export.file.open("rb")
    except OSError:  # gone from storage before its time (a restore without the files)
        log.warning("Export %s: its file %s is missing from storage", export.pk, export.file.name)
        context = {"export": export, "missing": True}
        return render(request, "exports/export_gone.html", context, status=410)
    # Who took the coalition's data out, and when: the row says who asked,
    # the log says every download.
    log.info("Export %s downloaded by %s", export.pk, request.user.email)
    stamp = timezone.localtime(export.finished_at)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{slugify(settings.COALITION_SHORT_NAME)}-export-{stamp:%Y-%m-%d-%H%M}.zip",
        content_type="application/zip",
    )
