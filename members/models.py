import hashlib

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from members.enums import ImportStatus, InvitationStatus, JoinRequestStatus
from workgroups import recurrence
from workgroups.enums import Role

# One list of time zones for people and meetings (migrations name it here too).
time_zone_choices = recurrence.time_zone_choices


class Sector(models.Model):
    """A part of the mental-health system a coalition wants at the table.

    Sectors are data: each coalition names its own (peers, family members,
    providers, counties ...).
    """

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Order in lists.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class Organisation(models.Model):
    name = models.CharField(max_length=200)
    sector = models.ForeignKey(Sector, on_delete=models.PROTECT, related_name="organisations")
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="organisation_name_unique_ci"),
        ]

    def __str__(self):
        return self.name


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(AbstractBaseUser, PermissionsMixin):
    """A person in the coalition. Email is the login.

    `is_staff` is the coalition admin role (managing members, organisations
    and roles); workgroup and Core Group roles live in workgroups.Membership.
    A person who leaves is deactivated, never deleted, so what they wrote
    keeps their name.
    """

    # unique=True for Django's auth checks; the case-insensitive constraint
    # below stops Jo@x.org and jo@x.org from becoming two people.
    email = models.EmailField("email address", unique=True)
    full_name = models.CharField(max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="people",
    )
    time_zone = models.CharField(
        max_length=64, choices=time_zone_choices, default=settings.TIME_ZONE
    )
    is_active = models.BooleanField(
        "active",
        default=True,
        help_text="Inactive people cannot sign in; what they wrote keeps their name.",
    )
    is_staff = models.BooleanField(
        "coalition admin",
        default=False,
        help_text="Admins manage members, organisations and roles.",
    )
    date_joined = models.DateTimeField(default=timezone.now)

    phone = models.CharField(max_length=40, blank=True)
    bio = models.TextField(
        "about me", blank=True, max_length=2000, help_text="A few sentences for other members."
    )
    # What other members see in the directory. Admins always see everything.
    show_organisation = models.BooleanField(
        "Show my organisation",
        default=True,
        help_text="Untick to keep your affiliation private (for example as a peer).",
    )
    show_email = models.BooleanField("Show my email address", default=False)
    show_phone = models.BooleanField("Show my phone number", default=False)
    show_bio = models.BooleanField("Show my 'about me'", default=True)
    # The secret in the person's calendar feed URL; made on first use, reset on demand.
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
        ]

    def __str__(self):
        return self.full_name or self.email

    def clean(self):
        super().clean()
        self.email = self.__class__.objects.normalize_email(self.email).lower()

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


def hash_token(token: str) -> str:
    """Only a hash of an invitation token is stored: a database leak opens no link."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status=InvitationStatus.PENDING)


class Invitation(models.Model):
    """An emailed, single-use, expiring link to create an account.

    The workgroups and role say where the person lands once they accept.
    """

    email = models.EmailField()
    full_name = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitations"
    )
    workgroups = models.ManyToManyField("workgroups.Workgroup", blank=True, related_name="+")
    workgroup_role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=20, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)
    send_count = models.PositiveSmallIntegerField(default=0)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
    )

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=models.Q(status="pending"),
                name="one_pending_invitation_per_email",
            ),
        ]

    def __str__(self):
        return f"Invitation for {self.email}"

    @property
    def is_expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def is_usable(self) -> bool:
        return self.status == InvitationStatus.PENDING and not self.is_expired


class JoinRequest(models.Model):
    """Someone from outside asks to join; an admin approves (inviting them) or declines."""

    full_name = models.CharField(max_length=200)
    email = models.EmailField()
    organisation_name = models.CharField("organisation", max_length=200, blank=True)
    reason = models.TextField("why you would like to join", max_length=3000)
    status = models.CharField(
        max_length=20, choices=JoinRequestStatus.choices, default=JoinRequestStatus.PENDING
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    invitation = models.ForeignKey(
        Invitation, on_delete=models.SET_NULL, null=True, blank=True, related_name="join_requests"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.full_name} <{self.email}>"


class InvitationImport(models.Model):
    """A CSV of people to invite, checked at upload and invited by a worker."""

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    filename = models.CharField(max_length=255)
    created_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(
        max_length=20, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    rows = models.JSONField(default=list, help_text="The valid rows, to be invited.")
    errors = models.JSONField(default=list, help_text="[line, email, reason] of refused rows.")
    total = models.PositiveIntegerField(default=0)
    processed = models.PositiveIntegerField(default=0)
    invited = models.PositiveIntegerField(default=0)
    skipped = models.JSONField(default=list, help_text="Rows that could not be invited later on.")
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.filename

    @property
    def percent(self) -> int:
        return 100 if not self.total else round(100 * self.processed / self.total)
