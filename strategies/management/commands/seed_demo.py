"""Demo data: every country, demo users (password `onemg-demo`), and strategies in different workflow states.

Idempotent: running it again resets the demo passwords and flags but never overwrites a strategy that
already exists, so work done in the demo is not lost.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from accounts.countries import COUNTRIES
from accounts.models import Country, User
from accounts.services import membership_set
from guide.models import Preset
from strategies import demo_content, models, services

DEMO_PASSWORD = "onemg-demo"  # noqa: S105 - published in the README on purpose

# Illustrative values only (the guide counts 25 EU signatories and Norway, and seven technically
# operational countries in mid-2024); admins maintain the real list in the admin.
NOT_SIGNATORY = {"RO", "SK"}
OPERATIONAL = {"DK", "EE", "FI", "NL", "NO", "PT", "SE"}
DEMO_COUNTRIES = {
    # code: (status of its demo strategy, national 1+MG website)
    "DE": (models.Strategy.Status.DRAFT, "https://www.bfarm.de/genomDE"),
    "FR": (models.Strategy.Status.SUBMITTED, "https://pfmg2025.aviesan.fr"),
    "PT": (models.Strategy.Status.APPROVED, "https://www.insa.min-saude.pt"),
}


GERMAN_ANSWERS = {
    "1": {
        "own": True,
        "text": (
            "<p>Die 1+ Million Genomes Initiative (1+MG) ist eine Vereinbarung von 25 EU-Staaten und Norwegen, "
            "hochwertige genomische und dazugehörige klinische Daten für Forschung, Gesundheitsversorgung und "
            "Gesundheitspolitik verfügbar zu machen.</p><p>Die Umsetzung folgt einem zweistufigen Fahrplan "
            "(2018–2022 und 2023–2027) mit Aktivitäten der teilnehmenden Länder in vier Bereichen: Governance, "
            "Leitlinien, Infrastruktur und Daten.</p>"
        ),
    },
    "8": {
        "own": True,
        "text": (
            "<p>Jedes Land spricht mit vielen Menschen, um festzulegen, welche Wahlmöglichkeiten zur Einwilligung "
            "Bürgerinnen und Bürger haben, passend zu den eigenen Gesetzen und den Anforderungen von 1+ Million "
            "Genomes. Mehr dazu für [country] auf der [country 1+MG website].</p>"
        ),
    },
}


class Command(BaseCommand):
    help = "Load demo countries, users and strategies (refuses to run with DEBUG off unless --force)."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off (never in production).")
        parser.add_argument(
            "--full",
            action="store_true",
            help="Also give every other country a strategy (in varied states), for comparisons at full scale.",
        )

    def handle(self, *args, force: bool = False, full: bool = False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "seed_demo creates accounts with a published password; it only runs with DEBUG=1 (or --force)."
            )
        # Demo workflow steps notify people; their e-mails are not worth printing to the console.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"), transaction.atomic():
            self.seed_countries()
            codes = [code for code, _name, _langs in COUNTRIES] if full else list(DEMO_COUNTRIES)
            users = self.seed_users(codes)
            cycle = [models.Strategy.Status.APPROVED, models.Strategy.Status.SUBMITTED, models.Strategy.Status.DRAFT]
            for index, code in enumerate(codes):
                status = DEMO_COUNTRIES[code][0] if code in DEMO_COUNTRIES else cycle[index % len(cycle)]
                self.seed_strategy(Country.objects.get(code=code), status, users)
            self.seed_factsheets(Country.objects.get(code="DE"), users["lead-de"])
            from reviews.report_demo import seed_monitoring_demo  # issue #14 (the lead moves it to demo/)

            seed_monitoring_demo(users)
        self.stdout.write(self.style.SUCCESS("Demo data ready. Sign in at http://127.0.0.1:8000/accounts/login/"))
        self.stdout.write(f"  password for every demo user: {DEMO_PASSWORD}")
        self.stdout.write(
            "  admin, reviewer, "
            + ", ".join(f"lead-{c.lower()}, editor-{c.lower()}, viewer-{c.lower()}" for c in DEMO_COUNTRIES)
        )

    def seed_countries(self) -> None:
        for code, name, languages in COUNTRIES:
            website = DEMO_COUNTRIES.get(code, (None, ""))[1]
            country, _ = Country.objects.get_or_create(code=code, defaults={"name": name, "languages": languages})
            country.is_signatory = code not in NOT_SIGNATORY
            country.signed_on = country.signed_on or (datetime.date(2019, 4, 10) if country.is_signatory else None)
            country.is_operational = code in OPERATIONAL
            country.website = country.website or website
            country.full_clean()
            country.save()

    def seed_factsheets(self, country: Country, user: User) -> None:
        """Germany's two factsheets in English and German, national details filled in."""
        from factsheets import services as factsheet_services
        from factsheets.models import FactsheetTemplate

        for template in FactsheetTemplate.objects.all():
            for language in ("en", "de"):
                factsheet = factsheet_services.factsheet_get_or_create(
                    country=country, template=template, language=language
                )
                if factsheet.placeholders.get("national_timescales"):
                    continue  # already adapted: keep the demo user's work
                answers = dict(factsheet.answers)
                if language == "de" and template.audience == "citizens":
                    # Two answers translated; the others still show the guide's English, so the editor's
                    # warning and the blocked final PDF can be seen in the demo.
                    answers.update(GERMAN_ANSWERS)
                factsheet_services.factsheet_update(
                    factsheet=factsheet,
                    answers=answers,
                    placeholders={
                        "country": "Germany" if language == "en" else "Deutschland",
                        "national_website": "https://www.bfarm.de/genomDE",
                        "national_timescales": (
                            "Germany's model project for genome sequencing started in 2024; the connection to "
                            "the 1+MG infrastructure is planned for 2026."
                            if language == "en"
                            else "Das Modellvorhaben Genomsequenzierung läuft seit 2024; die Anbindung an die "
                            "1+MG-Infrastruktur ist für 2026 geplant."
                        ),
                    },
                    base_version=factsheet.edit_version,
                    user=user,
                )

    def seed_users(self, codes) -> dict[str, User]:
        users = {
            "admin": self.user("admin", "Ada", "Admin", is_superuser=True, is_staff=True),
            "reviewer": self.user("reviewer", "Rui", "Reviewer", is_reviewer=True),
        }
        names = {"lead": ("Lena", "Lead"), "editor": ("Eli", "Editor"), "viewer": ("Vera", "Viewer")}
        for code in codes:
            country = Country.objects.get(code=code)
            for role, (first, last) in names.items():
                username = f"{role}-{code.lower()}"
                users[username] = self.user(username, first, f"{last} ({code})")
                membership_set(user=users[username], country=country, role=role)
        return users

    def user(self, username: str, first: str, last: str, **flags) -> User:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@example.org"
        user.is_active = True
        for flag, value in flags.items():
            setattr(user, flag, value)
        user.set_password(DEMO_PASSWORD)
        user.save()
        return user

    def seed_strategy(self, country: Country, status: str, users: dict[str, User]) -> None:
        data = demo_content.DEMO_STRATEGIES.get(country.code)
        if data is None:  # --full: borrow one of the three demo plans, under the country's own name
            source = ("DE", "FR", "PT")[sum(map(ord, country.code)) % 3]
            data = {
                **demo_content.DEMO_STRATEGIES[source],
                "title": f"{country.name} 1+MG communication strategy",
                "contact": {
                    "contact_name": f"{country.name} 1+MG communications team",
                    "contact_address": f"National 1+MG coordination\n{country.name}",
                    "contact_email": f"1mg-{country.code.lower()}@example.org",
                },
            }
        if models.Strategy.objects.filter(country=country, title=data["title"]).exists():
            return
        code = country.code.lower()
        lead, editor = users[f"lead-{code}"], users[f"editor-{code}"]
        start, end = (datetime.date.fromisoformat(d) for d in data["period"])
        strategy = services.strategy_create(
            country=country,
            title=data["title"],
            language=data.get("language", "en"),
            period_start=start,
            period_end=end,
            created_by=lead,
        )
        if data.get("contact"):
            services.strategy_details_update(
                strategy=strategy, data=data["contact"], base_version=strategy.edit_version, user=lead
            )
        for key, fields in data["sections"].items():
            section = getattr(strategy, models.SECTIONS_BY_KEY[key].related_name())
            services.section_update(
                strategy=strategy, key=key, data=fields, base_version=section.edit_version, user=editor
            )
        self.seed_parts(strategy, data, start, {"lead": lead, "editor": editor}, editor)
        # The demo goes through the real workflow, so snapshots, events and notifications exist too.
        if status in (models.Strategy.Status.SUBMITTED, models.Strategy.Status.APPROVED):
            from reviews import services as review_services

            review_services.strategy_submit(strategy=strategy, user=lead, note="Ready for the Special Group.")
        if status == models.Strategy.Status.APPROVED:
            review = review_services.open_review(strategy)
            review_services.review_claim(review=review, user=users["reviewer"])
            review_services.review_decide(
                review=review,
                user=users["reviewer"],
                decision="approve",
                reason="A clear plan with measurable objectives; a good example for other countries.",
            )

    def seed_parts(self, strategy, data, start, owners, user) -> None:
        # Each demo row names the guide's group or channel it belongs to ("category", None for other).
        presets = {(p.kind, p.name): p for p in Preset.objects.all()}
        segments = {}
        for row in data.get("segments", []):
            row = dict(row)
            category = row.pop("category", None)
            segments[row["name"]] = services.part_create(
                model=models.AudienceSegment,
                strategy=strategy,
                user=user,
                preset=presets[(row["group"], category)] if category else None,
                **row,
            )
        for row in data.get("messages", []):
            services.part_create(
                model=models.KeyMessage,
                strategy=strategy,
                user=user,
                **{**row, "segment": segments.get(row.get("segment"))},
            )
        channels = {}
        for row in data.get("channels", []):
            row = dict(row)
            tactics = row.pop("tactics", [])
            category = row.pop("category", None)
            channel = services.part_create(
                model=models.Channel,
                strategy=strategy,
                user=user,
                preset=presets[("channel", category)] if category else None,
                **row,
            )
            channels[row["name"]] = channel
            for tactic in tactics:
                services.part_create(
                    model=models.Tactic,
                    strategy=strategy,
                    user=user,
                    channel=channel,
                    description=tactic["description"],
                    segment=segments.get(tactic.get("segment")),
                )
        for row in data.get("content_items", []):
            row = dict(row)
            offset = row.pop("month_offset", 0)
            month = start.month - 1 + offset
            services.part_create(
                model=models.ContentItem,
                strategy=strategy,
                user=user,
                planned_date=datetime.date(start.year + month // 12, month % 12 + 1, 15),
                **{**row, "channel": channels.get(row.get("channel")), "segment": segments.get(row.get("segment"))},
            )
        for row in data.get("stakeholders", []):
            services.part_create(model=models.Stakeholder, strategy=strategy, user=user, **row)
        for row in data.get("objectives", []):
            row = dict(row)
            kpis = row.pop("kpis", [])
            objective = services.part_create(model=models.Objective, strategy=strategy, user=user, **row)
            for kpi in kpis:
                services.part_create(model=models.KPI, strategy=strategy, user=user, objective=objective, **kpi)
        for row in data.get("risks", []):
            services.part_create(model=models.Risk, strategy=strategy, user=user, **row)
        for row in data.get("roles", []):
            services.part_create(model=models.ImplementationRole, strategy=strategy, user=user, **row)
        for row in data.get("budget_lines", []):
            services.part_create(
                model=models.BudgetLine, strategy=strategy, user=user, **{**row, "amount": Decimal(row["amount"])}
            )
        self.seed_tasks(strategy, data, owners, user)
        assessments = {a.recommendation.number: a for a in strategy.assessments.select_related("recommendation")}
        services.assessments_update(
            strategy=strategy,
            data={
                assessments[number].pk: {**values, "edit_version": assessments[number].edit_version}
                for number, values in data.get("assessments", {}).items()
            },
            user=user,
        )

    def seed_tasks(self, strategy, data, owners, user) -> None:
        today = timezone.localdate()
        tasks = {t.title: t for t in strategy.tasks.all()}
        for title, values in data.get("tasks", {}).items():
            task = tasks.get(title)
            if task is None:
                raise CommandError(f"Demo task {title!r} is not in the guide's action plan.")
            task.status = values.get("status", task.status)
            task.description = values.get("description", "")
            task.start = today + datetime.timedelta(days=values["start_offset_days"])
            task.due = today + datetime.timedelta(days=values["due_offset_days"])
            task.owner = owners.get(values.get("owner"))
            task.updated_by = user
            task.full_clean()
            task.save()
        for row in data.get("extra_tasks", []):
            services.part_create(
                model=models.Task,
                strategy=strategy,
                user=user,
                phase=row["phase"],
                parent=tasks.get(row.get("parent")),
                title=row["title"],
                status=row.get("status", "todo"),
                start=today + datetime.timedelta(days=row["start_offset_days"]),
                due=today + datetime.timedelta(days=row["due_offset_days"]),
                owner=owners.get(row.get("owner")),
                section=row.get("section", ""),
            )
