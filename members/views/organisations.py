from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from members import selectors
from members.decorators import admin_required
from members.forms import MergeOrganisationForm, OrganisationForm, SectorForm
from members.models import Organisation, Sector
from members.services import organisations as organisation_services


@admin_required
def organisations(request):
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = organisation_services.save_organisation(**form.cleaned_data)
        messages.success(request, f"{organisation} added.")
        return redirect("members:organisations")
    return render(
        request,
        "members/organisations.html",
        {
            "form": form,
            "sector_form": SectorForm(),
            "organisations": selectors.organisations_with_counts(),
            "sectors": Sector.objects.all(),
        },
    )


@require_POST
@admin_required
def add_sector(request):
    form = SectorForm(request.POST)
    if form.is_valid():
        try:
            sector = organisation_services.add_sector(name=form.cleaned_data["name"])
        except organisation_services.OrganisationError as error:
            form.add_error("name", str(error))
        else:
            messages.success(request, f"Sector {sector} added.")
            return redirect("members:organisations")
    return render(
        request,
        "members/organisations.html",
        {
            "form": OrganisationForm(),
            "sector_form": form,
            "organisations": selectors.organisations_with_counts(),
            "sectors": Sector.objects.all(),
        },
        status=400,
    )


@admin_required
def organisation(request, pk):
    organisation = get_object_or_404(Organisation.objects.select_related("sector"), pk=pk)
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        organisation_services.save_organisation(organisation=organisation, **form.cleaned_data)
        messages.success(request, f"{organisation} saved.")
        return redirect("members:organisations")
    return render(
        request,
        "members/organisation.html",
        {
            "organisation": organisation,
            "form": form,
            "merge_form": MergeOrganisationForm(duplicate=organisation),
            "people": organisation.people.order_by("full_name"),
        },
    )


@require_POST
@admin_required
def merge_organisation(request, pk):
    duplicate = get_object_or_404(Organisation, pk=pk)
    form = MergeOrganisationForm(request.POST, duplicate=duplicate)
    if not form.is_valid():
        messages.error(request, "Choose the organisation to merge into.")
        return redirect("members:organisation", pk=pk)
    keep = organisation_services.merge_organisations(
        actor=request.user, duplicate=duplicate, keep=form.cleaned_data["keep"]
    )
    messages.success(request, f"{duplicate.name} was merged into {keep}.")
    return redirect("members:organisation", pk=keep.pk)
