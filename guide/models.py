"""Reference content of the GDI guide, loaded by data migrations from guide/content.py.

These rows are the same for every country: the strategy template and its guidance, the action-plan
template, the example lists, the B1MG recommendations, the glossary, the resources and the branding.
Country work lives in the strategies and factsheets apps and points here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: The strategy template (the guide's appendix V) has twelve numbered sections; the appendices follow them.
#: strategies.models.TEMPLATE_SECTIONS has one model for each (a test holds them together).
TEMPLATE_SECTION_COUNT = 12


class SectionTemplate(models.Model):
    """One section of the strategy template (appendix V), with the guide's guidance."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    guidance = models.TextField(_("guidance"), blank=True)

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("section template")
        verbose_name_plural = _("section templates")

    def __str__(self) -> str:
        return self.title if self.is_appendix else f"{self.number}. {self.title}"

    @property
    def is_appendix(self) -> bool:
        """The appendices (resources, glossary, contacts) come after the template's numbered sections."""
        return self.number > TEMPLATE_SECTION_COUNT


class SectionPrompt(models.Model):
    """A prompt bullet of a template section; `field` names the section model's field that answers it."""

    section = models.ForeignKey(SectionTemplate, on_delete=models.CASCADE, related_name="prompts")
    position = models.PositiveSmallIntegerField(_("position"))
    field = models.CharField(_("field"), max_length=60)
    prompt = models.CharField(_("prompt"), max_length=300)
    guidance = models.TextField(_("guidance"), blank=True)

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["section__number", "position"]
        constraints = [models.UniqueConstraint(fields=["section", "field"], name="one_prompt_per_field")]
        verbose_name = _("section prompt")
        verbose_name_plural = _("section prompts")

    def __str__(self) -> str:
        return self.prompt


class Phase(models.TextChoices):
    INITIATE = "initiate", _("Initiate")
    EXECUTE = "execute", _("Execute")
    EVALUATE = "evaluate", _("Evaluate and report")


class TemplateTask(models.Model):
    """A task or sub-task of the guide's action plan (section 5); every new strategy starts with these."""

    phase = models.CharField(_("phase"), max_length=10, choices=Phase.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="subtasks", verbose_name=_("parent")
    )
    position = models.PositiveSmallIntegerField(_("position"))
    title = models.CharField(_("title"), max_length=300)
    section_key = models.CharField(_("section"), max_length=40, blank=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("action-plan template task")
        verbose_name_plural = _("action-plan template tasks")

    def __str__(self) -> str:
        return self.title


class KeyQuestion(models.Model):
    """One of the eleven key-information questions (section 4), with the guide's answer and its placeholders;
    the two factsheets of appendix IV are built from them (factsheets.FactsheetTemplate)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    question = models.CharField(_("question"), max_length=300)
    answer = models.TextField(_("answer"), help_text=_("The guide's answer as HTML; placeholders stay in brackets."))
    links = models.JSONField(_("links"), default=list, blank=True)
    placeholders = models.JSONField(
        _("placeholders"),
        default=list,
        blank=True,
        help_text=_("Each: token as it appears in the answer, key and label; a country fills them in."),
    )

    class Meta:
        # Moved here from the factsheets app (issue #10); the table kept its name, so no row was copied.
        db_table = "factsheets_keyquestion"
        ordering = ["number"]
        verbose_name = _("key-information question")
        verbose_name_plural = _("key-information questions")

    def __str__(self) -> str:
        return f"{self.number}. {self.question}"


class Preset(models.Model):
    """An example from the guide offered when adding an audience segment or a channel."""

    class Kind(models.TextChoices):
        CITIZENS = "citizens", _("Citizen group")
        PROFESSIONALS = "professionals", _("Healthcare-professional group")
        CHANNEL = "channel", _("Communication channel")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"))

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["kind", "position"]
        constraints = [models.UniqueConstraint(fields=["kind", "name"], name="unique_preset_per_kind")]
        verbose_name = _("preset")
        verbose_name_plural = _("presets")

    def __str__(self) -> str:
        return self.name


class Recommendation(models.Model):
    """One of the six B1MG recommendations for citizen engagement and public trust (section 3)."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    takeaway = models.TextField(_("key takeaway"))
    action = models.TextField(_("action for national implementation"))

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("B1MG recommendation")
        verbose_name_plural = _("B1MG recommendations")

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class GlossaryTerm(models.Model):
    class Kind(models.TextChoices):
        ACRONYM = "acronym", _("Project acronym")
        DEFINITION = "definition", _("Definition")

    term = models.CharField(_("term"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    definition = models.TextField(_("definition"))
    url = models.URLField(_("link"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"))

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary")

    def __str__(self) -> str:
        return self.term


class Resource(models.Model):
    """An additional resource from appendix I."""

    class Group(models.TextChoices):
        ONEMG = "1mg", _("Resources from 1+MG, B1MG and GDI")
        OTHER = "other", _("Resources from other organisations")

    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"))
    url = models.URLField(_("link"), max_length=300)
    group = models.CharField(_("group"), max_length=10, choices=Group.choices)
    position = models.PositiveSmallIntegerField(_("position"))

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["position"]
        verbose_name = _("additional resource")
        verbose_name_plural = _("additional resources")

    def __str__(self) -> str:
        return self.title


class BrandColour(models.Model):
    """The 1+MG colour palette (appendix II)."""

    hex = models.CharField(_("hex code"), max_length=7, unique=True)
    name = models.CharField(_("name"), max_length=50)
    position = models.PositiveSmallIntegerField(_("position"))

    class Meta:
        ordering = ["position"]
        verbose_name = _("brand colour")
        verbose_name_plural = _("brand colours")

    def __str__(self) -> str:
        return f"{self.name} ({self.hex})"


class GuideText(models.Model):
    """A passage of the guide shown in the app and the PDFs (funding statement, scope, contact, …)."""

    key = models.SlugField(_("key"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("text"))

    #: Moves with every change, so cached PDFs that print this text are made again (guide.selectors).
    updated_at = models.DateTimeField(_("last changed at"), auto_now=True)

    class Meta:
        ordering = ["key"]
        verbose_name = _("guide text")
        verbose_name_plural = _("guide texts")

    def __str__(self) -> str:
        return self.title
