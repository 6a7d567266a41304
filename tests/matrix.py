"""The permission matrix of PRODUCT.md as data: every URL by every role.

Each row names a URL pattern, how to build its URL from the test coalition
(tests/conftest.py), and the status each role gets, in the order of
Coalition.ROLES:

    public  partner  wg_member  wg_chair  other_chair  core  admin

"login" means a redirect to the sign-in page; "302" another redirect (an
action done, or the password asked again before a role change). tests/test_permission_matrix.py
fails when a URL pattern of the project has no row here, so a new page cannot
ship without deciding who may see it. The accessibility test visits every
row that answers 200 with HTML.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

ROLES = ("public", "partner", "wg_member", "wg_chair", "other_chair", "core", "admin")


@dataclass(frozen=True)
class Row:
    url: Callable  # (coalition) -> str
    expect: str  # seven statuses, one per role, separated by spaces
    html: bool = True  # False for files, text and fragments (no page accessibility check)
    method: str = "get"  # "post" for actions; their pages are checked where they render
    data: Callable | None = None  # (coalition) -> POST data

    def request(self, client, url, coalition, **extra):
        """Ask for `url` (this row's, built once: building it may make rows) as
        the matrix does: GET, or POST with its data."""
        if self.method == "post":
            return client.post(url, self.data(coalition) if self.data else {}, **extra)
        return client.get(url, **extra)

    def statuses(self) -> dict[str, str]:
        cells = self.expect.split()
        if len(cells) != len(ROLES):
            raise ValueError(f"{self.expect!r} needs {len(ROLES)} cells, one per role")
        return dict(zip(ROLES, cells, strict=True))


EVERYONE = "200 200 200 200 200 200 200"
MEMBERS = "login 200 200 200 200 200 200"
OWN_WORKGROUP = "login 403 200 200 403 200 200"
MANAGERS_OF_WORKGROUP = "login 403 403 200 403 200 200"
CORE_AND_ADMIN = "login 403 403 403 403 200 200"
ADMIN_ONLY = "login 403 403 403 403 403 200"
ADMIN_ACTION = "login 403 403 403 403 403 302"


def _attendance_report():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("report.csv", b"Name,Email\nAnn,ann@example.org\n", "text/csv")


MATRIX: dict[str, Row] = {
    "home": Row(lambda c: reverse("home"), EVERYONE),
    "healthz": Row(lambda c: reverse("healthz"), EVERYONE, html=False),
    "site_texts": Row(lambda c: reverse("site_texts"), ADMIN_ONLY),
    "overview": Row(lambda c: reverse("overview"), CORE_AND_ADMIN),
    # The whole coalition's data as one archive: admins only (tests/mhap/test_exports.py
    # checks an expired download answers 410).
    "exports:list": Row(lambda c: reverse("exports:list"), ADMIN_ONLY),
    "exports:start": Row(lambda c: reverse("exports:start"), ADMIN_ACTION, method="post"),
    "exports:detail": Row(
        lambda c: reverse("exports:detail", kwargs={"pk": c.ready_export().pk}), ADMIN_ONLY
    ),
    "exports:download": Row(
        lambda c: reverse("exports:download", kwargs={"pk": c.ready_export().pk}),
        ADMIN_ONLY,
        html=False,
    ),
    "workgroups:list": Row(lambda c: reverse("workgroups:list"), EVERYONE),
    "workgroups:detail": Row(
        lambda c: reverse("workgroups:detail", kwargs={"slug": c.workgroup.slug}), EVERYONE
    ),
    "workgroups:request_membership": Row(
        lambda c: reverse("workgroups:request_membership", kwargs={"slug": c.workgroup.slug}),
        "login 200 302 302 200 200 200",  # a member of it is sent back to the workgroup
    ),
    "workgroups:membership_requests": Row(
        lambda c: reverse("workgroups:membership_requests", kwargs={"slug": c.workgroup.slug}),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:decide_membership_request": Row(
        lambda c: reverse(
            "workgroups:decide_membership_request",
            kwargs={"slug": c.workgroup.slug, "pk": c.membership_request().pk},
        ),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"decision": "approve"},
    ),
    "workgroups:roster_add": Row(
        lambda c: reverse("workgroups:roster_add", kwargs={"slug": c.workgroup.slug}),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"person": c.partner.pk},
    ),
    "workgroups:roster_end": Row(
        lambda c: reverse(
            "workgroups:roster_end", kwargs={"slug": c.workgroup.slug, "pk": c.membership().pk}
        ),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "workgroups:update_create": Row(
        lambda c: reverse("workgroups:update_create", kwargs={"slug": c.workgroup.slug}),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:meetings": Row(
        lambda c: reverse("workgroups:meetings", kwargs={"slug": c.workgroup.slug}), MEMBERS
    ),
    "workgroups:series_create": Row(
        lambda c: reverse("workgroups:series_create", kwargs={"slug": c.workgroup.slug}),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:series_edit": Row(
        lambda c: reverse(
            "workgroups:series_edit", kwargs={"slug": c.workgroup.slug, "pk": c.series().pk}
        ),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:meeting_create": Row(
        lambda c: reverse("workgroups:meeting_create", kwargs={"slug": c.workgroup.slug}),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:meeting": Row(
        lambda c: reverse(
            "workgroups:meeting", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        MEMBERS,
    ),
    "workgroups:meeting_edit": Row(
        lambda c: reverse(
            "workgroups:meeting_edit", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:meeting_cancel": Row(
        lambda c: reverse(
            "workgroups:meeting_cancel", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "workgroups:minutes_edit": Row(
        lambda c: reverse(
            "workgroups:minutes_edit", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        MANAGERS_OF_WORKGROUP,
    ),
    "workgroups:minutes_history": Row(
        lambda c: reverse(
            "workgroups:minutes_history",
            kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk},
        ),
        MEMBERS,
    ),
    "workgroups:attendance": Row(
        lambda c: reverse(
            "workgroups:attendance", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"present": [c.wg_member.pk]},
    ),
    "workgroups:link_add": Row(
        lambda c: reverse(
            "workgroups:link_add", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}
        ),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"title": "Workgroup page", "address": "/workgroups/"},
    ),
    "workgroups:link_remove": Row(
        lambda c: reverse(
            "workgroups:link_remove",
            kwargs={"slug": c.workgroup.slug, **c.meeting_link_ids()},
        ),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "workgroups:action_item_add": Row(
        lambda c: reverse(
            "workgroups:action_item_add",
            kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk},
        ),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"description": "Call the county"},
    ),
    "workgroups:action_item_done": Row(
        lambda c: reverse(
            "workgroups:action_item_done",
            kwargs={"slug": c.workgroup.slug, "pk": c.action_item().pk},
        ),
        "login 403 302 302 403 302 302",  # the owner (wg_member) may tick their own
        method="post",
    ),
    "meeting_ics": Row(
        lambda c: reverse("meeting_ics", kwargs={"slug": c.workgroup.slug, "pk": c.meeting().pk}),
        MEMBERS,
        html=False,
    ),
    # The token is the key: the same answer whoever asks (tests/mhap/test_calendar.py
    # checks that a wrong or reset token is a 404).
    "calendar_feed": Row(
        lambda c: reverse("calendar_feed", kwargs={"token": c.calendar_token()}),
        EVERYONE,
        html=False,
    ),
    # Issues
    "issues:list": Row(lambda c: reverse("issues:list"), MEMBERS),
    "issues:propose": Row(lambda c: reverse("issues:propose"), MEMBERS),
    "issues:bulk": Row(
        lambda c: reverse("issues:bulk"),
        "login 403 403 403 403 302 302",
        method="post",
        data=lambda c: {"ids": [c.issue().pk], "status": "accepted"},
    ),
    "issues:export": Row(lambda c: reverse("issues:export"), MEMBERS, html=False),
    "issues:save_view": Row(
        lambda c: reverse("issues:save_view"),
        "login 302 302 302 302 302 302",
        method="post",
        data=lambda c: {"name": "Short term", "query": "term=short"},
    ),
    "issues:saved_view": Row(
        lambda c: reverse("issues:saved_view", kwargs={"pk": c.saved_view().pk}),
        "login 302 302 302 302 302 302",  # a shared link opens the list with its filters
    ),
    "issues:delete_view": Row(
        lambda c: reverse("issues:delete_view", kwargs={"pk": c.saved_view().pk}),
        "login 404 404 404 404 302 404",  # only its owner (core) deletes it
        method="post",
    ),
    "issues:backlog": Row(
        lambda c: reverse("issues:backlog", kwargs={"slug": c.workgroup.slug}), MEMBERS
    ),
    "issues:detail": Row(lambda c: reverse("issues:detail", kwargs={"pk": c.issue().pk}), MEMBERS),
    # A table row for htmx to swap in; checked for accessibility inside the list page.
    "issues:row": Row(
        lambda c: reverse("issues:row", kwargs={"pk": c.issue().pk}), MEMBERS, html=False
    ),
    "issues:row_edit": Row(
        lambda c: reverse("issues:row_edit", kwargs={"pk": c.issue().pk}), MANAGERS_OF_WORKGROUP
    ),
    "issues:edit_details": Row(
        lambda c: reverse("issues:edit_details", kwargs={"pk": c.issue().pk}),
        MANAGERS_OF_WORKGROUP,
    ),
    "issues:comment": Row(
        lambda c: reverse("issues:comment", kwargs={"pk": c.issue().pk}),
        "login 403 302 302 403 302 302",  # members of the owning workgroup, and triage
        method="post",
        data=lambda c: {"body": "We should look at the 2024 data."},
    ),
    "issues:merge": Row(
        lambda c: reverse("issues:merge", kwargs={"pk": c.issue().pk}),
        "login 403 403 403 403 302 302",
        method="post",
        data=lambda c: {"survivor": c.issue().pk},
    ),
    "issues:move": Row(
        lambda c: reverse("issues:move", kwargs={"pk": c.issue().pk}),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"direction": "up"},
    ),
    "issues:pick": Row(
        lambda c: reverse("issues:pick", kwargs={"pk": c.issue().pk}),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "issues:start_paper": Row(
        lambda c: reverse("issues:start_paper", kwargs={"pk": c.issue_prioritised().pk}),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    # Issue papers. The draft's cells; tests/issues/test_paper_views.py checks
    # every role against the paper in every state.
    "papers:list": Row(lambda c: reverse("papers:list"), EVERYONE),
    "papers:crosswalk": Row(lambda c: reverse("papers:crosswalk"), EVERYONE),
    "papers:detail": Row(
        lambda c: reverse("papers:detail", kwargs={"pk": c.paper().pk}), OWN_WORKGROUP
    ),
    "papers:edit": Row(
        lambda c: reverse("papers:edit", kwargs={"pk": c.paper().pk}), MANAGERS_OF_WORKGROUP
    ),
    "papers:autosave": Row(
        lambda c: reverse("papers:autosave", kwargs={"pk": c.paper().pk}),
        "login 403 403 200 403 200 200",
        html=False,
        method="post",
        data=lambda c: {
            "expected_version": "2",
            "title": "Kept",
            "rec-TOTAL_FORMS": "0",
            "rec-INITIAL_FORMS": "0",
        },
    ),
    "papers:discard_draft": Row(
        lambda c: reverse("papers:discard_draft", kwargs={"pk": c.paper().pk}),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "papers:revisions": Row(
        lambda c: reverse("papers:revisions", kwargs={"pk": c.paper().pk}), OWN_WORKGROUP
    ),
    "papers:revision": Row(
        lambda c: reverse("papers:revision", kwargs={"pk": c.paper().pk, "number": 2}),
        OWN_WORKGROUP,
    ),
    "papers:compare": Row(
        lambda c: reverse("papers:compare", kwargs={"pk": c.paper().pk}) + "?a=1&b=2&view=side",
        OWN_WORKGROUP,
    ),
    "papers:comment": Row(
        lambda c: reverse("papers:comment", kwargs={"pk": c.paper().pk}),
        "login 403 302 302 403 302 302",
        method="post",
        data=lambda c: {"anchor": "recommendation-1", "body": "Name the fund."},
    ),
    "papers:resolve": Row(
        lambda c: reverse("papers:resolve", kwargs=c.paper_comment_ids()),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "papers:add_co_author": Row(
        lambda c: reverse("papers:add_co_author", kwargs={"pk": c.paper().pk}),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"person": c.wg_member.pk},
    ),
    "papers:remove_co_author": Row(
        lambda c: reverse(
            "papers:remove_co_author", kwargs={"pk": c.paper().pk, "person_pk": c.wg_member.pk}
        ),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "papers:submit": Row(
        lambda c: reverse("papers:submit", kwargs={"pk": c.paper().pk}),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"expected_version": "2"},
    ),
    "papers:withdraw": Row(
        lambda c: reverse("papers:withdraw", kwargs={"pk": c.paper("submitted").pk}),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "papers:start_review": Row(
        lambda c: reverse("papers:start_review", kwargs={"pk": c.paper("submitted").pk}),
        "login 403 403 403 403 302 302",
        method="post",
    ),
    "papers:return_for_revision": Row(
        lambda c: reverse("papers:return_for_revision", kwargs={"pk": c.paper("under_review").pk}),
        "login 403 403 302 403 302 302",
        method="post",
    ),
    "papers:adopt": Row(
        lambda c: reverse("papers:adopt", kwargs={"pk": c.paper("under_review").pk}),
        CORE_AND_ADMIN,
    ),
    "papers:archive": Row(
        lambda c: reverse("papers:archive", kwargs={"pk": c.paper("adopted").pk}),
        "login 403 403 403 403 302 302",
        method="post",
    ),
    # Summits: members see them and register; the Core Group and admins run them.
    "summits:list": Row(lambda c: reverse("summits:list"), MEMBERS),
    "summits:create": Row(lambda c: reverse("summits:create"), CORE_AND_ADMIN),
    "summits:detail": Row(
        lambda c: reverse("summits:detail", kwargs={"slug": c.summit().slug}), MEMBERS
    ),
    "summits:ics": Row(
        lambda c: reverse("summits:ics", kwargs={"slug": c.summit().slug}), MEMBERS, html=False
    ),
    "summits:edit": Row(
        lambda c: reverse("summits:edit", kwargs={"slug": c.summit().slug}), CORE_AND_ADMIN
    ),
    "summits:register": Row(
        lambda c: reverse("summits:register", kwargs={"slug": c.summit().slug}),
        "login 302 302 302 302 302 302",
        method="post",
        data=lambda c: {"mode": "online"},
    ),
    "summits:unregister": Row(
        lambda c: reverse("summits:unregister", kwargs={"slug": c.summit().slug}),
        "login 302 302 302 302 302 302",
        method="post",
    ),
    "summits:registrations": Row(
        lambda c: reverse("summits:registrations", kwargs={"slug": c.summit().slug}),
        CORE_AND_ADMIN,
    ),
    "summits:registrations_csv": Row(
        lambda c: reverse("summits:registrations_csv", kwargs={"slug": c.summit().slug}),
        CORE_AND_ADMIN,
        html=False,
    ),
    "summits:round_create": Row(
        lambda c: reverse("summits:round_create", kwargs={"slug": c.summit().slug}),
        CORE_AND_ADMIN,
    ),
    "summits:round": Row(
        lambda c: reverse("summits:round", kwargs={"pk": c.feedback_round().pk}), MEMBERS
    ),
    "summits:give_feedback": Row(
        lambda c: reverse("summits:give_feedback", kwargs=c.round_paper_ids()), MEMBERS
    ),
    "summits:keep_feedback": Row(
        lambda c: reverse("summits:keep_feedback", kwargs=c.round_paper_ids()),
        "login 200 200 200 200 200 200",
        html=False,
        method="post",
        data=lambda c: {"stance": "support", "comments": "Kept"},
    ),
    "summits:report": Row(
        lambda c: reverse("summits:report", kwargs=c.round_paper_ids()),
        # an open round: members see results once it closes; chairs at any time
        "login 403 403 200 200 200 200",
    ),
    "summits:on_behalf": Row(
        lambda c: reverse("summits:on_behalf", kwargs=c.round_paper_ids()), CORE_AND_ADMIN
    ),
    "summits:round_summary": Row(
        lambda c: reverse("summits:round_summary", kwargs={"pk": c.feedback_round().pk}),
        CORE_AND_ADMIN,
    ),
    "summits:feedback_csv": Row(
        lambda c: reverse("summits:feedback_csv", kwargs={"pk": c.feedback_round().pk}),
        "login 403 403 200 200 200 200",
        html=False,
    ),
    "summits:changes_since": Row(
        lambda c: reverse("summits:changes_since", kwargs=c.feedback_ids()),
        "login 200 403 403 403 403 403",  # the partner gave it: theirs alone
    ),
    "summits:disposition": Row(
        lambda c: reverse("summits:disposition", kwargs=c.feedback_ids()),
        "login 403 403 302 403 302 302",
        method="post",
        data=lambda c: {"disposition": "accepted", "reason": "Added to recommendation 1."},
    ),
    # Learning sessions: the public library; the Core Group and admins plan.
    "learning_sessions:library": Row(lambda c: reverse("learning_sessions:library"), EVERYONE),
    "learning_sessions:detail": Row(
        lambda c: reverse("learning_sessions:detail", kwargs={"slug": c.learning_session().slug}),
        EVERYONE,
    ),
    "learning_sessions:register": Row(
        lambda c: reverse("learning_sessions:register", kwargs={"slug": c.upcoming_session().slug}),
        "login 302 302 302 302 302 302",
        method="post",
    ),
    "learning_sessions:unregister": Row(
        lambda c: reverse(
            "learning_sessions:unregister", kwargs={"slug": c.upcoming_session().slug}
        ),
        "login 302 302 302 302 302 302",
        method="post",
    ),
    "learning_sessions:register_guest": Row(
        lambda c: reverse(
            "learning_sessions:register_guest", kwargs={"slug": c.upcoming_session().slug}
        ),
        EVERYONE,
    ),
    "learning_sessions:confirm": Row(
        lambda c: reverse("learning_sessions:confirm", kwargs={"token": c.guest_token()}),
        EVERYONE,
    ),
    "learning_sessions:registrations": Row(
        lambda c: reverse(
            "learning_sessions:registrations", kwargs={"slug": c.upcoming_session().slug}
        ),
        CORE_AND_ADMIN,
    ),
    "learning_sessions:registrations_csv": Row(
        lambda c: reverse(
            "learning_sessions:registrations_csv", kwargs={"slug": c.upcoming_session().slug}
        ),
        CORE_AND_ADMIN,
        html=False,
    ),
    "learning_sessions:import_attendance": Row(
        lambda c: reverse(
            "learning_sessions:import_attendance", kwargs={"slug": c.learning_session().slug}
        ),
        "login 403 403 403 403 302 302",  # imported; the page lists who matched nobody
        method="post",
        data=lambda c: {"file": _attendance_report()},
    ),
    "learning_sessions:ics": Row(
        lambda c: reverse("learning_sessions:ics", kwargs={"slug": c.upcoming_session().slug}),
        EVERYONE,
        html=False,
    ),
    "learning_sessions:feed": Row(
        lambda c: reverse("learning_sessions:feed"), EVERYONE, html=False
    ),
    "learning_sessions:slides": Row(
        lambda c: reverse(
            "learning_sessions:slides",
            kwargs={"slug": c.session_with_files(visibility="members").slug},
        ),
        MEMBERS,
        html=False,
    ),
    "learning_sessions:captions": Row(
        lambda c: reverse(
            "learning_sessions:captions", kwargs={"slug": c.session_with_files().slug}
        ),
        EVERYONE,
        html=False,
    ),
    "learning_sessions:plan": Row(lambda c: reverse("learning_sessions:plan"), CORE_AND_ADMIN),
    "learning_sessions:create": Row(lambda c: reverse("learning_sessions:create"), CORE_AND_ADMIN),
    "learning_sessions:edit": Row(
        lambda c: reverse("learning_sessions:edit", kwargs={"slug": c.learning_session().slug}),
        CORE_AND_ADMIN,
    ),
    # Reminders and notifications
    "reminders:preferences": Row(lambda c: reverse("reminders:preferences"), MEMBERS),
    "reminders:unsubscribe": Row(
        lambda c: reverse("reminders:unsubscribe", kwargs={"token": c.unsubscribe_token()}),
        EVERYONE,  # the signed link is the authority: it works without signing in
    ),
    "reminders:deliveries": Row(lambda c: reverse("reminders:deliveries"), ADMIN_ONLY),
    "reminders:retry": Row(
        lambda c: reverse("reminders:retry", kwargs={"pk": c.failed_delivery().pk}),
        ADMIN_ACTION,
        method="post",
    ),
    "reminders:retry_failed": Row(
        lambda c: reverse("reminders:retry_failed"), ADMIN_ACTION, method="post"
    ),
    "reminders:lead_times": Row(lambda c: reverse("reminders:lead_times"), ADMIN_ONLY),
    # Membership: the public
    "members:join_request": Row(lambda c: reverse("members:join_request"), EVERYONE),
    "members:join_thanks": Row(lambda c: reverse("members:join_thanks"), EVERYONE),
    "members:accept_invitation": Row(
        lambda c: reverse("members:accept_invitation", args=[c.invitation_token()]),
        "200 302 302 302 302 302 302",  # signed in already: sent home with a message
    ),
    # Membership: every member
    "members:directory": Row(lambda c: reverse("members:directory"), MEMBERS),
    "members:directory_organisations": Row(
        lambda c: reverse("members:directory_organisations"), MEMBERS
    ),
    "members:profile": Row(lambda c: reverse("members:profile"), MEMBERS),
    "members:calendar_reset": Row(
        lambda c: reverse("members:calendar_reset"),
        "login 302 302 302 302 302 302",
        method="post",
    ),
    # Membership: admins
    "members:people": Row(lambda c: reverse("members:people"), ADMIN_ONLY),
    "members:person": Row(
        lambda c: reverse("members:person", kwargs={"pk": c.wg_member.pk}), ADMIN_ONLY
    ),
    "members:add_membership": Row(
        lambda c: reverse("members:add_membership", kwargs={"pk": c.partner.pk}),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"workgroup": c.workgroup.pk, "role": "member"},
    ),
    "members:change_membership_role": Row(
        lambda c: reverse(
            "members:change_membership_role",
            kwargs={"pk": c.wg_member.pk, "membership_pk": c.membership().pk},
        ),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"role": "chair"},
    ),
    "members:end_membership": Row(
        lambda c: reverse(
            "members:end_membership",
            kwargs={"pk": c.wg_member.pk, "membership_pk": c.membership().pk},
        ),
        ADMIN_ACTION,
        method="post",
    ),
    "members:set_admin": Row(
        lambda c: reverse("members:set_admin", kwargs={"pk": c.partner.pk}),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"admin": "yes"},
    ),
    "members:set_active": Row(
        lambda c: reverse("members:set_active", kwargs={"pk": c.partner.pk}),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"active": "no"},
    ),
    "members:invite": Row(lambda c: reverse("members:invite"), ADMIN_ONLY),
    "members:invitations": Row(lambda c: reverse("members:invitations"), ADMIN_ONLY),
    "members:resend_invitation": Row(
        lambda c: reverse("members:resend_invitation", kwargs={"pk": c.invitation().pk}),
        ADMIN_ACTION,
        method="post",
    ),
    "members:revoke_invitation": Row(
        lambda c: reverse("members:revoke_invitation", kwargs={"pk": c.invitation().pk}),
        ADMIN_ACTION,
        method="post",
    ),
    "members:import": Row(lambda c: reverse("members:import"), ADMIN_ONLY),
    "members:import_detail": Row(
        lambda c: reverse("members:import_detail", kwargs={"pk": c.invitation_import().pk}),
        ADMIN_ONLY,
    ),
    "members:join_requests": Row(lambda c: reverse("members:join_requests"), ADMIN_ONLY),
    "members:decide_join_request": Row(
        lambda c: reverse("members:decide_join_request", kwargs={"pk": c.join_request().pk}),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"decision": "decline"},
    ),
    "members:organisations": Row(lambda c: reverse("members:organisations"), ADMIN_ONLY),
    "members:add_sector": Row(
        lambda c: reverse("members:add_sector"),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"name": "Faith communities"},
    ),
    "members:organisation": Row(
        lambda c: reverse("members:organisation", kwargs={"pk": c.partner.organisation.pk}),
        ADMIN_ONLY,
    ),
    "members:merge_organisation": Row(
        lambda c: reverse("members:merge_organisation", kwargs={"pk": c.partner.organisation.pk}),
        ADMIN_ACTION,
        method="post",
        data=lambda c: {"keep": c.admin.organisation.pk},
    ),
}

# Third-party URL trees, exempt from the matrix. Each has its reason.
EXEMPT_PREFIXES = {
    "django-admin/": "The Django admin: staff-only by Django's own checks; its login goes "
    "through allauth (tests/mhap/test_admin_login.py).",
    "accounts/": "django-allauth's account pages: public by nature (sign in, reset a "
    "password) or guarded by allauth itself; tested in tests/members/test_accounts.py.",
    "static/": "Static files, served by whitenoise.",
}

# Advocacy keeps its rows beside its tests (three parts, one file each).
from tests.issues.advocacy.rows import ROWS as ADVOCACY_ROWS  # noqa: E402

MATRIX.update(ADVOCACY_ROWS)
