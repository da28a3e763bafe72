"""Demo data: every country, demo users (password `onemg-demo`), and strategies in different workflow states.

The content is data (demo/data/*.json, described in demo/data/README.md); everything is written through the
apps' services, as the pages write it, so the demo has history, versions, snapshots, events and
notifications like real work. Idempotent: seeding again resets the demo passwords and flags but never
overwrites a strategy that already exists, so work done in the demo is not lost.
"""

from __future__ import annotations

import datetime
import json
from decimal import Decimal
from functools import cache
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.utils import timezone

from accounts import services as account_services
from accounts.countries import COUNTRIES
from accounts.models import Country, User
from demo.monitoring import seed_monitoring_demo
from factsheets import services as factsheet_services
from factsheets.models import FactsheetTemplate
from guide.models import Preset
from reviews import services as review_services
from strategies import models, services

DATA = Path(__file__).resolve().parent / "data"
DEMO_PASSWORD = "onemg-demo"  # noqa: S105 - published in the README on purpose


class DemoDataError(Exception):
    """The demo data files do not fit the guide's content (e.g. a task title the action plan lacks)."""


@cache
def load(name: str) -> dict:
    with open(DATA / name, encoding="utf-8") as handle:
        return json.load(handle)


def demo_countries() -> dict[str, dict]:
    return load("countries.json")["demo_countries"]


def seed(*, full: bool = False) -> None:
    """Countries, users, strategies, factsheets and monitoring data (in the caller's transaction)."""
    seed_countries()
    codes = [code for code, _name, _langs in COUNTRIES] if full else list(demo_countries())
    users = seed_users(codes)
    cycle = load("countries.json")["full_cycle"]
    for index, code in enumerate(codes):
        known = demo_countries().get(code)
        status = known["status"] if known else cycle[index % len(cycle)]
        seed_strategy(Country.objects.get(code=code), status, users)
    seed_factsheets()
    seed_monitoring_demo(users)


def seed_countries() -> None:
    config = load("countries.json")
    signed_on = datetime.date.fromisoformat(config["signed_on"])
    for code, name, languages in COUNTRIES:
        country, _created = Country.objects.get_or_create(code=code, defaults={"name": name, "languages": languages})
        signatory = code not in config["not_signatory"]
        account_services.country_set(
            country=country,
            is_signatory=signatory,
            signed_on=country.signed_on or (signed_on if signatory else None),
            is_operational=code in config["operational"],
            website=country.website or demo_countries().get(code, {}).get("website", ""),
        )


def seed_users(codes) -> dict[str, User]:
    users = {
        "admin": _user("admin", "Ada", "Admin", is_superuser=True, is_staff=True),
        "reviewer": _user("reviewer", "Rui", "Reviewer", is_reviewer=True),
    }
    names = {"lead": ("Lena", "Lead"), "editor": ("Eli", "Editor"), "viewer": ("Vera", "Viewer")}
    for code in codes:
        country = Country.objects.get(code=code)
        for role, (first, last) in names.items():
            username = f"{role}-{code.lower()}"
            users[username] = _user(username, first, f"{last} ({code})")
            account_services.membership_set(user=users[username], country=country, role=role)
    return users


@cache
def _demo_password_hash() -> str:
    # One slow hash for every demo account (about 0.3 s each on this machine, 86 accounts with --full).
    return make_password(DEMO_PASSWORD)


def _user(username: str, first: str, last: str, **flags) -> User:
    return account_services.user_upsert(
        username=username,
        password_hash=_demo_password_hash(),
        first_name=first,
        last_name=last,
        email=f"{username}@example.org",
        is_active=True,
        **flags,
    )


def strategy_data(country: Country) -> dict:
    known = demo_countries().get(country.code)
    if known:
        return load(known["strategy"])
    # --full: borrow one of the three demo plans, under the country's own name
    source = ("DE", "FR", "PT")[sum(map(ord, country.code)) % 3]
    return {
        **load(demo_countries()[source]["strategy"]),
        "title": f"{country.name} 1+MG communication strategy",
        "contact": {
            "contact_name": f"{country.name} 1+MG communications team",
            "contact_address": f"National 1+MG coordination\n{country.name}",
            "contact_email": f"1mg-{country.code.lower()}@example.org",
        },
    }


def seed_strategy(country: Country, status: str, users: dict[str, User]) -> None:
    data = strategy_data(country)
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
        services.section_update(strategy=strategy, key=key, data=fields, base_version=section.edit_version, user=editor)
    seed_parts(strategy, data, start, {"lead": lead, "editor": editor}, editor)
    # The demo goes through the real workflow, so snapshots, events and notifications exist too.
    if status in (models.Strategy.Status.SUBMITTED, models.Strategy.Status.APPROVED):
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


def seed_parts(strategy, data, start, owners, user) -> None:
    # Each demo row names the guide's group or channel it belongs to ("category", None for other).
    presets = {(p.kind, p.name): p for p in Preset.objects.all()}

    def add(model, **values):
        return services.part_create(model=model, strategy=strategy, user=user, **values)

    segments = {}
    for row in data.get("segments", []):
        row = dict(row)
        category = row.pop("category", None)
        preset = presets[(row["group"], category)] if category else None
        segments[row["name"]] = add(models.AudienceSegment, preset=preset, **row)
    for row in data.get("messages", []):
        add(models.KeyMessage, **{**row, "segment": segments.get(row.get("segment"))})
    channels = {}
    for row in data.get("channels", []):
        row = dict(row)
        tactics = row.pop("tactics", [])
        category = row.pop("category", None)
        channel = add(models.Channel, preset=presets[("channel", category)] if category else None, **row)
        channels[row["name"]] = channel
        for tactic in tactics:
            add(
                models.Tactic,
                channel=channel,
                description=tactic["description"],
                segment=segments.get(tactic.get("segment")),
            )
    for row in data.get("content_items", []):
        row = dict(row)
        offset = row.pop("month_offset", 0)
        month = start.month - 1 + offset
        add(
            models.ContentItem,
            planned_date=datetime.date(start.year + month // 12, month % 12 + 1, 15),
            **{**row, "channel": channels.get(row.get("channel")), "segment": segments.get(row.get("segment"))},
        )
    for row in data.get("stakeholders", []):
        add(models.Stakeholder, **row)
    for row in data.get("objectives", []):
        row = dict(row)
        kpis = row.pop("kpis", [])
        objective = add(models.Objective, **row)
        for kpi in kpis:
            add(models.KPI, objective=objective, **kpi)
    for row in data.get("risks", []):
        add(models.Risk, **row)
    for row in data.get("roles", []):
        add(models.ImplementationRole, **row)
    for row in data.get("budget_lines", []):
        add(models.BudgetLine, **{**row, "amount": Decimal(row["amount"])})
    seed_tasks(strategy, data, owners, user)
    assessments = {a.recommendation.number: a for a in strategy.assessments.select_related("recommendation")}
    services.assessments_update(
        strategy=strategy,
        data={
            assessments[int(number)].pk: {**values, "edit_version": assessments[int(number)].edit_version}
            for number, values in data.get("assessments", {}).items()
        },
        user=user,
    )


def seed_tasks(strategy, data, owners, user) -> None:
    today = timezone.localdate()
    tasks = {t.title: t for t in strategy.tasks.all()}
    for title, values in data.get("tasks", {}).items():
        task = tasks.get(title)
        if task is None:
            raise DemoDataError(f"Demo task {title!r} is not in the guide's action plan.")
        services.part_update(
            part=task,
            data={
                "status": values.get("status", task.status),
                "description": values.get("description", ""),
                "start": today + datetime.timedelta(days=values["start_offset_days"]),
                "due": today + datetime.timedelta(days=values["due_offset_days"]),
                "owner": owners.get(values.get("owner")),
            },
            base_version=task.edit_version,
            user=user,
        )
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


def seed_factsheets() -> None:
    """Germany's two factsheets in English and German, national details filled in."""
    config = load("factsheets.json")
    country = Country.objects.get(code=config["country"])
    user = User.objects.get(username=config["adapted_by"])
    for template in FactsheetTemplate.objects.all():
        for language in config["languages"]:
            factsheet = factsheet_services.factsheet_get_or_create(
                country=country, template=template, language=language
            )
            if factsheet.placeholders.get("national_timescales"):
                continue  # already adapted: keep the demo user's work
            answers = {**factsheet.answers, **config["answers"].get(template.audience, {}).get(language, {})}
            factsheet_services.factsheet_update(
                factsheet=factsheet,
                answers=answers,
                placeholders=config["placeholders"][language],
                base_version=factsheet.edit_version,
                user=user,
            )
