"""Forms of the team pages and of accepting an invitation."""

from __future__ import annotations

from allauth.account.forms import LoginForm as AllauthLoginForm
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Field, Layout
from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from accounts import policy
from accounts.models import Country, Invitation, Membership, SecuritySettings, User
from accounts.selectors import State
from audit.models import ACCOUNT_ACTIONS, AuditEvent

ROLE_HELP = _("Editors draft the strategy; viewers read it. Leads also run the team and submit the strategy.")


#: A crispy field template for one-field forms in a table row or button bar (label for screen readers only).
COMPACT_FIELD = "accounts/_compact_field.html"


def fields_only(*fields) -> FormHelper:
    """A helper rendering just the fields: the template holds the form tag, the token and the button."""
    helper = FormHelper()
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = Layout(*fields)
    return helper


class NextForm(forms.Form):
    """A button's form with nothing to fill in but where to come back to (read by core.redirects.redirect_next).
    Its hidden field has no id, so a page may hold one per row."""

    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, next_url: str = "", **kwargs):
        kwargs.setdefault("auto_id", False)
        kwargs.setdefault("initial", {"next": next_url})
        super().__init__(*args, **kwargs)
        self.helper = fields_only("next")


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
    """A member's role: the drop-down of a team row (offering what the policy allows) and what it posts."""

    role = forms.ChoiceField(label=_("Role"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, roles, membership: Membership | None = None, label="", next_url: str = "", **kwargs):
        if membership is not None:
            kwargs.setdefault("auto_id", f"role-{membership.pk}-%s")
            kwargs.setdefault("initial", {"role": membership.role, "next": next_url})
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = _role_choices(roles)
        if label:
            self.fields["role"].label = label
        self.helper = fields_only(
            *(["next"] if next_url else []),
            Field("role", template=COMPACT_FIELD, css_class="form-select form-select-sm"),
        )


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

    username = forms.CharField(max_length=150, widget=forms.HiddenInput)
    ip_address = forms.GenericIPAddressField(required=False, unpack_ipv4=True, widget=forms.HiddenInput)
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, lock=None, next_url: str = "", **kwargs):
        kwargs.setdefault("auto_id", False)  # one per locked account on a page
        if lock is not None:
            kwargs.setdefault(
                "initial", {"username": lock.username, "ip_address": lock.ip_address or "", "next": next_url}
            )
        super().__init__(*args, **kwargs)
        self.helper = fields_only("username", "ip_address", *(["next"] if next_url else []))

    def clean_username(self):
        username = self.cleaned_data["username"]
        if not username.isprintable():
            raise forms.ValidationError(_("Not a user name."))
        return username
