"""The advocacy contact log (members only): log a contact, read and edit it,
the contacts list, open follow-ups, and the advocacy pages of a paper and of
a legislator. Reads come from issues.selectors_advocacy, writes go through
issues.services.advocacy_log, which records every change."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from issues import selectors_advocacy as selectors
from issues.advocacy_permissions import (
    can_edit_contact,
    can_edit_follow_up,
    can_log_contact,
    can_manage_legislators,
    can_read_advocacy,
    require,
)
from issues.enums import PUBLIC_STATES
from issues.forms_advocacy_log import (
    ContactFilterForm,
    ContactForm,
    LogChoices,
    contact_initial,
    follow_up_formset,
    new_contact_initial,
)
from issues.models import Contact, FollowUp, IssuePaper, Legislator
from issues.services import advocacy_log as services
from members.decorators import member_required

CONTACTS_PER_PAGE = 25
FOLLOW_UPS_PER_PAGE = 50


# Logging and editing a contact ------------------------------------------------------


@member_required
def log_contact(request):
    require(can_log_contact(request.user))
    choices = LogChoices()
    initial = new_contact_initial(query=request.GET, choices=choices, person=request.user)
    form = ContactForm(request.POST or None, choices=choices, initial=initial)
    follow_ups = follow_up_formset(request.POST or None, choices=choices, person=request.user)
    if request.method == "POST" and all([form.is_valid(), follow_ups.is_valid()]):
        contact = services.log_contact(
            actor=request.user, details=form.details(), follow_ups=follow_ups.rows()
        )
        messages.success(request, "The contact is logged.")
        if earlier := selectors.logged_before(contact):
            messages.warning(
                request,
                format_html(
                    '{} logged <a href="{}">a contact on the same day</a> with one of these '
                    "legislators about one of these papers. If it was the same meeting, keep "
                    "one of the two: delete the other from its page.",
                    earlier.logged_by.full_name if earlier.logged_by else "Someone",
                    earlier.get_absolute_url(),
                ),
            )
        return redirect(contact)
    return _contact_form(request, form, follow_ups, contact=None)


@member_required
def edit_contact(request, pk):
    contact = get_object_or_404(Contact, pk=pk)
    require(can_edit_contact(request.user, contact))
    choices = LogChoices(contact=contact)
    open_follow_ups = contact.follow_ups.open().select_related("owner").order_by("due_on", "pk")
    form = ContactForm(request.POST or None, choices=choices, initial=contact_initial(contact))
    follow_ups = follow_up_formset(
        request.POST or None,
        choices=choices,
        person=request.user,
        existing=open_follow_ups,
        known=contact.follow_ups.select_related("owner"),
    )
    if request.method == "POST" and all([form.is_valid(), follow_ups.is_valid()]):
        try:
            services.change_contact(
                actor=request.user,
                contact=contact,
                details=form.details(),
                follow_ups=follow_ups.rows(),
                opened=form.cleaned_data["opened"],
            )
        except services.ContactChanged as changed:
            form = _over_theirs(request, changed.contact, choices=choices)
            return _contact_form(request, form, follow_ups, contact=contact, status=409)
        messages.success(request, "The contact is saved.")
        return redirect(contact)
    return _contact_form(request, form, follow_ups, contact=contact)


def _over_theirs(request, contact, *, choices):
    """The person's form as they sent it, saying who saved meanwhile and what
    they changed; sent again, it replaces theirs."""
    data = request.POST.copy()
    data["opened"] = services.opened_token(contact)
    form = ContactForm(data, choices=choices)
    form.is_valid()
    form.add_error(None, selectors.changed_meanwhile(contact, since=request.POST.get("opened", "")))
    return form


def _contact_form(request, form, follow_ups, *, contact, status=None):
    if status is None:
        status = 400 if request.method == "POST" else 200
    return render(
        request,
        "issues/advocacy/log_contact_form.html",
        {"form": form, "follow_ups": follow_ups, "contact": contact},
        status=status,
    )


# A contact and its follow-ups ------------------------------------------------------------


@member_required
def contact(request, pk):
    require(can_read_advocacy(request.user))
    try:
        logged = selectors.contact_detail(pk=pk)
    except Contact.DoesNotExist:
        raise Http404 from None
    follow_ups = [
        (follow_up, can_edit_follow_up(request.user, follow_up), selectors.overdue(follow_up))
        for follow_up in _with_contact(logged.follow_ups.all(), logged)
    ]
    return render(
        request,
        "issues/advocacy/log_contact.html",
        {
            "contact": logged,
            "follow_ups": follow_ups,
            "history": selectors.contact_history(logged),
            "can_edit": can_edit_contact(request.user, logged),
        },
    )


def _with_contact(follow_ups, contact):
    # The permission asks the follow-up for its contact: hand it the one in hand.
    for follow_up in follow_ups:
        follow_up.contact = contact
        yield follow_up


@require_POST
@member_required
def follow_up_done(request, pk):
    follow_up = get_object_or_404(FollowUp.objects.select_related("contact"), pk=pk)
    require(can_edit_follow_up(request.user, follow_up))
    if services.mark_follow_up_done(actor=request.user, follow_up=follow_up):
        messages.success(request, f"Done: {follow_up.description}")
    else:
        messages.info(request, f"Already done: {follow_up.description}")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = follow_up.contact.get_absolute_url()
    return redirect(next_url)


# Lists ----------------------------------------------------------------------------------


@member_required
def contacts(request):
    require(can_read_advocacy(request.user))
    papers = list(selectors.adopted_papers().only("pk", "title"))
    legislators = list(Legislator.objects.order_by("chamber", "full_name"))
    filters = ContactFilterForm(request.GET or None, papers=papers, legislators=legislators)
    found = selectors.contacts_filtered(
        user=request.user, filters=filters.filters() if filters.is_bound else {}
    )
    page = Paginator(found, CONTACTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "issues/advocacy/log_contacts.html",
        {"filters": filters, "page": page, "contacts": page.object_list},
    )


@member_required
def delete_contact(request, pk):
    """GET asks to confirm; POST deletes."""
    contact = get_object_or_404(Contact, pk=pk)
    require(can_edit_contact(request.user, contact))
    if request.method == "POST":
        services.delete_contact(actor=request.user, contact=contact)
        messages.success(request, "The contact is deleted.")
        return redirect("advocacy:contacts")
    return render(request, "issues/advocacy/log_contact_delete.html", {"contact": contact})


@member_required
def follow_ups(request):
    require(can_read_advocacy(request.user))
    just_mine = request.GET.get("show") == "mine"
    found = selectors.open_follow_ups(user=request.user, just_mine=just_mine)
    page = Paginator(found, FOLLOW_UPS_PER_PAGE).get_page(request.GET.get("page"))
    today = timezone.localdate()
    return render(
        request,
        "issues/advocacy/log_follow_ups.html",
        {
            "page": page,
            "follow_ups": [
                (
                    follow_up,
                    follow_up.due_on < today,
                    follow_up.due_on == today,
                    can_edit_follow_up(request.user, follow_up),
                )
                for follow_up in page.object_list
            ],
            "just_mine": just_mine,
        },
    )


# A paper's and a legislator's pages -----------------------------------------------------


@member_required
def paper(request, pk):
    require(can_read_advocacy(request.user))
    # Adopted papers, and archived ones: their contacts still link here.
    adopted = get_object_or_404(IssuePaper, pk=pk, state__in=PUBLIC_STATES)
    return render(
        request,
        "issues/advocacy/log_paper.html",
        {
            "advocacy": selectors.paper_advocacy(paper=adopted),
            "paper": adopted,
            "today": timezone.localdate(),
        },
    )


@member_required
def legislator(request, pk):
    require(can_read_advocacy(request.user))
    try:
        page = selectors.legislator_page(pk=pk)
    except Legislator.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "issues/advocacy/log_legislator.html",
        {
            "page": page,
            "legislator": page.legislator,
            "can_edit": can_manage_legislators(request.user),
        },
    )
