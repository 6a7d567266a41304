"""Summits: the list, a summit's page, creating and editing one, and
registration. Members see them; the Core Group and admins run them."""

import csv

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from issues import diff as issue_diff
from issues import permissions as issue_permissions
from issues import selectors as issue_selectors
from members.spreadsheets import safe_cell
from mhap.ical import calendar_response
from summits import permissions, selectors, services
from summits.calendar import summit_event
from summits.enums import Stance
from summits.forms import (
    DispositionForm,
    FeedbackForm,
    OnBehalfForm,
    RegistrationForm,
    RoundForm,
    SummitForm,
)


def _refusal(request, allowed: bool):
    """None when allowed; else a login redirect for the public, 403 for members."""
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied


def summit_list(request):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    upcoming, past = selectors.summits_with_counts(person=request.user)
    return render(
        request,
        "summits/summit_list.html",
        {
            "upcoming": upcoming,
            "past": past,
            "open_rounds": selectors.rounds_open_to(person=request.user),
            "can_run": permissions.can_run_summits(request.user),
        },
    )


def summit_ics(request, slug):
    """The summit as an .ics file, for members' calendars."""
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    return calendar_response(
        [summit_event(summit)], name=summit.title, filename=f"{summit.slug}.ics"
    )


def detail(request, slug):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    mine = selectors.my_registrations(person=request.user).get(summit.pk)
    return render(
        request,
        "summits/summit_detail.html",
        {
            "summit": summit,
            "registration": mine,
            "registration_form": RegistrationForm(
                summit=summit, initial={"mode": mine.mode} if mine else None
            ),
            "can_register": permissions.can_register(request.user, summit, now=timezone.now()),
            "can_run": permissions.can_run_summits(request.user),
            "count": summit.registrations.count(),
            "rounds": summit.rounds.all(),
            "reviewed": selectors.reviewed_papers(summit=summit),
            "now": timezone.now(),
        },
    )


def create(request):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    form = SummitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            summit = services.create_summit(actor=request.user, **form.summit_fields())
        except services.SummitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{summit.title}” is on the calendar.")
            return redirect(summit)
    return render(
        request, "summits/summit_form.html", {"form": form}, status=400 if form.errors else 200
    )


def edit(request, slug):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    form = SummitForm(request.POST or None, instance=summit)
    if request.method == "POST" and form.is_valid():
        services.update_summit(actor=request.user, summit=summit, **form.summit_fields())
        messages.success(request, "Summit saved.")
        return redirect(summit)
    return render(
        request,
        "summits/summit_form.html",
        {"form": form, "summit": summit},
        status=400 if form.errors else 200,
    )


@require_POST
def register(request, slug):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    form = RegistrationForm(request.POST, summit=summit)
    try:
        if not form.is_valid():
            raise services.SummitError("Choose how you will attend.")
        services.register(person=request.user, summit=summit, mode=form.cleaned_data["mode"])
    except services.SummitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "You are registered. See you there.")
    return redirect(summit)


@require_POST
def unregister(request, slug):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    try:
        services.cancel_registration(person=request.user, summit=summit)
    except services.SummitError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "Your registration is cancelled.")
    return redirect(summit)


def registrations(request, slug):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    rows = list(selectors.registrations(summit=summit))
    return render(
        request,
        "summits/registrations.html",
        {
            "summit": summit,
            "registrations": rows,
            "in_person": sum(1 for r in rows if r.mode == "in_person"),
            "online": sum(1 for r in rows if r.mode == "online"),
        },
    )


def registrations_csv(request, slug):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{summit.slug}-registrations.csv"'
    writer = csv.writer(response)
    writer.writerow(["name", "email", "organisation", "sector", "attending", "registered"])
    for row in selectors.registrations(summit=summit):
        organisation = row.person.organisation
        writer.writerow(
            map(
                safe_cell,
                [
                    row.person.full_name,
                    row.person.email,
                    organisation.name if organisation else "",
                    organisation.sector.name if organisation and organisation.sector else "",
                    row.get_mode_display(),
                    timezone.localtime(row.registered_at).strftime("%Y-%m-%d %H:%M"),
                ],
            )
        )
    return response


# Feedback rounds ---------------------------------------------------------------


def round_create(request, slug):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    summit = permissions.access_summit(slug=slug)
    form = RoundForm(request.POST or None, papers=issue_selectors.papers_ready_for_review())
    if request.method == "POST" and form.is_valid():
        try:
            feedback_round = services.create_round(
                actor=request.user, summit=summit, **form.round_fields()
            )
        except services.SummitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"“{feedback_round.title}” is set up.")
            return redirect(feedback_round)
    return render(
        request,
        "summits/round_form.html",
        {"summit": summit, "form": form},
        status=400 if form.errors else 200,
    )


def round_detail(request, pk):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback_round = permissions.access_round(pk=pk)
    return render(
        request,
        "summits/round_detail.html",
        {
            "round": feedback_round,
            "papers": selectors.round_papers(feedback_round=feedback_round, person=request.user),
            "is_open": feedback_round.is_open(timezone.now()),
            "can_read_results": permissions.can_read_results(
                request.user, feedback_round, now=timezone.now()
            ),
            "can_run": permissions.can_run_summits(request.user),
        },
    )


def give_feedback(request, pk, paper_pk):
    """One person's feedback on one paper of the round: nothing typed is lost,
    not even after the round closes."""
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback_round, revision = permissions.access_round_paper(pk=pk, paper_pk=paper_pk)
    person = request.user
    form = _feedback_form(request, feedback_round, revision)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.give_feedback(
                    person=person,
                    feedback_round=feedback_round,
                    revision=revision,
                    **form.feedback_fields(),
                )
            except services.SummitError as error:
                form.add_error(None, str(error))
                status = 409
            else:
                messages.success(request, f"Your feedback on “{revision.title}” is recorded.")
                return redirect(feedback_round)
        else:
            status = 400
        services.keep_feedback_draft(
            person=person, feedback_round=feedback_round, revision=revision, data=_typed(request)
        )
    return render(
        request,
        "summits/feedback_form.html",
        {
            "round": feedback_round,
            "revision": revision,
            "form": form,
            "is_open": feedback_round.is_open(timezone.now()),
        },
        status=status,
    )


def _typed(request) -> dict:
    skip = {"csrfmiddlewaretoken", "opened_on"}
    return {key: values for key, values in request.POST.lists() if key not in skip}


def _feedback_form(request, feedback_round, revision):
    kwargs = {
        "recommendations": list(revision.recommendations.values_list("number", "text")),
        "organisation": request.user.organisation,
    }
    if request.method == "POST":
        form = FeedbackForm(request.POST, **kwargs)
        form.opened_on = request.POST.get("opened_on")  # shown again as it came
        return form
    draft, mine = selectors.my_feedback(
        feedback_round=feedback_round, revision=revision, person=request.user
    )
    if draft:
        # Shown as typed, without errors the person has not asked for yet.
        form = FeedbackForm(initial={k: v[0] for k, v in draft.data.items() if v}, **kwargs)
        form.recorded = mine  # what still counts, until this is submitted
    else:
        initial = {name: getattr(mine, name) for name in services.FEEDBACK_FIELDS} if mine else None
        form = FeedbackForm(initial=initial, **kwargs)
    form.opened_on = services.submitted_version(mine)
    return form


@require_POST
def keep_feedback(request, pk, paper_pk):
    """The feedback form's typing, kept as the person's draft (htmx)."""
    if not permissions.can_see_summits(request.user) and request.htmx:
        return HttpResponse("You are signed out: your text is still in this page.", status=401)
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback_round, revision = permissions.access_round_paper(pk=pk, paper_pk=paper_pk)
    kept = services.keep_feedback_draft(
        person=request.user,
        feedback_round=feedback_round,
        revision=revision,
        data=_typed(request),
        opened_on=request.POST.get("opened_on"),
    )
    if kept is None:
        return HttpResponse(
            "Your feedback was submitted since this page opened; reload to edit it."
        )
    return HttpResponse(f"Kept as you type, at {timezone.localtime():%H:%M}; not submitted yet.")


# Reports and dispositions --------------------------------------------------------


REPORT_PAGE_SIZE = 50


def report(request, pk, paper_pk):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback_round, revision = permissions.access_round_paper(pk=pk, paper_pk=paper_pk)
    now = timezone.now()
    if not permissions.can_read_results(request.user, feedback_round, now=now):
        return render(request, "summits/results_later.html", {"round": feedback_round}, status=403)
    with_items = permissions.can_read_individual_feedback(request.user, revision.paper)
    report = selectors.paper_report(
        feedback_round=feedback_round, revision=revision, with_items=with_items
    )
    return render(
        request,
        "summits/report.html",
        {
            "round": feedback_round,
            "revision": revision,
            "report": report,
            # Each item carries its answer form: a page of them, not thousands.
            "page": Paginator(report.feedback, REPORT_PAGE_SIZE).get_page(request.GET.get("page")),
            "can_dispose": with_items,
            "can_enter": permissions.can_run_summits(request.user),
            "disposition_choices": DispositionForm.base_fields["disposition"].choices,
        },
    )


@require_POST
def disposition(request, pk):
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback = permissions.access_feedback(pk=pk)
    if not permissions.can_dispose(request.user, feedback.revision.paper):
        raise PermissionDenied
    form = DispositionForm(request.POST)
    if form.is_valid():
        services.dispose(
            actor=request.user,
            feedback=feedback,
            disposition=form.cleaned_data["disposition"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, f"Answer to {feedback.giver} saved.")
    else:
        messages.error(request, "Choose accepted, partly accepted, not accepted or out of scope.")
    url = reverse(
        "summits:report", kwargs={"pk": feedback.round_id, "paper_pk": feedback.revision.paper_id}
    )
    page = request.POST.get("page", "")
    query = f"?page={page}" if page.isdigit() else ""  # back to the page it was answered on
    return redirect(f"{url}{query}#feedback-{feedback.pk}")


FEEDBACK_CSV_HEADER = ["paper", "revision", "giver", "organisation", "sector",
                       "organisation position", "stance", "about", "comments",
                       "suggested changes", "entered by", "submitted", "disposition",
                       "reason"]  # fmt: skip


def feedback_csv(request, pk):
    """The round's feedback with dispositions: all of it for the Core Group and
    admins, a chair's own workgroups' papers for a chair."""
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback_round = permissions.access_round(pk=pk)
    rows = selectors.feedback_for_export(feedback_round=feedback_round, reader=request.user)
    if rows is None:
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="round-{feedback_round.pk}-feedback.csv"'
    )
    writer = csv.writer(response)
    writer.writerow(FEEDBACK_CSV_HEADER)
    for item in rows:
        organisation = item.organisation
        writer.writerow(
            map(
                safe_cell,
                [
                    item.revision.title,
                    item.revision.number,
                    item.giver,
                    organisation.name if organisation else "",
                    organisation.sector.name if organisation and organisation.sector else "",
                    "yes" if item.organisation_position else "no",
                    item.get_stance_display(),
                    f"Recommendation {item.recommendation_number}"
                    if item.recommendation_number
                    else "Whole paper",
                    item.comments,
                    item.suggested_changes,
                    item.entered_by.full_name if item.entered_by else "",
                    timezone.localtime(item.submitted_at).strftime("%Y-%m-%d %H:%M"),
                    item.get_disposition_display(),
                    item.disposition_reason,
                ],
            )
        )
    return response


def on_behalf(request, pk, paper_pk):
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    feedback_round, revision = permissions.access_round_paper(pk=pk, paper_pk=paper_pk)
    recommendations = list(revision.recommendations.values_list("number", "text"))
    form = OnBehalfForm(request.POST or None, recommendations=recommendations)
    if request.method == "POST" and form.is_valid():
        try:
            feedback = services.enter_on_behalf(
                actor=request.user,
                feedback_round=feedback_round,
                revision=revision,
                **form.feedback_fields(),
            )
        except services.SummitError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"Feedback from {feedback.giver} is recorded.")
            return redirect(request.path)
    return render(
        request,
        "summits/on_behalf.html",
        {"round": feedback_round, "revision": revision, "form": form},
        status=400 if form.errors else 200,
    )


def round_summary(request, pk):
    """A printable summary of a round for the Core Group: each paper's
    feedback and answers, and who took part and who did not."""
    if refusal := _refusal(request, permissions.can_run_summits(request.user)):
        return refusal
    feedback_round = permissions.access_round(pk=pk)
    return render(
        request,
        "summits/round_summary.html",
        {
            "round": feedback_round,
            "summary": selectors.round_summary(feedback_round=feedback_round),
            "stances": Stance.choices,
        },
    )


def changes_since(request, pk):
    """What changed in the paper since the version this feedback was given on,
    for the giver: the reviewed text against the one they may read now."""
    if refusal := _refusal(request, permissions.can_see_summits(request.user)):
        return refusal
    feedback = permissions.access_feedback(pk=pk)
    if feedback.person_id != request.user.pk:
        raise PermissionDenied
    paper = feedback.revision.paper
    newest_id = issue_permissions.visible_revision_id(request.user, paper)
    old = issue_selectors.paper_revision(pk=feedback.revision_id)
    new = issue_selectors.paper_revision(pk=newest_id) if newest_id else old
    return render(
        request,
        "summits/changes_since.html",
        {
            "feedback": feedback,
            "paper": paper,
            "old": old,
            "new": new,
            "sections": issue_diff.compare_revisions(old, new) if new.pk != old.pk else [],
        },
    )
