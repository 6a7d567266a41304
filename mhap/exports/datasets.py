"""The coalition's data, one dataset per file of the export archive.

Each dataset is a function yielding one dict per row, its keys the dataset's
columns in their order. Values are plain Python (text, numbers, booleans,
None, dates and times, lists of natural keys); archive.py writes them as CSV
and as JSON. Rows stream from the database with .iterator() in chunks, and
every foreign key a row names is joined (select_related) or, for the few
many-to-many lists, prefetched once per chunk: a dataset costs the same few
queries for ten rows as for a thousand.

Natural keys sit beside ids, so a row makes sense without a join: people by
email, workgroups, summits, sessions, sectors and vocabularies by slug,
organisations by name. Never here: password hashes, second-factor secrets,
sessions, and every token (calendar feeds, invitations, guests' links).

Each dataset declares the model it exports (and the many-to-many tables its
list columns carry); every model of the Hub's apps is either exported so or
named in EXCLUDED with the reason it stays behind. A test holds the two
together, so a model added later is a decision, not an oversight.
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db.models import F, Model

from issues.models import (
    AdvocacyChange,
    Bill,
    BillStatusChange,
    Committee,
    Contact,
    FollowUp,
    Implementer,
    Issue,
    IssueChange,
    IssueComment,
    IssuePaper,
    Legislator,
    LegislatorResponse,
    Lever,
    OrganisationDistrict,
    PaperCoAuthor,
    PaperComment,
    PaperRevision,
    PaperSupport,
    PolicyArea,
    Recommendation,
)
from learning_sessions.models import LearningSession, Presenter, SessionRegistration, Topic
from members.models import Invitation, JoinRequest, Organisation, Sector, User
from mhap.models import SiteText
from reminders.models import GuestOptOut, Preference
from summits.models import Feedback, FeedbackRound, Registration, RoundPaper, Summit
from workgroups.models import (
    ActionItem,
    Attendance,
    Meeting,
    MeetingLink,
    MeetingSeries,
    Membership,
    MembershipRequest,
    MinutesRevision,
    RoleChange,
    Workgroup,
    WorkgroupUpdate,
)

# Rows fetched (and many-to-many lists prefetched) per round trip.
CHUNK = 1000


@dataclass(frozen=True)
class Dataset:
    name: str  # the file's name without extension: people -> people.csv, people.json
    columns: tuple[str, ...]
    rows: Callable[[], Iterator[dict]]
    # The model whose rows these are, and the many-to-many fields of it whose
    # tables the dataset's list columns carry (issues.levers ...).
    model: type[Model] | None = None
    many_to_many: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return self.name.replace("_", " ")

    @property
    def tables(self) -> set[str]:
        """The models ("app_label.ModelName") this dataset exports."""
        if self.model is None:
            return set()
        meta = self.model._meta
        return {meta.label} | {
            meta.get_field(field).remote_field.through._meta.label for field in self.many_to_many
        }


# In the archive's order: who, then where they work, then what they make.
DATASETS: list[Dataset] = []


def dataset(name: str, columns: str, *, model: type[Model], many_to_many: tuple[str, ...] = ()):
    """Register the decorated function as a dataset of `model`'s rows with these
    (space-separated) columns."""

    def register(rows: Callable[[], Iterator[dict]]):
        DATASETS.append(Dataset(name, tuple(columns.split()), rows, model, many_to_many))
        return rows

    return register


# The models of the Hub's apps that no dataset exports, and why.
EXCLUDED: dict[str, str] = {
    "members.User_groups": (
        "Django admin groups: the Hub's permissions never read them (admins are is_staff, "
        "exported as people.is_admin; every other role is a membership)."
    ),
    "members.User_user_permissions": (
        "Django per-user admin permissions: the Hub's permissions never read them."
    ),
    "members.InvitationImport": (
        "An uploaded CSV of people to invite and a worker's progress through it: a job "
        "record. The invitations it sent are in invitations."
    ),
    "issues.SavedView": (
        "A person's saved triage filters, a query string of this Hub's addresses: a screen "
        "setting, not the coalition's work."
    ),
    "issues.PaperDraft": (
        "Text typed in the paper editor and not saved, kept only so a closed tab loses "
        "nothing. Every saved revision is in paper_revisions."
    ),
    "summits.FeedbackDraft": (
        "Feedback typed and never submitted: the coalition never received it and it is "
        "never counted. Submitted feedback is in feedback."
    ),
    "reminders.Delivery": (
        "The outbox: each email queued or sent, with its leases, retries, errors and rendered "
        "content. Machinery of this Hub; people's email choices are in reminder_preferences "
        "and guest_opt_outs."
    ),
    "reminders.LeadTimes": (
        "How long before an event its reminders go out: a setting of this Hub's reminder "
        "machinery, not the coalition's data."
    ),
    "reminders.PlannerState": (
        "The reminder planner's bookmark (planned up to when): internal state."
    ),
    "mhap.Export": (
        "The exports themselves (who took the data out, and their storage files): the "
        "record of this feature, kept in the Hub."
    ),
}


def _email(person) -> str | None:
    return person.email if person is not None else None


def _slugs(related) -> list[str]:
    return [item.slug for item in related.all()]


def _ids(related) -> list[int]:
    return sorted(item.pk for item in related.all())


# People and organisations -------------------------------------------------------


@dataset("sectors", "id name slug position", model=Sector)
def sectors():
    for sector in Sector.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": sector.pk,
            "name": sector.name,
            "slug": sector.slug,
            "position": sector.position,
        }


@dataset("organisations", "id name sector_id sector website", model=Organisation)
def organisations():
    rows = Organisation.objects.select_related("sector").order_by("pk")
    for organisation in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": organisation.pk,
            "name": organisation.name,
            "sector_id": organisation.sector_id,
            "sector": organisation.sector.slug,
            "website": organisation.website,
        }


@dataset(
    "people",
    "id email full_name organisation_id organisation sector is_active is_admin date_joined "
    "last_login time_zone phone bio show_organisation show_email show_phone show_bio",
    model=User,
)
def people():
    # Columns are named one by one, never "every field": the password hash,
    # the calendar token and whatever secret the model gains later stay out.
    rows = get_user_model().objects.select_related("organisation__sector").order_by("pk")
    for person in rows.iterator(chunk_size=CHUNK):
        organisation = person.organisation
        yield {
            "id": person.pk,
            "email": person.email,
            "full_name": person.full_name,
            "organisation_id": person.organisation_id,
            "organisation": organisation.name if organisation else None,
            "sector": organisation.sector.slug if organisation else None,
            "is_active": person.is_active,
            "is_admin": person.is_staff,
            "date_joined": person.date_joined,
            "last_login": person.last_login,
            "time_zone": person.time_zone,
            "phone": person.phone,
            "bio": person.bio,
            "show_organisation": person.show_organisation,
            "show_email": person.show_email,
            "show_phone": person.show_phone,
            "show_bio": person.show_bio,
        }


@dataset(
    "join_requests",
    "id full_name email organisation_name reason status created_at decided_by_email decided_at "
    "invitation_id",
    model=JoinRequest,
)
def join_requests():
    rows = JoinRequest.objects.select_related("decided_by").order_by("pk")
    for request in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": request.pk,
            "full_name": request.full_name,
            "email": request.email,
            "organisation_name": request.organisation_name,
            "reason": request.reason,
            "status": request.status,
            "created_at": request.created_at,
            "decided_by_email": _email(request.decided_by),
            "decided_at": request.decided_at,
            "invitation_id": request.invitation_id,
        }


@dataset(
    "invitations",
    "id email full_name organisation_id organisation workgroups workgroup_role status "
    "invited_by_id invited_by_email created_at expires_at sent_at send_count accepted_at "
    "accepted_by_id accepted_by_email",
    model=Invitation,
    many_to_many=("workgroups",),
)
def invitations():
    """Who invited whom, where to, and what came of it. The link's token (its
    hash) stays behind: the link is the Hub's to honour, no one else's."""
    rows = (
        Invitation.objects.select_related("organisation", "invited_by", "accepted_by")
        .prefetch_related("workgroups")
        .order_by("pk")
    )
    for invitation in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": invitation.pk,
            "email": invitation.email,
            "full_name": invitation.full_name,
            "organisation_id": invitation.organisation_id,
            "organisation": invitation.organisation.name if invitation.organisation else None,
            "workgroups": _slugs(invitation.workgroups),
            "workgroup_role": invitation.workgroup_role,
            "status": invitation.status,
            "invited_by_id": invitation.invited_by_id,
            "invited_by_email": _email(invitation.invited_by),
            "created_at": invitation.created_at,
            "expires_at": invitation.expires_at,
            "sent_at": invitation.sent_at,
            "send_count": invitation.send_count,
            "accepted_at": invitation.accepted_at,
            "accepted_by_id": invitation.accepted_by_id,
            "accepted_by_email": _email(invitation.accepted_by),
        }


# Workgroups and meetings -------------------------------------------------------


@dataset(
    "workgroups",
    "id name slug is_core_group summary description status cadence meeting_link",
    model=Workgroup,
)
def workgroups():
    for workgroup in Workgroup.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": workgroup.pk,
            "name": workgroup.name,
            "slug": workgroup.slug,
            "is_core_group": workgroup.is_core_group,
            "summary": workgroup.summary,
            "description": workgroup.description,
            "status": workgroup.status,
            "cadence": workgroup.cadence,
            "meeting_link": workgroup.meeting_link,
        }


@dataset(
    "memberships",
    "id workgroup_id workgroup person_id person_email role started_on ended_on",
    model=Membership,
)
def memberships():
    rows = Membership.objects.select_related("workgroup", "person").order_by("pk")
    for membership in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": membership.pk,
            "workgroup_id": membership.workgroup_id,
            "workgroup": membership.workgroup.slug,
            "person_id": membership.person_id,
            "person_email": membership.person.email,
            "role": membership.role,
            "started_on": membership.started_on,
            "ended_on": membership.ended_on,
        }


@dataset(
    "membership_requests",
    "id workgroup_id workgroup person_id person_email message status created_at "
    "decided_by_email decided_at",
    model=MembershipRequest,
)
def membership_requests():
    rows = MembershipRequest.objects.select_related("workgroup", "person", "decided_by")
    for request in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": request.pk,
            "workgroup_id": request.workgroup_id,
            "workgroup": request.workgroup.slug,
            "person_id": request.person_id,
            "person_email": request.person.email,
            "message": request.message,
            "status": request.status,
            "created_at": request.created_at,
            "decided_by_email": _email(request.decided_by),
            "decided_at": request.decided_at,
        }


@dataset(
    "role_changes",
    "id person_id person_email changed_at kind workgroup_id workgroup old_value new_value note "
    "actor_email",
    model=RoleChange,
)
def role_changes():
    rows = RoleChange.objects.select_related("person", "workgroup", "actor").order_by("pk")
    for change in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": change.pk,
            "person_id": change.person_id,
            "person_email": change.person.email,
            "changed_at": change.changed_at,
            "kind": change.kind,
            "workgroup_id": change.workgroup_id,
            "workgroup": change.workgroup.slug if change.workgroup else None,
            "old_value": change.old_value,
            "new_value": change.new_value,
            "note": change.note,
            "actor_email": _email(change.actor),
        }


@dataset(
    "workgroup_updates",
    "id workgroup_id workgroup author_email created_at happened next_steps needs",
    model=WorkgroupUpdate,
)
def workgroup_updates():
    rows = WorkgroupUpdate.objects.select_related("workgroup", "author").order_by("pk")
    for update in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": update.pk,
            "workgroup_id": update.workgroup_id,
            "workgroup": update.workgroup.slug,
            "author_email": _email(update.author),
            "created_at": update.created_at,
            "happened": update.happened,
            "next_steps": update.next_steps,
            "needs": update.needs,
        }


@dataset(
    "meeting_series",
    "id workgroup_id workgroup title rule starts_on start_time duration_minutes time_zone until "
    "meeting_link created_by_email created_at",
    model=MeetingSeries,
)
def meeting_series():
    rows = MeetingSeries.objects.select_related("workgroup", "created_by").order_by("pk")
    for series in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": series.pk,
            "workgroup_id": series.workgroup_id,
            "workgroup": series.workgroup.slug,
            "title": series.title,
            "rule": series.rule,
            "starts_on": series.starts_on,
            "start_time": series.start_time,
            "duration_minutes": series.duration_minutes,
            "time_zone": series.time_zone,
            "until": series.until,
            "meeting_link": series.meeting_link,
            "created_by_email": _email(series.created_by),
            "created_at": series.created_at,
        }


@dataset(
    "meetings",
    "id uid workgroup_id workgroup series_id title status starts_at ends_at time_zone "
    "original_start is_detached meeting_link location agenda created_at updated_at",
    model=Meeting,
)
def meetings():
    rows = Meeting.objects.select_related("workgroup").order_by("pk")
    for meeting in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": meeting.pk,
            "uid": meeting.uid,
            "workgroup_id": meeting.workgroup_id,
            "workgroup": meeting.workgroup.slug,
            "series_id": meeting.series_id,
            "title": meeting.title,
            "status": meeting.status,
            "starts_at": meeting.starts_at,
            "ends_at": meeting.ends_at,
            "time_zone": meeting.time_zone,
            "original_start": meeting.original_start,
            "is_detached": meeting.is_detached,
            "meeting_link": meeting.meeting_link,
            "location": meeting.location,
            "agenda": meeting.agenda,
            "created_at": meeting.created_at,
            "updated_at": meeting.updated_at,
        }


@dataset(
    "minutes",
    "id meeting_id workgroup author_email created_at based_on_id is_conflict text",
    model=MinutesRevision,
)
def minutes():
    """Every saved revision of every meeting's minutes, conflicts included."""
    rows = MinutesRevision.objects.select_related("meeting__workgroup", "author").order_by("pk")
    for revision in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": revision.pk,
            "meeting_id": revision.meeting_id,
            "workgroup": revision.meeting.workgroup.slug,
            "author_email": _email(revision.author),
            "created_at": revision.created_at,
            "based_on_id": revision.based_on_id,
            "is_conflict": revision.is_conflict,
            "text": revision.text,
        }


@dataset(
    "meeting_links",
    "id meeting_id workgroup title path added_by_email created_at",
    model=MeetingLink,
)
def meeting_links():
    """The Hub's pages (issues, papers, summits) discussed at each meeting, by
    their path in the Hub."""
    rows = MeetingLink.objects.select_related("meeting__workgroup", "added_by").order_by("pk")
    for link in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": link.pk,
            "meeting_id": link.meeting_id,
            "workgroup": link.meeting.workgroup.slug,
            "title": link.title,
            "path": link.path,
            "added_by_email": _email(link.added_by),
            "created_at": link.created_at,
        }


@dataset("attendance", "id meeting_id person_id person_email", model=Attendance)
def attendance():
    rows = Attendance.objects.select_related("person").order_by("pk")
    for present in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": present.pk,
            "meeting_id": present.meeting_id,
            "person_id": present.person_id,
            "person_email": present.person.email,
        }


@dataset(
    "action_items",
    "id workgroup_id workgroup meeting_id description owner_id owner_email due_on "
    "created_by_email created_at done_at done_by_email",
    model=ActionItem,
)
def action_items():
    rows = ActionItem.objects.select_related("workgroup", "owner", "created_by", "done_by")
    for item in rows.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": item.pk,
            "workgroup_id": item.workgroup_id,
            "workgroup": item.workgroup.slug,
            "meeting_id": item.meeting_id,
            "description": item.description,
            "owner_id": item.owner_id,
            "owner_email": _email(item.owner),
            "due_on": item.due_on,
            "created_by_email": _email(item.created_by),
            "created_at": item.created_at,
            "done_at": item.done_at,
            "done_by_email": _email(item.done_by),
        }


# Issues and papers -------------------------------------------------------------


@dataset("levers", "id name slug position description", model=Lever)
def levers():
    for lever in Lever.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": lever.pk,
            "name": lever.name,
            "slug": lever.slug,
            "position": lever.position,
            "description": lever.description,
        }


@dataset("policy_areas", "id name slug", model=PolicyArea)
def policy_areas():
    for area in PolicyArea.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {"id": area.pk, "name": area.name, "slug": area.slug}


@dataset("implementers", "id name slug position", model=Implementer)
def implementers():
    for implementer in Implementer.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": implementer.pk,
            "name": implementer.name,
            "slug": implementer.slug,
            "position": implementer.position,
        }


@dataset(
    "issues",
    "id title description workgroup_id workgroup term legislative status impact momentum levers "
    "policy_areas owner_id owner_email proposed_by_id proposed_by_email proposed_at rank "
    "merged_into_id updated_at",
    model=Issue,
    many_to_many=("levers", "policy_areas"),
)
def issues():
    rows = (
        Issue.objects.select_related("workgroup", "owner", "proposed_by")
        .prefetch_related("levers", "policy_areas")
        .order_by("pk")
    )
    for issue in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": issue.pk,
            "title": issue.title,
            "description": issue.description,
            "workgroup_id": issue.workgroup_id,
            "workgroup": issue.workgroup.slug,
            "term": issue.term,
            "legislative": issue.legislative,
            "status": issue.status,
            "impact": issue.impact,
            "momentum": issue.momentum,
            "levers": _slugs(issue.levers),
            "policy_areas": _slugs(issue.policy_areas),
            "owner_id": issue.owner_id,
            "owner_email": _email(issue.owner),
            "proposed_by_id": issue.proposed_by_id,
            "proposed_by_email": _email(issue.proposed_by),
            "proposed_at": issue.proposed_at,
            "rank": issue.rank,
            "merged_into_id": issue.merged_into_id,
            "updated_at": issue.updated_at,
        }


@dataset(
    "issue_changes",
    "id issue_id changed_at field old_value new_value reason actor_email",
    model=IssueChange,
)
def issue_changes():
    """Each issue's history: every change of status, term, owner ... with who and why."""
    rows = IssueChange.objects.select_related("actor").order_by("pk")
    for change in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": change.pk,
            "issue_id": change.issue_id,
            "changed_at": change.changed_at,
            "field": change.field,
            "old_value": change.old_value,
            "new_value": change.new_value,
            "reason": change.reason,
            "actor_email": _email(change.actor),
        }


@dataset("issue_comments", "id issue_id author_email created_at body", model=IssueComment)
def issue_comments():
    rows = IssueComment.objects.select_related("author").order_by("pk")
    for comment in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": comment.pk,
            "issue_id": comment.issue_id,
            "author_email": _email(comment.author),
            "created_at": comment.created_at,
            "body": comment.body,
        }


@dataset(
    "papers",
    "id issue_id title state legislative current_revision submitted_revision review_revision "
    "adopted_revision submitted_at submitted_by_email adopted_on adopted_at_event decision "
    "adopted_by_email created_by_email created_at updated_at",
    model=IssuePaper,
)
def papers():
    # Revisions by number, as people name them; their text is in paper_revisions.
    rows = (
        IssuePaper.objects.select_related("submitted_by", "adopted_by", "created_by")
        .annotate(
            current_number=F("current_revision__number"),
            submitted_number=F("submitted_revision__number"),
            review_number=F("review_revision__number"),
            adopted_number=F("adopted_revision__number"),
        )
        .order_by("pk")
    )
    for paper in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": paper.pk,
            "issue_id": paper.issue_id,
            "title": paper.title,
            "state": paper.state,
            "legislative": paper.legislative,
            "current_revision": paper.current_number,
            "submitted_revision": paper.submitted_number,
            "review_revision": paper.review_number,
            "adopted_revision": paper.adopted_number,
            "submitted_at": paper.submitted_at,
            "submitted_by_email": _email(paper.submitted_by),
            "adopted_on": paper.adopted_on,
            "adopted_at_event": paper.adopted_at_event,
            "decision": paper.decision,
            "adopted_by_email": _email(paper.adopted_by),
            "created_by_email": _email(paper.created_by),
            "created_at": paper.created_at,
            "updated_at": paper.updated_at,
        }


@dataset(
    "paper_revisions",
    "id paper_id number title note author_email created_at summary background problem "
    "fiscal_note references",
    model=PaperRevision,
)
def paper_revisions():
    """Every saved revision of every paper, whole: nothing is ever changed in one."""
    rows = PaperRevision.objects.select_related("author").order_by("pk")
    for revision in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": revision.pk,
            "paper_id": revision.paper_id,
            "number": revision.number,
            "title": revision.title,
            "note": revision.note,
            "author_email": _email(revision.author),
            "created_at": revision.created_at,
            "summary": revision.summary,
            "background": revision.background,
            "problem": revision.problem,
            "fiscal_note": revision.fiscal_note,
            "references": revision.references,
        }


@dataset(
    "recommendations",
    "id paper_id revision_id revision_number number legislative implementers levers text",
    model=Recommendation,
    many_to_many=("implementers", "levers"),
)
def recommendations():
    rows = (
        Recommendation.objects.annotate(
            paper=F("revision__paper_id"), revision_number=F("revision__number")
        )
        .prefetch_related("implementers", "levers")
        .order_by("pk")
    )
    for recommendation in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": recommendation.pk,
            "paper_id": recommendation.paper,
            "revision_id": recommendation.revision_id,
            "revision_number": recommendation.revision_number,
            "number": recommendation.number,
            "legislative": recommendation.legislative,
            "implementers": _slugs(recommendation.implementers),
            "levers": _slugs(recommendation.levers),
            "text": recommendation.text,
        }


@dataset(
    "paper_co_authors",
    "id paper_id person_id person_email added_by_email added_at",
    model=PaperCoAuthor,
)
def paper_co_authors():
    rows = PaperCoAuthor.objects.select_related("person", "added_by").order_by("pk")
    for co_author in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": co_author.pk,
            "paper_id": co_author.paper_id,
            "person_id": co_author.person_id,
            "person_email": co_author.person.email,
            "added_by_email": _email(co_author.added_by),
            "added_at": co_author.added_at,
        }


@dataset(
    "paper_comments",
    "id paper_id revision_number section recommendation_number author_email created_at "
    "resolved_at resolved_by_email body",
    model=PaperComment,
)
def paper_comments():
    rows = (
        PaperComment.objects.select_related("author", "resolved_by")
        .annotate(revision_number=F("revision__number"))
        .order_by("pk")
    )
    for comment in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": comment.pk,
            "paper_id": comment.paper_id,
            "revision_number": comment.revision_number,
            "section": comment.section,
            "recommendation_number": comment.recommendation_number,
            "author_email": _email(comment.author),
            "created_at": comment.created_at,
            "resolved_at": comment.resolved_at,
            "resolved_by_email": _email(comment.resolved_by),
            "body": comment.body,
        }


# Advocacy -----------------------------------------------------------------------


@dataset("committees", "id chamber name", model=Committee)
def committees():
    for committee in Committee.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {"id": committee.pk, "chamber": committee.chamber, "name": committee.name}


@dataset(
    "legislators",
    "id full_name chamber district party committee_ids office_phone office_email "
    "office_address staff term_start term_end external_id",
    model=Legislator,
    many_to_many=("committees",),
)
def legislators():
    rows = Legislator.objects.prefetch_related("committees").order_by("pk")
    for legislator in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": legislator.pk,
            "full_name": legislator.full_name,
            "chamber": legislator.chamber,
            "district": legislator.district,
            "party": legislator.party,
            "committee_ids": _ids(legislator.committees),
            "office_phone": legislator.office_phone,
            "office_email": legislator.office_email,
            "office_address": legislator.office_address,
            "staff": legislator.staff,
            "term_start": legislator.term_start,
            "term_end": legislator.term_end,
            "external_id": legislator.external_id,
        }


@dataset(
    "bills",
    "id number session title status link paper_ids recommendation_ids committee_ids created_at",
    model=Bill,
    many_to_many=("papers", "recommendations", "committees"),
)
def bills():
    rows = Bill.objects.prefetch_related("papers", "recommendations", "committees").order_by("pk")
    for bill in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": bill.pk,
            "number": bill.number,
            "session": bill.session,
            "title": bill.title,
            "status": bill.status,
            "link": bill.link,
            "paper_ids": _ids(bill.papers),
            "recommendation_ids": _ids(bill.recommendations),
            "committee_ids": _ids(bill.committees),
            "created_at": bill.created_at,
        }


@dataset(
    "bill_history", "id bill_id status on note recorded_by_email recorded_at",
    model=BillStatusChange,
)  # fmt: skip
def bill_history():
    rows = BillStatusChange.objects.select_related("recorded_by").order_by("pk")
    for change in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": change.pk,
            "bill_id": change.bill_id,
            "status": change.status,
            "on": change.on,
            "note": change.note,
            "recorded_by_email": _email(change.recorded_by),
            "recorded_at": change.recorded_at,
        }


@dataset(
    "organisation_districts", "id organisation_id organisation chamber district",
    model=OrganisationDistrict,
)  # fmt: skip
def organisation_districts():
    rows = OrganisationDistrict.objects.select_related("organisation").order_by("pk")
    for row in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": row.pk,
            "organisation_id": row.organisation_id,
            "organisation": row.organisation.name,
            "chamber": row.chamber,
            "district": row.district,
        }


@dataset(
    "paper_supporters", "id paper_id organisation_id organisation added_by_email added_at",
    model=PaperSupport,
)  # fmt: skip
def paper_supporters():
    rows = PaperSupport.objects.select_related("organisation", "added_by").order_by("pk")
    for support in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": support.pk,
            "paper_id": support.paper_id,
            "organisation_id": support.organisation_id,
            "organisation": support.organisation.name,
            "added_by_email": _email(support.added_by),
            "added_at": support.added_at,
        }


@dataset(
    "advocacy_contacts",
    "id on kind legislator_ids staff_met member_emails organisation_ids paper_ids bill_ids ask "
    "notes logged_by_email created_at updated_at",
    model=Contact,
    many_to_many=("members_present", "organisations_present", "papers", "bills"),
)
def advocacy_contacts():
    """Each legislator's response is in advocacy_contact_responses."""
    rows = (
        Contact.objects.select_related("logged_by")
        .prefetch_related("legislators", "members_present", "organisations_present", "papers",
                          "bills")
        .order_by("pk")
    )  # fmt: skip
    for contact in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": contact.pk,
            "on": contact.on,
            "kind": contact.kind,
            "legislator_ids": _ids(contact.legislators),
            "staff_met": contact.staff_met,
            "member_emails": sorted(person.email for person in contact.members_present.all()),
            "organisation_ids": _ids(contact.organisations_present),
            "paper_ids": _ids(contact.papers),
            "bill_ids": _ids(contact.bills),
            "ask": contact.ask,
            "notes": contact.notes,
            "logged_by_email": _email(contact.logged_by),
            "created_at": contact.created_at,
            "updated_at": contact.updated_at,
        }


@dataset(
    "advocacy_contact_responses", "contact_id legislator_id response", model=LegislatorResponse
)
def advocacy_contact_responses():
    rows = LegislatorResponse.objects.order_by("contact_id", "legislator_id")
    for row in rows.iterator(chunk_size=CHUNK):
        yield {
            "contact_id": row.contact_id,
            "legislator_id": row.legislator_id,
            "response": row.response,
        }


@dataset(
    "advocacy_follow_ups",
    "id contact_id description owner_email due_on done_at done_by_email",
    model=FollowUp,
)
def advocacy_follow_ups():
    rows = FollowUp.objects.select_related("owner", "done_by").order_by("pk")
    for follow_up in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": follow_up.pk,
            "contact_id": follow_up.contact_id,
            "description": follow_up.description,
            "owner_email": follow_up.owner.email,
            "due_on": follow_up.due_on,
            "done_at": follow_up.done_at,
            "done_by_email": _email(follow_up.done_by),
        }


@dataset(
    "advocacy_changes", "id at actor_email subject subject_id action changes",
    model=AdvocacyChange,
)  # fmt: skip
def advocacy_changes():
    """Every change to the advocacy log and its registers: {field: [old, new]}."""
    rows = AdvocacyChange.objects.select_related("actor").order_by("pk")
    for change in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": change.pk,
            "at": change.at,
            "actor_email": _email(change.actor),
            "subject": change.subject,
            "subject_id": change.subject_id,
            "action": change.action,
            "changes": change.changes,
        }


# Summits and feedback ----------------------------------------------------------


@dataset(
    "summits",
    "id slug title format starts_at ends_at venue address meeting_link agenda created_by_email "
    "created_at",
    model=Summit,
)
def summits():
    rows = Summit.objects.select_related("created_by").order_by("pk")
    for summit in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": summit.pk,
            "slug": summit.slug,
            "title": summit.title,
            "format": summit.format,
            "starts_at": summit.starts_at,
            "ends_at": summit.ends_at,
            "venue": summit.venue,
            "address": summit.address,
            "meeting_link": summit.meeting_link,
            "agenda": summit.agenda,
            "created_by_email": _email(summit.created_by),
            "created_at": summit.created_at,
        }


@dataset(
    "summit_registrations",
    "id summit_id summit person_id person_email mode registered_at",
    model=Registration,
)
def summit_registrations():
    rows = Registration.objects.select_related("summit", "person").order_by("pk")
    for registration in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": registration.pk,
            "summit_id": registration.summit_id,
            "summit": registration.summit.slug,
            "person_id": registration.person_id,
            "person_email": registration.person.email,
            "mode": registration.mode,
            "registered_at": registration.registered_at,
        }


@dataset(
    "feedback_rounds",
    "id summit_id summit title opens_at closes_at results_while_open created_by_email created_at",
    model=FeedbackRound,
)
def feedback_rounds():
    rows = FeedbackRound.objects.select_related("summit", "created_by").order_by("pk")
    for feedback_round in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": feedback_round.pk,
            "summit_id": feedback_round.summit_id,
            "summit": feedback_round.summit.slug,
            "title": feedback_round.title,
            "opens_at": feedback_round.opens_at,
            "closes_at": feedback_round.closes_at,
            "results_while_open": feedback_round.results_while_open,
            "created_by_email": _email(feedback_round.created_by),
            "created_at": feedback_round.created_at,
        }


@dataset(
    "round_papers", "id round_id paper_id revision_id revision_number position", model=RoundPaper
)
def round_papers():
    """The frozen paper versions each round put before the partnership."""
    rows = RoundPaper.objects.annotate(
        paper=F("revision__paper_id"), revision_number=F("revision__number")
    ).order_by("pk")
    for round_paper in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": round_paper.pk,
            "round_id": round_paper.round_id,
            "paper_id": round_paper.paper,
            "revision_id": round_paper.revision_id,
            "revision_number": round_paper.revision_number,
            "position": round_paper.position,
        }


@dataset(
    "feedback",
    "id round_id summit paper_id revision_id revision_number recommendation_number person_id "
    "person_email giver organisation_id organisation organisation_position stance comments "
    "suggested_changes entered_by_email submitted_at updated_at disposition disposition_reason "
    "disposed_by_email disposed_at",
    model=Feedback,
)
def feedback():
    """Every feedback item and the answer it got (its disposition)."""
    rows = (
        Feedback.objects.select_related(
            "round__summit", "person", "organisation", "entered_by", "disposed_by"
        )
        .annotate(paper=F("revision__paper_id"), revision_number=F("revision__number"))
        .order_by("pk")
    )
    for item in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": item.pk,
            "round_id": item.round_id,
            "summit": item.round.summit.slug,
            "paper_id": item.paper,
            "revision_id": item.revision_id,
            "revision_number": item.revision_number,
            "recommendation_number": item.recommendation_number,
            "person_id": item.person_id,
            "person_email": _email(item.person),
            "giver": item.giver,
            "organisation_id": item.organisation_id,
            "organisation": item.organisation.name if item.organisation else None,
            "organisation_position": item.organisation_position,
            "stance": item.stance,
            "comments": item.comments,
            "suggested_changes": item.suggested_changes,
            "entered_by_email": _email(item.entered_by),
            "submitted_at": item.submitted_at,
            "updated_at": item.updated_at,
            "disposition": item.disposition,
            "disposition_reason": item.disposition_reason,
            "disposed_by_email": _email(item.disposed_by),
            "disposed_at": item.disposed_at,
        }


# Learning sessions ---------------------------------------------------------------


@dataset("topics", "id name slug", model=Topic)
def topics():
    for topic in Topic.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {"id": topic.pk, "name": topic.name, "slug": topic.slug}


@dataset(
    "learning_sessions",
    "id slug title status visibility proposed_month starts_at duration_minutes topics "
    "description meeting_link recording_link slides_link has_slides_file has_captions_file "
    "related_issue_ids related_paper_ids published_at summary transcript created_by_email "
    "created_at",
    model=LearningSession,
    many_to_many=("topics", "related_issues", "related_papers"),
)
def learning_sessions():
    # The uploaded slides and captions stay in the Hub's storage; the
    # captions' words are here as the transcript.
    rows = (
        LearningSession.objects.select_related("created_by")
        .prefetch_related("topics", "related_issues", "related_papers")
        .order_by("pk")
    )
    for session in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": session.pk,
            "slug": session.slug,
            "title": session.title,
            "status": session.status,
            "visibility": session.visibility,
            "proposed_month": session.proposed_month,
            "starts_at": session.starts_at,
            "duration_minutes": session.duration_minutes,
            "topics": _slugs(session.topics),
            "description": session.description,
            "meeting_link": session.meeting_link,
            "recording_link": session.recording_link,
            "slides_link": session.slides_link,
            "has_slides_file": bool(session.slides_file),
            "has_captions_file": bool(session.captions_file),
            "related_issue_ids": [issue.pk for issue in session.related_issues.all()],
            "related_paper_ids": [paper.pk for paper in session.related_papers.all()],
            "published_at": session.published_at,
            "summary": session.summary,
            "transcript": session.transcript_text,
            "created_by_email": _email(session.created_by),
            "created_at": session.created_at,
        }


@dataset("presenters", "id session_id session name organisation position bio", model=Presenter)
def presenters():
    rows = Presenter.objects.select_related("session").order_by("pk")
    for presenter in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": presenter.pk,
            "session_id": presenter.session_id,
            "session": presenter.session.slug,
            "name": presenter.name,
            "organisation": presenter.organisation,
            "position": presenter.position,
            "bio": presenter.bio,
        }


@dataset(
    "session_registrations",
    "id session_id session person_id is_guest name email guest_organisation confirmed_at "
    "registered_at attended",
    model=SessionRegistration,
)
def session_registrations():
    """Members and guests alike; a guest's emailed link (its token) stays behind."""
    rows = SessionRegistration.objects.select_related("session", "person").order_by("pk")
    for registration in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": registration.pk,
            "session_id": registration.session_id,
            "session": registration.session.slug,
            "person_id": registration.person_id,
            "is_guest": registration.person_id is None,
            "name": registration.name,
            "email": registration.email,
            "guest_organisation": registration.guest_organisation,
            "confirmed_at": registration.confirmed_at,
            "registered_at": registration.registered_at,
            "attended": registration.attended,
        }


# Email choices -------------------------------------------------------------------


@dataset("reminder_preferences", "id person_id person_email kind choice", model=Preference)
def reminder_preferences():
    """Each person's choice per kind of email (off, at once, in the digest). No
    row means the default: on, at once."""
    rows = Preference.objects.select_related("person").order_by("pk")
    for preference in rows.iterator(chunk_size=CHUNK):
        yield {
            "id": preference.pk,
            "person_id": preference.person_id,
            "person_email": preference.person.email,
            "kind": preference.kind,
            "choice": preference.choice,
        }


@dataset("guest_opt_outs", "id email kind created_at", model=GuestOptOut)
def guest_opt_outs():
    """People without an account (session guests) who unsubscribed from a kind of email."""
    for opt_out in GuestOptOut.objects.order_by("pk").iterator(chunk_size=CHUNK):
        yield {
            "id": opt_out.pk,
            "email": opt_out.email,
            "kind": opt_out.kind,
            "created_at": opt_out.created_at,
        }


# The coalition's own words ------------------------------------------------------


@dataset("site_texts", "key body updated_at updated_by_email", model=SiteText)
def site_texts():
    rows = SiteText.objects.select_related("updated_by").order_by("pk")
    for text in rows.iterator(chunk_size=CHUNK):
        yield {
            "key": text.key,
            "body": text.body,
            "updated_at": text.updated_at,
            "updated_by_email": _email(text.updated_by),
        }
