"""Advocacy's registers (issue 13): legislators (admins keep them, by hand or
from a CSV file), bills (the Core Group and admins keep them) and the
districts where organisations have constituents. Every member reads them."""

from collections import defaultdict

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from issues import selectors_advocacy
from issues.advocacy_permissions import (
    can_manage_bills,
    can_manage_legislators,
    can_record_districts,
    require,
)
from issues.enums import Chamber
from issues.forms_advocacy import (
    BillFilter,
    BillForm,
    BillStatusForm,
    LegislatorFilter,
    LegislatorForm,
    LegislatorImportForm,
    OrganisationDistrictsForm,
)
from issues.models import (
    Bill,
    BillStatusChange,
    Contact,
    IssuePaper,
    Legislator,
    OrganisationDistrict,
    Recommendation,
)
from issues.services import advocacy_import
from issues.services import advocacy_registry as services
from members.decorators import admin_required, member_required
from members.models import Organisation
from members.uploads import CsvProblem
from workgroups.permissions import is_admin

PAGE_SIZE = 50
BILL_CONTACTS_SHOWN = 10


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


# Legislators ---------------------------------------------------------------


@member_required
def legislators(request):
    queryset = Legislator.objects.prefetch_related("committees").order_by(
        "chamber", "district", "full_name"
    )
    legislator_filter = LegislatorFilter(request.GET or None, queryset=queryset)
    return render(
        request,
        "issues/advocacy/registry_legislators.html",
        {
            "filter": legislator_filter,
            "page": _page(request, legislator_filter.qs),
            "can_manage": can_manage_legislators(request.user),
        },
    )


def _legislator_form_page(request, form, legislator=None):
    return render(
        request,
        "issues/advocacy/registry_legislator_form.html",
        {"form": form, "legislator": legislator},
        status=400 if form.errors else 200,
    )


@admin_required
def add_legislator(request):
    form = LegislatorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            legislator = services.create_legislator(actor=request.user, data=form.cleaned_data)
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, f"{legislator} added.")
            return redirect("advocacy:legislators")
    return _legislator_form_page(request, form)


@admin_required
def edit_legislator(request, pk):
    legislator = get_object_or_404(Legislator, pk=pk)
    # The form works on its own copy: the service compares with the stored one.
    form = LegislatorForm(request.POST or None, instance=Legislator.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_legislator(
                actor=request.user, legislator=legislator, data=form.cleaned_data
            )
        except services.RegistryError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Saved." if changed else "Nothing to change.")
            return redirect("advocacy:legislators")
    return _legislator_form_page(request, form, legislator)


@admin_required
def import_legislators(request):
    form = LegislatorImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = advocacy_import.import_legislators(actor=request.user, content=upload.read())
        except CsvProblem as problem:  # the whole file: said next to the field
            form.add_error("file", f"Nothing was imported. {problem}")
        else:
            return render(
                request,
                "issues/advocacy/registry_import_result.html",
                {"result": result, "filename": upload.name},
            )
    return render(
        request,
        "issues/advocacy/registry_import.html",
        {"form": form, "columns": advocacy_import.IMPORT_COLUMNS},
        status=400 if form.errors else 200,
    )


# Bills ---------------------------------------------------------------------


@member_required
def bills(request):
    queryset = Bill.objects.prefetch_related(
        Prefetch("papers", queryset=IssuePaper.objects.only("pk", "title").order_by("title"))
    ).order_by(*Bill.IN_ORDER)
    bill_filter = BillFilter(request.GET or None, queryset=queryset)
    return render(
        request,
        "issues/advocacy/registry_bills.html",
        {
            "filter": bill_filter,
            "page": _page(request, bill_filter.qs),
            "can_manage": can_manage_bills(request.user),
        },
    )


def _bill_page(request, pk, *, status_form=None, status=200):
    bill = get_object_or_404(
        Bill.objects.prefetch_related(
            Prefetch("papers", queryset=IssuePaper.objects.order_by("title")),
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.select_related("revision__paper").order_by(
                    "revision__paper__title", "number"
                ),
            ),
            "committees",
            Prefetch("history", queryset=BillStatusChange.objects.select_related("recorded_by")),
        ),
        pk=pk,
    )
    contacts = (
        Contact.objects.filter(bills=bill)
        .prefetch_related(Prefetch("responses", queryset=selectors_advocacy.responses_in_order()))
        .order_by("-on", "-pk")[: BILL_CONTACTS_SHOWN + 1]
    )
    contacts = list(contacts)
    can_manage = can_manage_bills(request.user)
    if can_manage and status_form is None:
        status_form = BillStatusForm(initial={"status": bill.status, "on": timezone.localdate()})
    return render(
        request,
        "issues/advocacy/registry_bill.html",
        {
            "bill": bill,
            "contacts": contacts[:BILL_CONTACTS_SHOWN],
            "more_contacts": len(contacts) > BILL_CONTACTS_SHOWN,
            "can_manage": can_manage,
            "status_form": status_form,
        },
        status=status,
    )


@member_required
def bill(request, pk):
    return _bill_page(request, pk)


def _bill_form_page(request, form, bill=None):
    return render(
        request,
        "issues/advocacy/registry_bill_form.html",
        {"form": form, "bill": bill},
        status=400 if form.errors else 200,
    )


@member_required
def add_bill(request):
    require(can_manage_bills(request.user))
    form = BillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new_bill = services.create_bill(actor=request.user, data=form.cleaned_data)
        except services.RegistryError as error:
            form.add_error("number", str(error))
        else:
            messages.success(request, f"{new_bill} added.")
            return redirect(new_bill)
    return _bill_form_page(request, form)


@member_required
def edit_bill(request, pk):
    require(can_manage_bills(request.user))
    bill = get_object_or_404(Bill, pk=pk)
    form = BillForm(request.POST or None, instance=Bill.objects.get(pk=pk))
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.update_bill(actor=request.user, bill=bill, data=form.cleaned_data)
        except services.RegistryError as error:
            form.add_error("number", str(error))
        else:
            messages.success(request, "Saved." if changed else "Nothing to change.")
            return redirect(bill)
    return _bill_form_page(request, form, bill)


@require_POST
@member_required
def bill_status(request, pk):
    require(can_manage_bills(request.user))
    bill = get_object_or_404(Bill, pk=pk)
    form = BillStatusForm(request.POST)
    if not form.is_valid():
        return _bill_page(request, pk, status_form=form, status=400)
    services.change_bill_status(actor=request.user, bill=bill, **form.cleaned_data)
    messages.success(request, "Status recorded.")
    return redirect(bill)


# Districts -----------------------------------------------------------------


@member_required
def districts(request):
    """Every district where an organisation has constituents, with its
    legislator, grouped by chamber."""
    organisations = defaultdict(list)
    rows = OrganisationDistrict.objects.select_related("organisation").order_by(
        "chamber", "district", "organisation__name"
    )
    for row in rows:
        organisations[row.chamber, row.district].append(row.organisation)
    holders = defaultdict(list)
    for legislator in Legislator.objects.filter(
        district__in={district for _, district in organisations}
    ).only("pk", "full_name", "chamber", "district", "party"):
        holders[legislator.chamber, legislator.district].append(legislator)
    chambers = [
        {
            "label": label,
            "districts": [
                {
                    "number": district,
                    "organisations": members,
                    "legislators": holders[chamber, district],
                }
                for (row_chamber, district), members in organisations.items()
                if row_chamber == chamber
            ],
        }
        for chamber, label in Chamber.choices
    ]
    own = request.user.organisation if request.user.organisation_id else None
    return render(
        request,
        "issues/advocacy/registry_districts.html",
        {
            "chambers": chambers,
            "own_organisation": own,
            "all_organisations": (
                Organisation.objects.order_by("name") if is_admin(request.user) else None
            ),
        },
    )


@member_required
def organisation_districts(request, pk):
    organisation = get_object_or_404(Organisation, pk=pk)
    require(can_record_districts(request.user, organisation))
    current = services.organisation_district_numbers(organisation)
    form = OrganisationDistrictsForm(
        request.POST or None,
        initial={
            "assembly": services.district_text(current[Chamber.ASSEMBLY]),
            "senate": services.district_text(current[Chamber.SENATE]),
        },
    )
    if request.method == "POST" and form.is_valid():
        changed = services.set_organisation_districts(
            actor=request.user,
            organisation=organisation,
            districts={
                Chamber.ASSEMBLY: form.cleaned_data["assembly"],
                Chamber.SENATE: form.cleaned_data["senate"],
            },
        )
        messages.success(
            request,
            f"The districts of {organisation.name} are saved." if changed else "Nothing to change.",
        )
        return redirect("advocacy:districts")
    return render(
        request,
        "issues/advocacy/registry_organisation_districts.html",
        {"form": form, "organisation": organisation},
        status=400 if form.errors else 200,
    )
