from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from workgroups import permissions, recurrence, selectors
from workgroups.forms import (
    ActionItemForm,
    AttendanceForm,
    MeetingForm,
    MeetingLinkForm,
    MinutesForm,
    SeriesForm,
    WorkgroupUpdateForm,
)
from workgroups.models import ActionItem, Meeting, MeetingLink, MeetingSeries
from workgroups.services import meetings as meeting_services
from workgroups.views.access import manager_view, member_view


def meetings(request, slug):
    workgroup, refusal = member_view(request, slug)
    if refusal:
        return refusal
    past = Paginator(selectors.past_meetings(workgroup=workgroup), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "workgroups/meetings.html",
        {
            "workgroup": workgroup,
            "upcoming": selectors.upcoming_meetings(workgroup=workgroup, limit=12),
            "page": past,
            "series": workgroup.meeting_series.all(),
            "can_manage": permissions.can_manage_workgroup(request.user, workgroup),
        },
    )


def _meeting(workgroup, pk) -> Meeting:
    return get_object_or_404(
        Meeting.objects.select_related("workgroup", "series"), pk=pk, workgroup=workgroup
    )


def meeting(request, slug, pk):
    workgroup, refusal = member_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    can_manage = permissions.can_manage_workgroup(request.user, workgroup)
    context = {
        "workgroup": workgroup,
        "meeting": meeting,
        "can_manage": can_manage,
        "carried_items": selectors.open_action_items(workgroup=workgroup, before=meeting.starts_at),
        "raised_items": selectors.action_items_raised_at(meeting=meeting),
        "minutes": selectors.current_minutes(meeting=meeting),
        "attendance_ids": selectors.attendance_ids(meeting=meeting),
        "attendees": selectors.attendees(meeting=meeting),
        "series_description": recurrence.describe_rule(meeting.series.rule)
        if meeting.series
        else "",
    }
    if workgroup.is_core_group:
        context["update_slots"] = selectors.core_group_agenda(meeting=meeting)
    context["links"] = meeting.links.all()
    if can_manage:
        context["link_form"] = MeetingLinkForm()
        context["action_form"] = ActionItemForm(workgroup=workgroup)
        context["attendance_form"] = AttendanceForm(
            meeting=meeting, initial={"present": list(context["attendance_ids"])}
        )
    return render(request, "workgroups/meeting.html", context)


def series_create(request, slug):
    return _series_form(request, slug, series_pk=None)


def series_edit(request, slug, pk):
    return _series_form(request, slug, series_pk=pk)


def _series_form(request, slug, series_pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    series = (
        get_object_or_404(MeetingSeries, pk=series_pk, workgroup=workgroup) if series_pk else None
    )
    form = SeriesForm(request.POST or None, instance=series)
    if request.method == "POST" and form.is_valid():
        if series is None:
            series = meeting_services.schedule_series(
                workgroup=workgroup, actor=request.user, **form.series_fields()
            )
            messages.success(request, f"{series.title} is scheduled.")
        else:
            meeting_services.update_series(
                series=series, actor=request.user, **form.series_fields()
            )
            messages.success(request, f"{series.title} and its future meetings are updated.")
        return redirect("workgroups:meetings", slug=slug)
    return render(
        request,
        "workgroups/series_form.html",
        {"workgroup": workgroup, "form": form, "series": series},
    )


def meeting_create(request, slug):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting = meeting_services.schedule_meeting(
            workgroup=workgroup, actor=request.user, **form.meeting_fields()
        )
        messages.success(request, f"{meeting.title} is scheduled.")
        return redirect(meeting)
    return render(request, "workgroups/meeting_form.html", {"workgroup": workgroup, "form": form})


def meeting_edit(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        meeting_services.edit_meeting(meeting=meeting, actor=request.user, **form.meeting_fields())
        messages.success(request, "The meeting is saved.")
        return redirect(meeting)
    return render(
        request,
        "workgroups/meeting_form.html",
        {"workgroup": workgroup, "form": form, "meeting": meeting},
    )


@require_POST
def meeting_cancel(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    try:
        meeting_services.cancel_meeting(meeting=meeting, actor=request.user)
    except meeting_services.MeetingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The meeting is cancelled; calendars will show it so.")
    return redirect(meeting)


def minutes_edit(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    current = selectors.current_minutes(meeting=meeting)
    conflict = None
    if request.method == "POST":
        form = MinutesForm(request.POST)
        if form.is_valid():
            saved, conflict = meeting_services.save_minutes(
                meeting=meeting,
                author=request.user,
                text=form.cleaned_data["text"],
                based_on_id=form.cleaned_data["based_on"],
            )
            if conflict is None:
                messages.success(request, "The minutes are saved.")
                return redirect(meeting)
            # Both texts are kept: show them, with the newer one as the base.
            form = MinutesForm(initial={"text": saved.text, "based_on": conflict.pk})
            current = conflict
    else:
        form = MinutesForm(
            initial={"text": current.text if current else "", "based_on": current and current.pk}
        )
    return render(
        request,
        "workgroups/minutes_form.html",
        {
            "workgroup": workgroup,
            "meeting": meeting,
            "form": form,
            "conflict": conflict,
            "current": current,
        },
        status=409 if conflict else 200,
    )


def minutes_history(request, slug, pk):
    workgroup, refusal = member_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    return render(
        request,
        "workgroups/minutes_history.html",
        {
            "workgroup": workgroup,
            "meeting": meeting,
            "revisions": selectors.minutes_history(meeting=meeting),
        },
    )


@require_POST
def attendance(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    form = AttendanceForm(request.POST, meeting=meeting)
    if form.is_valid():
        meeting_services.record_attendance(
            meeting=meeting, actor=request.user, present=list(form.cleaned_data["present"])
        )
        messages.success(request, "Attendance is saved.")
    else:
        messages.error(request, "Only people on the roster can be marked present.")
    return redirect(meeting)


@require_POST
def action_item_add(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    form = ActionItemForm(request.POST, workgroup=workgroup)
    if not form.is_valid():
        messages.error(request, "An action needs a description of up to 500 characters.")
        return redirect(meeting)
    meeting_services.add_action_item(
        workgroup=workgroup, meeting=meeting, actor=request.user, **form.cleaned_data
    )
    messages.success(request, "Action item added.")
    return redirect(meeting)


@require_POST
def action_item_done(request, slug, pk):
    workgroup, refusal = member_view(request, slug)
    if refusal:
        return refusal
    item = get_object_or_404(ActionItem, pk=pk, workgroup=workgroup)
    if not permissions.can_complete_action_item(request.user, item):
        raise PermissionDenied
    try:
        meeting_services.complete_action_item(item=item, actor=request.user)
    except meeting_services.MeetingError as error:
        messages.info(request, str(error))
    else:
        messages.success(request, f"Done: {item.description}")
    next_url = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = workgroup.get_absolute_url()
    return redirect(next_url)


def update_create(request, slug):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    form = WorkgroupUpdateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        meeting_services.post_update(workgroup=workgroup, author=request.user, **form.cleaned_data)
        messages.success(request, "Your update is posted for the Core Group.")
        return redirect(workgroup)
    return render(request, "workgroups/update_form.html", {"workgroup": workgroup, "form": form})


@require_POST
def link_add(request, slug, pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    form = MeetingLinkForm(request.POST, host=request.get_host())
    if form.is_valid():
        meeting_services.link_page(
            meeting=meeting,
            actor=request.user,
            title=form.cleaned_data["title"],
            path=form.cleaned_data["address"],
        )
        messages.success(request, "Linked.")
    else:
        errors = "; ".join(error for errors in form.errors.values() for error in errors)
        messages.error(request, f"Not linked: {errors}")
    return redirect(meeting)


@require_POST
def link_remove(request, slug, pk, link_pk):
    workgroup, refusal = manager_view(request, slug)
    if refusal:
        return refusal
    meeting = _meeting(workgroup, pk)
    link = get_object_or_404(MeetingLink, pk=link_pk, meeting=meeting)
    meeting_services.unlink_page(link=link, actor=request.user)
    messages.success(request, f"Removed the link to {link.title}.")
    return redirect(meeting)
