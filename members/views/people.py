"""The admins' people pages: search, a person's roles and their record."""

from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from members import selectors
from members.decorators import admin_required
from members.filters import PeopleFilter
from members.forms import AddMembershipForm
from members.models import User
from members.services import people as people_services
from workgroups import services as workgroup_services
from workgroups.enums import Role
from workgroups.models import Membership

PAGE_SIZE = 50


@admin_required
def people(request):
    found = PeopleFilter(request.GET or None, queryset=selectors.people_for_admin())
    page = Paginator(found.qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "members/people.html", {"filter": found, "page": page})


def _person_page(request, person, add_form=None, status=200):
    person = selectors.person_for_admin(pk=person.pk)
    return render(
        request,
        "members/person.html",
        {"person": person, "add_form": add_form or AddMembershipForm(person=person)},
        status=status,
    )


@admin_required
def person(request, pk):
    return _person_page(request, get_object_or_404(User, pk=pk))


def _membership(pk, membership_pk) -> Membership:
    return get_object_or_404(
        Membership.objects.select_related("workgroup", "person"), pk=membership_pk, person_id=pk
    )


@require_POST
@admin_required
@reauthentication_required
def add_membership(request, pk):
    person = get_object_or_404(User, pk=pk)
    form = AddMembershipForm(request.POST, person=person)
    if not form.is_valid():
        return _person_page(request, person, add_form=form, status=400)
    try:
        workgroup_services.add_membership(
            workgroup=form.cleaned_data["workgroup"],
            person=person,
            role=form.cleaned_data["role"],
            actor=request.user,
        )
    except workgroup_services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{person} joined {form.cleaned_data['workgroup']}.")
    return redirect("members:person", pk=pk)


@require_POST
@admin_required
@reauthentication_required
def change_membership_role(request, pk, membership_pk):
    membership = _membership(pk, membership_pk)
    role = Role.CHAIR if request.POST.get("role") == Role.CHAIR else Role.MEMBER
    try:
        workgroup_services.change_role(membership=membership, role=role, actor=request.user)
    except workgroup_services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{membership.person} is now {role.label.lower()} of {membership.workgroup}."
        )
    return redirect("members:person", pk=pk)


@require_POST
@admin_required
@reauthentication_required
def end_membership(request, pk, membership_pk):
    membership = _membership(pk, membership_pk)
    try:
        workgroup_services.end_membership(membership=membership, actor=request.user)
    except workgroup_services.MembershipError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, f"{membership.person} left {membership.workgroup}.")
    return redirect("members:person", pk=pk)


@require_POST
@admin_required
@reauthentication_required
def set_admin(request, pk):
    person = get_object_or_404(User, pk=pk)
    make_admin = request.POST.get("admin") == "yes"
    try:
        people_services.set_admin(actor=request.user, person=person, is_admin=make_admin)
    except people_services.PersonError as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, f"{person} is {'now an admin' if make_admin else 'no longer an admin'}."
        )
    return redirect("members:person", pk=pk)


@require_POST
@admin_required
@reauthentication_required
def set_active(request, pk):
    person = get_object_or_404(User, pk=pk)
    active = request.POST.get("active") == "yes"
    try:
        people_services.set_active(actor=request.user, person=person, active=active)
    except people_services.PersonError as error:
        messages.error(request, str(error))
    else:
        outcome = (
            "can sign in again" if active else "is deactivated; what they wrote keeps their name"
        )
        messages.success(request, f"{person} {outcome}.")
    return redirect("members:person", pk=pk)
