"""Pages for every member: the directory and their own profile."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from members import selectors
from members.decorators import member_required
from members.filters import DirectoryFilter
from members.forms import ProfileForm
from members.services import calendar as calendar_services
from members.services import people as people_services
from workgroups import selectors as workgroup_selectors
from workgroups.permissions import is_admin

PAGE_SIZE = 50


@member_required
def directory(request):
    sees_all = is_admin(request.user)
    people = DirectoryFilter(
        request.GET or None,
        queryset=selectors.directory_people(viewer=request.user),
        sees_all=sees_all,
    )
    page = Paginator(people.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    entries = [selectors.directory_entry(viewer=request.user, person=person) for person in page]
    return render(
        request,
        "members/directory.html",
        {"filter": people, "page": page, "entries": entries, "sees_all": sees_all},
    )


@member_required
def directory_organisations(request):
    organisations = selectors.directory_organisations(viewer=request.user)
    return render(request, "members/directory_organisations.html", {"organisations": organisations})


@member_required
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        people_services.update_profile(
            person=request.user, **{field: form.cleaned_data[field] for field in form.changed_data}
        )
        messages.success(request, "Your profile is saved.")
        return redirect("members:profile")
    return render(
        request,
        "members/profile.html",
        {
            "form": form,
            "my_workgroups": workgroup_selectors.workgroups_of(person=request.user),
            "pending_requests": workgroup_selectors.pending_requests_of(person=request.user),
            # Made by a button, not by looking at the page: a GET writes nothing.
            "calendar_token": request.user.calendar_token,
        },
    )


@require_POST
@member_required
def calendar_reset(request):
    had_one = bool(request.user.calendar_token)
    calendar_services.reset_calendar_token(person=request.user)
    messages.success(
        request,
        "Your calendar link is new. Replace the old one in your calendar program."
        if had_one
        else "Your calendar link is ready. Add it to your calendar program.",
    )
    return redirect("members:profile")
