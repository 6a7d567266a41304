"""Each person's choices, the unsubscribe links in every email, and the
admins' pages: every delivery, and the lead times."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Count
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from members.decorators import admin_required, member_required
from reminders import messages as emails
from reminders import services
from reminders.enums import DeliveryStatus
from reminders.filters import DeliveryFilter, kind_choices
from reminders.forms import LeadTimesForm, PreferencesForm
from reminders.models import Delivery
from reminders.preferences import choices_of, lead_minutes
from reminders.registry import registry
from reminders.tasks import send_soon

PAGE_SIZE = 50


@member_required
def preferences(request):
    form = PreferencesForm(request.POST or None, chosen=choices_of(request.user))
    if request.method == "POST" and form.is_valid():
        services.set_choices(person=request.user, choices=form.cleaned_data)
        messages.success(request, "Your choices are saved.")
        return redirect("reminders:preferences")
    return render(
        request, "reminders/preferences.html", {"form": form}, status=400 if form.errors else 200
    )


# Mail programs that honour List-Unsubscribe-Post send a bare POST with no
# session or CSRF token (RFC 8058); the signed token is the authority.
@csrf_exempt
def unsubscribe(request, token):
    found = emails.read_unsubscribe_token(token)
    if found is None:
        return render(request, "reminders/unsubscribe_invalid.html", status=404)
    recipient_key, kind = found
    if kind == emails.DIGEST:
        label = "the daily digest"
    elif kind in registry.reminders or kind in registry.notifications:
        label = (registry.reminders.get(kind) or registry.notifications[kind]).label
    else:
        return render(request, "reminders/unsubscribe_invalid.html", status=404)
    if request.method == "POST":
        services.unsubscribe(recipient_key=recipient_key, kind=kind)
        return render(request, "reminders/unsubscribed.html", {"label": label})
    return render(request, "reminders/unsubscribe.html", {"label": label})


@admin_required
def deliveries(request):
    found = DeliveryFilter(
        request.GET or None, queryset=Delivery.objects.select_related("person").order_by("-pk")
    )
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    labels = dict(kind_choices())
    for delivery in page:
        delivery.kind_label = labels.get(delivery.kind, delivery.kind)
    counts = dict(
        Delivery.objects.filter(status__in=[DeliveryStatus.PENDING, DeliveryStatus.FAILED])
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    return render(
        request,
        "reminders/deliveries.html",
        {"filter": found, "page": page, "counts": counts},
    )


@admin_required
@require_POST
def retry(request, pk):
    """Send a failed delivery again, now."""
    with transaction.atomic():
        updated = Delivery.objects.filter(pk=pk, status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, send_after=timezone.now(), attempts=0
        )
        if not updated:
            raise Http404
        send_soon()
    messages.success(request, "It will be sent again in a moment.")
    return redirect("reminders:deliveries")


@admin_required
@require_POST
def retry_failed(request):
    """Send every failed delivery again (after the mail server is fixed)."""
    with transaction.atomic():
        count = Delivery.objects.filter(status=DeliveryStatus.FAILED).update(
            status=DeliveryStatus.PENDING, send_after=timezone.now(), attempts=0
        )
        if count:
            send_soon()
    messages.success(request, f"{count} email{pluralize(count)} will be sent again in a moment.")
    return redirect("reminders:deliveries")


@admin_required
def lead_times(request):
    current = {name: lead_minutes(kind) for name, kind in registry.reminders.items()}
    form = LeadTimesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        for name in registry.reminders:
            if form.cleaned_data[name] != current[name]:
                services.set_lead_times(
                    actor=request.user, kind=name, minutes=form.cleaned_data[name]
                )
        messages.success(request, "Lead times saved: the next reminders use them.")
        return redirect("reminders:lead_times")
    return render(
        request, "reminders/lead_times.html", {"form": form}, status=400 if form.errors else 200
    )
