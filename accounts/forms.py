"""Forms of the team pages and of accepting an invitation."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import Country, Invitation, Membership, SecuritySettings, User
from accounts.selectors import State
from audit.models import ACCOUNT_ACTIONS, AuditEvent

ROLE_HELP = _("Editors draft the strategy; viewers read it. Leads also run the team and submit the strategy.")


def _role_choices(roles) -> list[tuple[str, str]]:
    labels = dict(Membership.Role.choices)
    return [(role, labels[role]) for role in roles]


class InviteForm(forms.Form):
    """Invite someone to one country's team (the country is the page's)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    role = forms.ChoiceField(label=_("Role"), help_text=ROLE_HELP)

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)
        self.fields["role"].initial = policy.EDITOR


class InviteAnyoneForm(forms.Form):
    """An admin's invitation: a country and role, and/or the Special Group."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False, empty_label=_("(none)")
    )
    role = forms.ChoiceField(
        label=_("Role in the country"), choices=[("", "---------"), *Membership.Role.choices], required=False
    )
    is_reviewer = forms.BooleanField(label=_("Special Group reviewer"), required=False)

    def clean(self):
        data = super().clean()
        country, role, reviewer = data.get("country"), data.get("role"), data.get("is_reviewer")
        if country and not role:
            self.add_error("role", _("Choose the role the person will have in %(c)s.") % {"c": country.name})
        if role and not country:
            self.add_error("country", _("Choose the country the role is for."))
        if not country and not role and not reviewer:
            raise forms.ValidationError(_("Choose a country and role, or the Special Group (or both)."))
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"))

    def __init__(self, *args, roles, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)


class AddMembershipForm(forms.Form):
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.order_by("name"))
    role = forms.ChoiceField(label=_("Role"), choices=Membership.Role.choices, initial=policy.EDITOR)


class GlobalRolesForm(forms.Form):
    is_reviewer = forms.BooleanField(
        label=_("Special Group reviewer"),
        required=False,
        help_text=_("Reviews, approves and compares every country's submitted strategies."),
    )
    is_admin = forms.BooleanField(
        label=_("Admin"),
        required=False,
        help_text=_("Manages every country, account and role, and the Django admin."),
    )


class CountryForm(forms.ModelForm):
    languages = forms.CharField(
        label=_("Languages"),
        required=False,
        help_text=_("ISO 639-1 codes separated by commas, e.g. “nl, fr, de”."),
    )

    class Meta:
        model = Country
        fields = ("is_signatory", "signed_on", "is_operational", "website", "languages")
        widgets = {"signed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["languages"] = ", ".join(self.instance.languages or [])

    def clean_languages(self):
        text = self.cleaned_data.get("languages") or ""
        return [code.strip().lower() for code in text.replace(";", ",").split(",") if code.strip()]


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Choose a password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("The same password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, invitation, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        if invitation.user is not None:
            self.fields["first_name"].initial = invitation.user.first_name
            self.fields["last_name"].initial = invitation.user.last_name

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            # Checked against the person as they will be (name and e-mail), like every password in the app.
            person = User(
                username=self.invitation.email.split("@")[0],
                email=self.invitation.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                password_validation.validate_password(first, person)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class SecurityRulesForm(forms.ModelForm):
    class Meta:
        model = SecuritySettings
        fields = ("mfa_required_for_reviewers", "mfa_required_for_admins")


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Name, username or e-mail"), required=False, max_length=100)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False, empty_label=_("All")
    )
    role = forms.ChoiceField(
        label=_("Country role"), choices=[("", _("Any")), *Membership.Role.choices], required=False
    )
    global_role = forms.ChoiceField(
        label=_("Global role"),
        choices=[("", _("Any")), ("reviewer", _("Special Group reviewer")), ("admin", _("Admin"))],
        required=False,
    )
    state = forms.ChoiceField(label=_("State"), choices=[("", _("Any")), *State.CHOICES], required=False)


class InvitationFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("Any")), *Invitation.Status.choices],
        required=False,
    )


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(label=_("Event"), required=False)
    who = forms.CharField(label=_("Person"), required=False, max_length=150)
    country = forms.ModelChoiceField(
        label=_("Country"), queryset=Country.objects.order_by("name"), required=False, empty_label=_("All")
    )
    since = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    until = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(AuditEvent.Action.choices)
        self.fields["action"].choices = [("", _("All account events"))] + [(a, labels[a]) for a in ACCOUNT_ACTIONS]


class LoginForm(AllauthLoginForm):
    """allauth's sign-in form with the labels people read: the field takes a username (the demo's lead-de) or
    an e-mail address."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        login = self.fields["login"]
        login.label = _("Username or e-mail address")
        login.widget.attrs.pop("placeholder", None)
        login.widget.attrs["autocomplete"] = "username"
        self.fields["password"].widget.attrs.pop("placeholder", None)
        self.fields["password"].help_text = ""


class UnlockForm(forms.Form):
    """What an unlock button posts: the locked account's name and, for a lockout by address, the address."""

    username = forms.CharField(max_length=150)
    ip_address = forms.GenericIPAddressField(required=False, unpack_ipv4=True)

    def clean_username(self):
        username = self.cleaned_data["username"]
        if not username.isprintable():
            raise forms.ValidationError(_("Not a user name."))
        return username
