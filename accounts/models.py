"""Who is who: users with their global role, the 1+MG countries, and memberships of users in countries."""

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

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
