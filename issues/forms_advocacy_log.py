"""Forms of the advocacy contact log: the contact with its follow-ups, and the
filters of the contacts list.

The choices (legislators, papers, bills, people, organisations) are read once
per request into `LogChoices` and shared by the contact form and its
follow-up rows, so the form costs the same few queries however many rows
it shows, and a choice is turned back into its row without another query."""

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils import timezone

from issues.enums import Chamber, ContactKind, PaperState, Response
from issues.filters import DateInput
from issues.models import Bill, IssuePaper, Legislator
from issues.services.advocacy_log import ContactDetails, FollowUpRow, opened_token
from members.models import Organisation

FOLLOW_UP_ROWS = 3  # blank follow-up rows offered on the form
OWN_RESPONSE = "response_of_"  # + a legislator's pk: that legislator's own response


class LogChoices:
    """Everything the contact form offers, read once. A contact being edited
    keeps what it already names even when no longer on offer (an archived
    paper, a person who left)."""

    def __init__(self, *, contact=None):
        kept = _kept_ids(contact)
        self.legislators = _by_pk(Legislator.objects.order_by("chamber", "full_name", "district"))
        self.papers = _by_pk(
            IssuePaper.objects.filter(Q(state=PaperState.ADOPTED) | Q(pk__in=kept["papers"]))
            .only("pk", "title", "legislative", "state")
            .order_by("-legislative", "title")
        )
        self.bills = _by_pk(Bill.objects.prefetch_related("papers").order_by(*Bill.IN_ORDER))
        self.people = _by_pk(
            get_user_model()
            .objects.filter(Q(is_active=True) | Q(pk__in=kept["people"]))
            .only("pk", "full_name", "email")
            .order_by("full_name")
        )
        self.organisations = _by_pk(Organisation.objects.only("pk", "name").order_by("name"))

    def legislator_choices(self):
        return [(pk, str(legislator)) for pk, legislator in self.legislators.items()]

    def paper_choices(self):
        return [
            (pk, paper.title if paper.legislative else f"{paper.title} (non-legislative)")
            for pk, paper in self.papers.items()
        ]

    def bill_choices(self):
        choices = []
        for pk, bill in self.bills.items():
            papers = "; ".join(paper.title for paper in bill.papers.all())
            label = f"{bill.number} ({bill.session}): {bill.title}"
            choices.append((pk, f"{label} — carries {papers}" if papers else label))
        return choices

    def bill_papers(self) -> dict[str, str]:
        """Each bill's papers, as pks separated by spaces."""
        return {
            pk: " ".join(str(paper.pk) for paper in bill.papers.all())
            for pk, bill in self.bills.items()
        }

    def people_choices(self):
        return [(pk, person.full_name or person.email) for pk, person in self.people.items()]

    def organisation_choices(self):
        return [(pk, organisation.name) for pk, organisation in self.organisations.items()]


def _by_pk(queryset) -> dict:
    return {str(row.pk): row for row in queryset}


def _kept_ids(contact) -> dict:
    if contact is None:
        return {"papers": [], "people": []}
    people = {person.pk for person in contact.members_present.all()}
    people |= {follow_up.owner_id for follow_up in contact.follow_ups.all()}
    return {"papers": [paper.pk for paper in contact.papers.all()], "people": sorted(people)}


class BillCheckboxes(forms.CheckboxSelectMultiple):
    """The bills' boxes, each knowing the papers it carries (`papers`: their
    pks, space-separated), so the page can offer the bills of the papers
    ticked."""

    def __init__(self, *args, papers_of=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.papers_of = papers_of or {}

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["papers"] = self.papers_of.get(str(value), "")
        return option


class ContactForm(forms.Form):
    on = forms.DateField(label="Date", widget=DateInput())
    kind = forms.ChoiceField(
        label="Kind of contact",
        choices=ContactKind.choices,
        initial=ContactKind.MEETING,
        widget=forms.RadioSelect,
    )
    legislators = forms.MultipleChoiceField(
        label="Legislators met",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one legislator."},
    )
    staff_met = forms.CharField(
        label="Staff met",
        required=False,
        max_length=300,
        help_text="Names of staff, if you met staff.",
    )
    papers = forms.MultipleChoiceField(
        label="Papers discussed",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Tick at least one paper."},
    )
    bills = forms.MultipleChoiceField(
        label="Bills discussed", required=False, widget=forms.CheckboxSelectMultiple
    )
    ask = forms.CharField(
        label="The ask",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What you asked them to do: co-sponsor, vote, meet again…",
    )
    response = forms.ChoiceField(
        label="Response",
        choices=Response.choices,
        widget=forms.RadioSelect,
        help_text="How the legislators met responded. If they did not all respond alike, "
        "give each their own response below.",
        error_messages={
            "required": "Choose how they responded, or give each legislator met a response below."
        },
    )
    notes = forms.CharField(
        label="Notes",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Markdown.",
    )
    members_present = forms.MultipleChoiceField(
        label="Coalition members present", required=False, widget=forms.CheckboxSelectMultiple
    )
    organisations_present = forms.MultipleChoiceField(
        label="Organisations present", required=False, widget=forms.CheckboxSelectMultiple
    )
    # The contact as the edit page was opened: a save over someone else's is refused.
    opened = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, choices: LogChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["on"].initial = timezone.localdate
        self.fields["legislators"].choices = choices.legislator_choices()
        self.fields["papers"].choices = choices.paper_choices()
        self.fields["bills"].widget = BillCheckboxes(papers_of=choices.bill_papers())
        self.fields["bills"].choices = choices.bill_choices()
        self.fields["members_present"].choices = choices.people_choices()
        self.fields["organisations_present"].choices = choices.organisation_choices()
        # Every legislator offered has an optional response of their own
        # (the page shows those of the ticked ones): it wins over `response`.
        for pk, legislator in choices.legislators.items():
            self.fields[OWN_RESPONSE + pk] = forms.ChoiceField(
                label=f"Response of {legislator}",
                required=False,
                choices=[("", "As above"), *Response.choices],
            )
        if self.is_bound and self._each_has_own_response():
            self.fields["response"].required = False

    def clean_on(self):
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError("The date cannot be in the future.")
        return on

    def _each_has_own_response(self) -> bool:
        """Every legislator ticked has a response of their own: the one for
        all is not needed."""
        ticked = self.data.getlist("legislators") if hasattr(self.data, "getlist") else []
        return bool(ticked) and all(
            self.data.get(OWN_RESPONSE + pk) in Response.values for pk in ticked
        )

    def own_responses(self) -> list:
        """Each legislator's own-response field, in the legislators' order."""
        legislators = self.choices.legislators.items()
        return [(legislator, self[OWN_RESPONSE + pk]) for pk, legislator in legislators]

    def has_own_responses(self) -> bool:
        return any(self[OWN_RESPONSE + pk].value() for pk in self.choices.legislators)

    def legislator_groups(self) -> list[tuple[str, list]]:
        """The legislators' checkboxes by chamber, for the grouped list."""
        chambers = {value: [] for value, _ in Chamber.choices}
        for checkbox in self["legislators"]:
            legislator = self.choices.legislators[str(checkbox.data["value"])]
            chambers.setdefault(legislator.chamber, []).append(checkbox)
        labels = dict(Chamber.choices)
        return [
            (labels.get(chamber, chamber), boxes) for chamber, boxes in chambers.items() if boxes
        ]

    def details(self) -> ContactDetails:
        data, choices = self.cleaned_data, self.choices
        return ContactDetails(
            on=data["on"],
            kind=data["kind"],
            legislators={
                choices.legislators[pk]: data[OWN_RESPONSE + pk] or data["response"]
                for pk in data["legislators"]
            },
            staff_met=data["staff_met"].strip(),
            members_present=[choices.people[pk] for pk in data["members_present"]],
            organisations_present=[
                choices.organisations[pk] for pk in data["organisations_present"]
            ],
            papers=[choices.papers[pk] for pk in data["papers"]],
            bills=[choices.bills[pk] for pk in data["bills"]],
            ask=data["ask"].strip(),
            notes=data["notes"].strip(),
        )


def contact_initial(contact) -> dict:
    """The form's values for a contact being edited: one response when every
    legislator met gave the same, else each their own."""
    responses = {str(row.legislator_id): row.response for row in contact.responses.all()}
    alike = set(responses.values())
    initial = {
        "on": contact.on,
        "kind": contact.kind,
        "legislators": list(responses),
        "staff_met": contact.staff_met,
        "papers": [str(row.pk) for row in contact.papers.all()],
        "bills": [str(row.pk) for row in contact.bills.all()],
        "ask": contact.ask,
        "notes": contact.notes,
        "members_present": [str(row.pk) for row in contact.members_present.all()],
        "organisations_present": [str(row.pk) for row in contact.organisations_present.all()],
        "opened": opened_token(contact),
    }
    if len(alike) == 1:
        initial["response"] = alike.pop()
    else:
        initial.update({OWN_RESPONSE + pk: response for pk, response in responses.items()})
    return initial


def new_contact_initial(*, query, choices: LogChoices, person) -> dict:
    """A new contact's values: today, a meeting, the person logging present,
    and the paper or legislator its link came from (?paper=, ?legislator=)."""
    initial = {"members_present": [str(person.pk)] if str(person.pk) in choices.people else []}
    for name, offered in (("paper", choices.papers), ("legislator", choices.legislators)):
        wanted = [pk for pk in query.getlist(name) if pk in offered]
        if wanted:
            initial[f"{name}s"] = wanted
    return initial


class FollowUpForm(forms.Form):
    """One follow-up row. Every row may stay blank (the formset builds them
    with empty_permitted); a row begun must be finished."""

    id = forms.IntegerField(required=False, widget=forms.HiddenInput)
    description = forms.CharField(
        label="What is to be done",
        max_length=300,
        error_messages={"required": "Say what is to be done."},
    )
    owner = forms.ChoiceField(label="Owner", error_messages={"required": "Choose who will do it."})
    due_on = forms.DateField(
        label="Due date", widget=DateInput(), error_messages={"required": "Give a due date."}
    )

    def __init__(self, *args, choices: LogChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.choices = choices
        self.fields["owner"].choices = [("", "Choose a member"), *choices.people_choices()]

    def has_changed(self) -> bool:
        # A new row whose owner is still the preset one, or was cleared, is
        # a row left blank: it takes a description or a date to begin one.
        changed = set(self.changed_data)
        if self.initial.get("id"):
            return bool(changed)
        return bool(changed & {"id", "description", "due_on"})


class BaseFollowUpFormSet(forms.BaseFormSet):
    def __init__(self, *args, choices: LogChoices, existing=(), **kwargs):
        self.choices = choices
        self.existing = {follow_up.pk: follow_up for follow_up in existing}
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        # Every row may be left as it was: a blank one is no follow-up, an
        # untouched one of the contact's stays as it is.
        return {**super().get_form_kwargs(index), "choices": self.choices, "empty_permitted": True}

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            pk = form.cleaned_data.get("id")
            if pk is None:
                continue
            if pk not in self.existing or pk in seen:  # not this contact's
                raise forms.ValidationError(
                    "The follow-ups changed since this page was opened: reload it and try again."
                )
            seen.add(pk)

    def rows(self) -> list[FollowUpRow]:
        return [
            FollowUpRow(
                description=form.cleaned_data["description"].strip(),
                owner=self.choices.people[form.cleaned_data["owner"]],
                due_on=form.cleaned_data["due_on"],
                follow_up=self.existing.get(form.cleaned_data.get("id")),
            )
            for form in self.forms
            if form.has_changed() and not self._done(form)
        ]

    def _done(self, form) -> bool:
        """A follow-up marked done (by its owner) while this page was open
        stays as it is: its row's changes are moot."""
        follow_up = self.existing.get(form.cleaned_data.get("id"))
        return follow_up is not None and follow_up.done_at is not None


def _posted_rows(data, known: dict, limit: int) -> list:
    """The follow-ups of the rows as they were posted (None for a new row):
    the page's rows, even if one was marked done since it was opened."""
    try:
        total = int(data.get("follow_up-TOTAL_FORMS", ""))
    except ValueError:
        total = 0
    rows = []
    for index in range(max(0, min(total, limit))):
        posted = data.get(f"follow_up-{index}-id", "")
        rows.append(known.get(int(posted)) if posted.isascii() and posted.isdigit() else None)
    return rows


def follow_up_formset(data=None, *, choices: LogChoices, person, existing=(), known=None):
    """The follow-up rows: the contact's open follow-ups, then three blank
    rows whose owner is the person logging. On a POST the rows are those
    posted (`known`: every follow-up of the contact, done ones too), so one
    marked done meanwhile neither shifts the rows nor blocks the save."""
    existing = list(existing)
    known = {follow_up.pk: follow_up for follow_up in (existing if known is None else known)}
    size = len(known) + FOLLOW_UP_ROWS
    rows = existing + [None] * FOLLOW_UP_ROWS
    if data is not None:
        rows = _posted_rows(data, known, size)
    formset_class = forms.formset_factory(
        FollowUpForm,
        formset=BaseFollowUpFormSet,
        extra=0,
        max_num=size,
        absolute_max=size,  # a forged form count builds no more than this many rows
        validate_max=True,
    )
    owner = str(person.pk) if str(person.pk) in choices.people else ""
    initial = [
        {
            "id": follow_up.pk,
            "description": follow_up.description,
            "owner": str(follow_up.owner_id),
            "due_on": follow_up.due_on,
        }
        if follow_up is not None
        else {"owner": owner}
        for follow_up in rows
    ]
    return formset_class(
        data, initial=initial, prefix="follow_up", choices=choices, existing=known.values()
    )


class ContactFilterForm(forms.Form):
    """The contacts list's filters (GET). A filter typed wrong is left out."""

    paper = forms.ChoiceField(label="Paper", required=False)
    legislator = forms.ChoiceField(label="Legislator", required=False)
    response = forms.ChoiceField(
        label="Response", required=False, choices=[("", "Any response"), *Response.choices]
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *ContactKind.choices]
    )
    date_from = forms.DateField(label="From", required=False, widget=DateInput())
    date_to = forms.DateField(label="To", required=False, widget=DateInput())
    mine = forms.BooleanField(label="Only contacts I logged", required=False)

    def __init__(self, *args, papers, legislators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper"].choices = [("", "Any paper")] + [
            (str(paper.pk), paper.title) for paper in papers
        ]
        self.fields["legislator"].choices = [("", "Any legislator")] + [
            (str(legislator.pk), str(legislator)) for legislator in legislators
        ]

    def filters(self) -> dict:
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}
