from django import forms


class MembershipRequestForm(forms.Form):
    message = forms.CharField(
        label="Message to the chairs (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example what you would like to work on.",
    )
