from django import forms
from django.contrib.auth import password_validation
from django.utils.text import slugify

from members.enums import InvitationStatus
from members.models import Invitation, JoinRequest, Organisation, Sector, User
from members.services.invitations import account_exists, normalise_email
from members.services.people import PROFILE_FIELDS
from members.uploads import check_csv_text
from workgroups.enums import Role
from workgroups.models import Membership, Workgroup


class InviteForm(forms.Form):
    email = forms.EmailField(label="Email address")
    full_name = forms.CharField(label="Full name", max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.all(), required=False, empty_label="No organisation"
    )
    workgroups = forms.ModelMultipleChoiceField(
        queryset=Workgroup.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The person joins these workgroups when they accept.",
    )
    workgroup_role = forms.ChoiceField(
        label="Role in those workgroups",
        choices=Role.choices,
        initial=Role.MEMBER,
        widget=forms.RadioSelect,
    )

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        if account_exists(email):
            raise forms.ValidationError("This person already has an account.")
        if Invitation.objects.filter(email__iexact=email, status=InvitationStatus.PENDING).exists():
            raise forms.ValidationError(
                "This person already has a pending invitation: resend it from Invitations."
            )
        return email


class InvitationImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        help_text="Columns: email, full_name, organisation, workgroups, role. Separate "
        "several workgroups with a semicolon; role is member or chair.",
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )

    MAX_BYTES = 5 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; split it into parts.")
        if not upload.name.lower().endswith(".csv"):
            raise forms.ValidationError("Upload a .csv file (save the spreadsheet as CSV).")
        check_csv_text(upload, advice="Save the spreadsheet as CSV and upload that.")
        return upload


class JoinRequestForm(forms.ModelForm):
    class Meta:
        model = JoinRequest
        fields = ["full_name", "email", "organisation_name", "reason"]
        labels = {"full_name": "Your full name", "email": "Your email address"}
        help_texts = {
            "organisation_name": "Leave empty if you take part as an individual.",
            "reason": "For example your experience, your organisation's work, or the "
            "workgroup you would like to join.",
        }
        widgets = {"reason": forms.Textarea(attrs={"rows": 5})}


class AcceptInvitationForm(forms.Form):
    full_name = forms.CharField(label="Your full name", max_length=200)
    password1 = forms.CharField(
        label="Choose a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label="The same password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation: Invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", "The two passwords are not the same.")
        elif password1:
            candidate = User(email=self.invitation.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(password1, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = list(PROFILE_FIELDS)
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}
        labels = {"full_name": "Full name", "time_zone": "Time zone"}
        help_texts = {"time_zone": "Dates and times in the Hub are shown in this zone."}


class OrganisationForm(forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["name", "sector", "website"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        clash = Organisation.objects.filter(name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                "An organisation with this name exists already. Merge them instead."
            )
        return name


class MergeOrganisationForm(forms.Form):
    keep = forms.ModelChoiceField(
        label="Merge into",
        queryset=Organisation.objects.none(),
        help_text="Everyone in this organisation moves to the one you choose; this one is "
        "then deleted.",
    )

    def __init__(self, *args, duplicate: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["keep"].queryset = Organisation.objects.exclude(pk=duplicate.pk)


class AddMembershipForm(forms.Form):
    workgroup = forms.ModelChoiceField(queryset=Workgroup.objects.none())
    role = forms.ChoiceField(choices=Role.choices, initial=Role.MEMBER, widget=forms.RadioSelect)

    def __init__(self, *args, person: User, **kwargs):
        super().__init__(*args, **kwargs)
        current = Membership.objects.filter(person=person, ended_on__isnull=True)
        self.fields["workgroup"].queryset = Workgroup.objects.exclude(
            pk__in=current.values("workgroup")
        )


class SectorForm(forms.ModelForm):
    class Meta:
        model = Sector
        fields = ["name"]
        labels = {"name": "New sector"}

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if (
            Sector.objects.filter(name__iexact=name).exists()
            or Sector.objects.filter(slug=slugify(name)).exists()
        ):
            raise forms.ValidationError("This sector exists already.")
        return name
