"""Who is who: users with their global role, the 1+MG countries, memberships of users in countries, invitations
to join a team, and the sign-in rules admins set."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from core import pagecache
from core.limits import validate_no_nul, validate_planning_date


class User(AbstractUser):
    """A person signing in. Country roles come from memberships; reviewer and admin are global. What each
    role may do is decided in accounts/policy.py only."""

    is_reviewer = models.BooleanField(
        _("Special Group reviewer"),
        default=False,
        help_text=_("Reviews, approves and compares the strategies of every country. Never edits country text."),
    )

    class EmailMode(models.TextChoices):
        INSTANT = "instant", _("Send each notification at once")
        DAILY = "daily", _("One daily digest")
        NONE = "none", _("No e-mail (in the app only)")

    email_mode = models.CharField(
        _("e-mail notifications"), max_length=10, choices=EmailMode.choices, default=EmailMode.INSTANT
    )

    #: Bumped to end every session of the user at once (sign-out, deactivation: see accounts/sessions.py).
    session_epoch = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_session_auth_hash(self) -> str:
        return self._session_hash(settings.SECRET_KEY)

    def get_session_auth_fallback_hash(self):
        for secret in settings.SECRET_KEY_FALLBACKS:
            yield self._session_hash(secret)

    def _session_hash(self, secret: str) -> str:
        """Django's hash of the password, plus the session epoch: a sign-out or deactivation that bumps
        the epoch ends the sessions on every device (epoch 0 gives Django's own hash)."""
        value = self.password if not self.session_epoch else f"{self.password}:{self.session_epoch}"
        salt = "django.contrib.auth.models.AbstractBaseUser.get_session_auth_hash"
        return salted_hmac(salt, value, secret=secret, algorithm="sha256").hexdigest()


#: The guide's language: every country may write in it besides its own.
GUIDE_LANGUAGE = "en"


class Country(models.Model):
    """A 1+MG country: one of the 27 EU member states or Norway.

    Which countries have signed the 1+MG declaration and which are technically operational is data
    the admin maintains, not code.
    """

    code = models.CharField(
        _("ISO code"), max_length=2, unique=True, help_text=_("ISO 3166-1 alpha-2, upper case (e.g. DE).")
    )
    name = models.CharField(_("name"), max_length=100, unique=True)
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        validators=[validate_no_nul],
        help_text=_('ISO 639-1 codes of the languages the country publishes in, e.g. ["de"].'),
    )
    is_signatory = models.BooleanField(_("1+MG signatory"), default=False)
    signed_on = models.DateField(_("signed on"), null=True, blank=True, validators=[validate_planning_date])
    is_operational = models.BooleanField(
        _("technically operational"),
        default=False,
        help_text=_("Connected to the 1+MG infrastructure."),
    )
    website = models.URLField(_("national 1+MG website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def allowed_languages(self) -> list[str]:
        """The languages a strategy or factsheet of the country may be written in: the country's own, in its
        order, and English (the guide's language) for everybody."""
        return list(dict.fromkeys([*(self.languages or []), GUIDE_LANGUAGE]))

    def clean(self) -> None:
        self.code = (self.code or "").upper()
        self.languages = [str(code).strip().lower() for code in (self.languages or []) if str(code).strip()]


class Membership(models.Model):
    """A user's role in one country (what each role may do: accounts/policy.py). A user may belong to several
    countries."""

    class Role(models.TextChoices):
        LEAD = "lead", _("Lead")
        EDITOR = "editor", _("Editor")
        VIEWER = "viewer", _("Viewer")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user"))
    country = models.ForeignKey(
        Country, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("country")
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.EDITOR)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["country__name", "user__username"]
        constraints = [models.UniqueConstraint(fields=["user", "country"], name="one_membership_per_country")]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")

    def __str__(self) -> str:
        return f"{self.user} – {self.country} ({self.get_role_display()})"


class CalendarToken(models.Model):
    """The secret in a user's private calendar-feed link; revoking deletes it, so old links stop working."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_token")
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed link")
        verbose_name_plural = _("calendar feed links")

    def __str__(self) -> str:
        return f"{self.user} calendar"


class InvitationQuerySet(models.QuerySet):
    def pending(self):
        from django.utils import timezone

        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def with_status(self, status: str):
        from django.utils import timezone

        now = timezone.now()
        if status == Invitation.Status.PENDING:
            return self.pending()
        if status == Invitation.Status.ACCEPTED:
            return self.filter(accepted_at__isnull=False)
        if status == Invitation.Status.REVOKED:
            return self.filter(accepted_at__isnull=True, revoked_at__isnull=False)
        if status == Invitation.Status.EXPIRED:
            return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=now)
        return self


class Invitation(models.Model):
    """An e-mail inviting someone to a country's team (or, from an admin, to the Special Group).

    The link it sends is signed and carries a random nonce whose hash is kept here: it works once (accepting
    sets accepted_at), until expires_at, and only the latest link works (resending makes a new nonce).
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("e-mail address"))
    country = models.ForeignKey(
        Country,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("country"),
    )
    role = models.CharField(_("role"), max_length=10, choices=Membership.Role.choices, blank=True)
    is_reviewer = models.BooleanField(_("Special Group reviewer"), default=False)
    #: The account the invitation activates: set from the start for a bulk-imported person, else on acceptance.
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("account")
    )
    invited_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("invited by")
    )
    created_at = models.DateTimeField(_("invited on"), auto_now_add=True)
    sent_at = models.DateTimeField(_("last sent"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        where = f" ({self.country.code} {self.role})" if self.country_id else ""
        return f"{self.email}{where}"

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        self.email = (self.email or "").strip()
        if self.country_id and not self.role:
            raise ValidationError({"role": _("Choose the role the person will have in the country.")})
        if self.role and not self.country_id:
            raise ValidationError({"country": _("Choose the country the role is for.")})

    @property
    def status(self) -> str:
        from django.utils import timezone

        if self.accepted_at:
            return self.Status.ACCEPTED
        if self.revoked_at:
            return self.Status.REVOKED
        if self.expires_at <= timezone.now():
            return self.Status.EXPIRED
        return self.Status.PENDING

    def get_status_display(self) -> str:
        return str(self.Status(self.status).label)

    @property
    def is_pending(self) -> bool:
        return self.status == self.Status.PENDING

    @property
    def role_label(self) -> str:
        parts = []
        if self.country_id:
            parts.append(f"{self.country.name} · {self.get_role_display()}")
        if self.is_reviewer:
            parts.append(str(_("Special Group reviewer")))
        return ", ".join(parts)


class SecuritySettings(models.Model):
    """Sign-in rules an admin sets in the app (one row). MFA_REQUIRED_FOR in the settings can only add to them."""

    mfa_required_for_reviewers = models.BooleanField(_("reviewers must use two-factor authentication"), default=False)
    mfa_required_for_admins = models.BooleanField(_("admins must use two-factor authentication"), default=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("changed by")
    )

    class Meta:
        verbose_name = _("sign-in rules")
        verbose_name_plural = _("sign-in rules")

    def __str__(self) -> str:
        return str(_("Sign-in rules"))

    @classmethod
    def current(cls) -> SecuritySettings:
        """The rules (read for every request of a reviewer or admin): remembered until data changes."""
        return pagecache.by_version("security-settings", cls._read)

    @classmethod
    def _read(cls) -> SecuritySettings:
        found = cls.objects.filter(pk=1).first()
        return found if found is not None else cls(pk=1)
