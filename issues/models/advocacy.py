"""Advocacy on the adopted legislative papers (issue 13): the legislators and
their committees, the bills that carry the papers, the log of every contact
with legislators and its follow-ups, the districts where partners have
constituents, and the organisations that support a paper. The contact log is
members-only; every change to it is recorded (AdvocacyChange)."""

import re

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone

from issues.enums import BillStatus, Chamber, ContactKind, Party, Response


class Committee(models.Model):
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    name = models.CharField(max_length=200)

    class Meta:
        ordering = ["chamber", "name"]
        constraints = [
            models.UniqueConstraint(
                "chamber", Lower("name"), name="one_committee_per_name_and_chamber"
            )
        ]

    def __str__(self):
        return f"{self.get_chamber_display()} Committee on {self.name}"


class Legislator(models.Model):
    full_name = models.CharField(max_length=200)
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    district = models.PositiveSmallIntegerField()
    party = models.CharField(max_length=1, choices=Party.choices)
    committees = models.ManyToManyField(Committee, blank=True, related_name="members")
    office_phone = models.CharField(max_length=40, blank=True)
    office_email = models.EmailField(blank=True)
    office_address = models.CharField(max_length=300, blank=True)
    staff = models.TextField(
        blank=True, max_length=2000, help_text="One per line: name, role, email or phone."
    )
    term_start = models.DateField(null=True, blank=True)
    term_end = models.DateField(null=True, blank=True)
    external_id = models.CharField(
        max_length=100,
        blank=True,
        help_text="The legislative-data service's id, when refreshed from it.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["chamber", "district", "full_name"]
        constraints = [
            models.UniqueConstraint(
                "chamber", "district", Lower("full_name"), name="one_legislator_per_seat_and_name"
            ),
            models.UniqueConstraint(
                fields=["external_id"],
                condition=~models.Q(external_id=""),
                name="one_legislator_per_external_id",
            ),
        ]
        indexes = [models.Index(Lower("full_name"), name="legislator_name")]

    def __str__(self):
        return f"{self.title} {self.full_name} ({self.party}-{self.district})"

    def get_absolute_url(self):
        return reverse("advocacy:legislator", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return "Sen." if self.chamber == Chamber.SENATE else "Rep."


def bill_sort_key(number: str) -> str:
    """A bill number as it sorts: AB 48 before AB 118, LRB 1893 after them."""
    match = re.match(r"\s*([^\d]*?)\s*(\d+)(.*)", number)
    if not match:
        return number.upper()
    letters, digits, rest = match.groups()
    return f"{letters.upper()} {int(digits):08d}{rest.upper()}"


class Bill(models.Model):
    IN_ORDER = ("-session", "sort_key")

    number = models.CharField(max_length=20, help_text="As the legislature writes it: AB 123.")
    sort_key = models.CharField(max_length=40, editable=False, default="")
    session = models.CharField(max_length=20, help_text="The legislative session: 2025-2026.")
    title = models.CharField(max_length=500)
    status = models.CharField(
        max_length=20, choices=BillStatus.choices, default=BillStatus.INTRODUCED
    )
    link = models.URLField(blank=True, max_length=500)
    papers = models.ManyToManyField("issues.IssuePaper", blank=True, related_name="bills")
    recommendations = models.ManyToManyField(
        "issues.Recommendation", blank=True, related_name="bills"
    )
    committees = models.ManyToManyField(
        Committee, blank=True, related_name="bills", help_text="The committees that will hear it."
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-session", "sort_key"]
        constraints = [
            models.UniqueConstraint(
                Lower("number"), "session", name="one_bill_per_number_and_session"
            )
        ]

    def __str__(self):
        return f"{self.number} ({self.session})"

    def save(self, *args, **kwargs):
        self.sort_key = bill_sort_key(self.number)
        if kwargs.get("update_fields") is not None and "number" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "sort_key"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("advocacy:bill", kwargs={"pk": self.pk})


class BillStatusChange(models.Model):
    """The bill's history: each status it reached, and when."""

    bill = models.ForeignKey(Bill, on_delete=models.CASCADE, related_name="history")
    status = models.CharField(max_length=20, choices=BillStatus.choices)
    on = models.DateField(default=timezone.localdate)
    note = models.CharField(max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self):
        return f"{self.bill}: {self.get_status_display()} on {self.on}"


class OrganisationDistrict(models.Model):
    """A district where an organisation's members or clients live."""

    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="districts"
    )
    chamber = models.CharField(max_length=10, choices=Chamber.choices)
    district = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["chamber", "district"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "chamber", "district"], name="one_row_per_district"
            )
        ]
        indexes = [models.Index(fields=["chamber", "district"], name="district_organisations")]

    def __str__(self):
        return f"{self.organisation}: {self.get_chamber_display()} {self.district}"


class PaperSupport(models.Model):
    """An organisation that supports a paper: named on its leave-behind."""

    paper = models.ForeignKey(
        "issues.IssuePaper", on_delete=models.CASCADE, related_name="supporters"
    )
    organisation = models.ForeignKey(
        "members.Organisation", on_delete=models.CASCADE, related_name="supported_papers"
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    added_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["paper", "organisation"], name="one_support_per_paper")
        ]

    def __str__(self):
        return f"{self.organisation} supports {self.paper}"


class Contact(models.Model):
    """One advocacy contact: who met which legislators (or their staff),
    about which papers and bills, what was asked and how each legislator
    responded (LegislatorResponse)."""

    on = models.DateField("date", default=timezone.localdate)
    kind = models.CharField(max_length=20, choices=ContactKind.choices)
    legislators = models.ManyToManyField(
        Legislator, through="LegislatorResponse", related_name="contacts"
    )
    staff_met = models.CharField(
        "staff met", max_length=300, blank=True, help_text="Names of staff, if you met staff."
    )
    members_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="advocacy_contacts"
    )
    organisations_present = models.ManyToManyField(
        "members.Organisation", blank=True, related_name="advocacy_contacts"
    )
    papers = models.ManyToManyField("issues.IssuePaper", related_name="advocacy_contacts")
    bills = models.ManyToManyField(Bill, blank=True, related_name="contacts")
    ask = models.TextField("the ask", max_length=3000, blank=True)
    notes = models.TextField(blank=True, max_length=10000, help_text="Markdown.")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-on", "-pk"]
        indexes = [models.Index(fields=["-on", "-id"], name="contact_newest")]

    def __str__(self):
        return f"{self.get_kind_display()} on {self.on:%d %b %Y}"

    def get_absolute_url(self):
        return reverse("advocacy:contact", kwargs={"pk": self.pk})

    @property
    def met_by(self) -> list[str]:
        """Who from the coalition met them: the members present, else whoever
        logged it. Reads members_present (prefetch it) and logged_by."""
        present = [person.full_name for person in self.members_present.all()]
        if present:
            return present
        return [self.logged_by.full_name] if self.logged_by and self.logged_by.full_name else []


class LegislatorResponse(models.Model):
    """A legislator met at a contact, and how they responded: at one meeting
    one may be supportive and another opposed."""

    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="responses")
    legislator = models.ForeignKey(Legislator, on_delete=models.CASCADE, related_name="responses")
    response = models.CharField(max_length=20, choices=Response.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "legislator"], name="one_response_per_legislator_and_contact"
            )
        ]
        indexes = [models.Index(fields=["legislator", "contact"], name="responses_of_legislator")]

    def __str__(self):
        return f"{self.legislator}: {self.get_response_display()}"


class FollowUpQuerySet(models.QuerySet):
    def open(self):
        return self.filter(done_at__isnull=True)


class FollowUp(models.Model):
    contact = models.ForeignKey(Contact, on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="advocacy_follow_ups"
    )
    due_on = models.DateField()
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    objects = FollowUpQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(
                fields=["due_on"], condition=models.Q(done_at__isnull=True), name="follow_up_open"
            )
        ]

    def __str__(self):
        return self.description


class AdvocacyChange(models.Model):
    """The record of every change to the advocacy log and its registers:
    who, when, what (a contact, follow-up, legislator or bill), and how."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now)
    subject = models.CharField(max_length=20, help_text="contact, follow_up, legislator, bill…")
    subject_id = models.PositiveIntegerField()
    action = models.CharField(max_length=20, help_text="created, changed, deleted, done…")
    changes = models.JSONField(default=dict, blank=True, help_text="{field: [old, new]}")

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "subject_id", "-at"], name="advocacy_change_of")]

    def __str__(self):
        return f"{self.subject} {self.subject_id} {self.action}"
