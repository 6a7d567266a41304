from django.shortcuts import render

from workgroups import permissions, selectors


def workgroup_list(request):
    return render(
        request,
        "workgroups/workgroup_list.html",
        {"workgroups": selectors.workgroup_list()},
    )


def workgroup_detail(request, slug):
    workgroup = permissions.access_workgroup(request.user, slug=slug)
    show_roster = permissions.can_see_roster(request.user, workgroup)
    return render(
        request,
        "workgroups/workgroup_detail.html",
        {
            "workgroup": workgroup,
            "roster": selectors.current_roster(workgroup=workgroup) if show_roster else None,
            "show_meeting_link": permissions.can_see_meeting_link(request.user, workgroup),
            "is_member_here": permissions.is_workgroup_member(request.user, workgroup),
        },
    )
