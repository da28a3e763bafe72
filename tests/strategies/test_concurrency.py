"""Real concurrency, on SQLite (a file database with the settings of `make run`) and on PostgreSQL: threads
with their own database connections race saves of the same section and rows, deletes, workflow steps and
claims. Every save lands or comes back as a conflict holding the user's text, the history holds every
accepted save, the workflow never ends in an illegal state, and nothing raises (no 500)."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client

from accounts.models import Membership
from reviews import services as review_services
from reviews.models import Event, Review, Snapshot
from strategies import services
from strategies.merge import split_blocks
from strategies.models import Conclusion, Introduction, Revision, Risk, Strategy
from tests.factories import MembershipFactory, UserFactory, make_strategy

pytestmark = pytest.mark.usefixtures("reference_data")

THREADS = 20


def race(calls, *, refused=()):
    """Run every call in its own thread (own connection), all released at once. A call that raises one of
    `refused` (a clear refusal, like an illegal transition) returns the exception; anything else fails."""
    barrier = threading.Barrier(len(calls))
    results, errors = [None] * len(calls), []

    def run(index, call):
        try:
            prepare = getattr(call, "prepare", None)
            if prepare:
                prepare()
            barrier.wait(timeout=60)
            results[index] = call()
        except refused as refusal:
            results[index] = refusal
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    return results


def editors(count: int, country: str = "DE"):
    from tests.factories import country as country_of

    return [
        MembershipFactory(user__username=f"ed{i}", country=country_of(country), role=Membership.Role.EDITOR).user
        for i in range(count)
    ]


def history(strategy, target):
    return list(Revision.objects.filter(strategy=strategy, target=target).order_by("version"))


# --- Sections --------------------------------------------------------------------------------------------


def test_racing_saves_of_different_paragraphs_both_land(lead, editor):
    strategy = make_strategy("DE")
    services.section_update(
        strategy=strategy, key="conclusion", data={"summary": "<p>A</p><p>B</p>"}, base_version=1, user=lead
    )

    def save(user, text):
        return lambda: (
            services.section_update(
                strategy=strategy, key="conclusion", data={"summary": text}, base_version=2, user=user
            ).status
        )

    statuses = race([save(lead, "<p>A by lead</p><p>B</p>"), save(editor, "<p>A</p><p>B by editor</p>")])
    assert sorted(statuses) == ["merged", "saved"]
    section = strategy.conclusion_section
    section.refresh_from_db()
    assert section.summary == "<p>A by lead</p><p>B by editor</p>" and section.edit_version == 4


def test_twenty_editors_saving_their_own_paragraph_of_one_section_lose_nothing(lead):
    strategy = make_strategy("DE")
    people = editors(THREADS)
    services.section_update(
        strategy=strategy,
        key="conclusion",
        data={"summary": "".join(f"<p>Paragraph {i}</p>" for i in range(THREADS))},
        base_version=1,
        user=lead,
    )
    rounds = 3

    def editing(i):
        def run():
            statuses = []
            for round_ in range(rounds):
                section = Conclusion.objects.get(strategy=strategy)
                blocks = split_blocks(section.summary)
                blocks[i] = f"<p>Paragraph {i} by editor {i}, round {round_}</p>"
                result = services.section_update(
                    strategy=strategy,
                    key="conclusion",
                    data={"summary": "".join(blocks)},
                    base_version=section.edit_version,
                    user=people[i],
                )
                statuses.append(result.status)
            return statuses

        return run

    statuses = [status for run in race([editing(i) for i in range(THREADS)]) for status in run]
    # Editors who touch different paragraphs are always merged, never refused.
    assert set(statuses) <= {"saved", "merged"} and len(statuses) == THREADS * rounds
    section = Conclusion.objects.get(strategy=strategy)
    assert split_blocks(section.summary) == [
        f"<p>Paragraph {i} by editor {i}, round {rounds - 1}</p>" for i in range(THREADS)
    ]
    revisions = history(strategy, "section:conclusion")
    # Version 1 (created), 2 (the lead's first text), then one version per accepted save, no gaps.
    assert [r.version for r in revisions] == list(range(1, 3 + THREADS * rounds))
    assert section.edit_version == 2 + THREADS * rounds
    for i in range(THREADS):
        for round_ in range(rounds):
            text = f"Paragraph {i} by editor {i}, round {round_}"
            assert any(text in r.data["summary"] and r.user_id == people[i].pk for r in revisions), text


def test_twenty_editors_rewriting_the_same_paragraph_one_lands_the_others_keep_their_text():
    strategy = make_strategy("DE")
    people = editors(THREADS)

    def save(i):
        text = f"<p>Summary by editor {i}</p>"
        return lambda: services.section_update(
            strategy=strategy, key="conclusion", data={"summary": text}, base_version=1, user=people[i]
        )

    results = race([save(i) for i in range(THREADS)])
    saved = [r for r in results if r.status == "saved"]
    conflicts = [r for r in results if r.status == "conflict"]
    assert len(saved) == 1 and len(conflicts) == THREADS - 1
    winner = saved[0].obj.summary
    for i, result in enumerate(results):
        assert result.mine == {"summary": f"<p>Summary by editor {i}</p>"}  # the user's text comes back
        if result.status == "conflict":
            assert result.theirs["summary"] == winner and result.conflicts == ["summary"]
    section = Conclusion.objects.get(strategy=strategy)
    assert section.summary == winner and section.edit_version == 2
    assert [r.version for r in history(strategy, "section:conclusion")] == [1, 2]


# --- Structured rows -------------------------------------------------------------------------------------


def test_twenty_threads_editing_and_deleting_the_same_rows_lose_no_accepted_save(lead):
    strategy = make_strategy("DE")
    people = editors(THREADS)
    lines = 5
    risks = [
        services.part_create(
            model=Risk,
            strategy=strategy,
            user=lead,
            description="\n".join(f"Risk {r} line {n}" for n in range(lines)),
        )
        for r in range(4)
    ]
    calls, plan = [], []
    for r, risk in enumerate(risks):
        for n in range(lines):
            thread = len(calls)
            if r >= 2 and n == lines - 1:
                # Rows 2 and 3: the fifth thread deletes the row it saw (version 1) instead of editing it.
                calls.append(
                    lambda risk=risk, t=thread: services.part_delete(part=risk, base_version=1, user=people[t])
                )
                plan.append((r, "delete", None))
                continue
            text = f"Risk {r} line {n} edited by {thread}"

            def edit(risk=risk, n=n, text=text, t=thread):
                fresh = Risk.objects.filter(pk=risk.pk).first() or risk
                described = fresh.description.split("\n")
                described[n] = text
                return services.part_update(
                    part=fresh,
                    data={"description": "\n".join(described)},
                    base_version=fresh.edit_version,
                    user=people[t],
                )

            calls.append(edit)
            plan.append((r, "edit", text))
    assert len(calls) == THREADS

    results = race(calls)
    assert {r.status for r in results} <= {"saved", "merged", "conflict"}
    for (_row, action, text), result in zip(plan, results, strict=True):
        if action == "edit" and result.status == "conflict":
            # Only a colleague's delete refuses a save here, and the user's text comes back with it.
            assert result.deleted and text in result.mine["description"]
    for r, risk in enumerate(risks):
        target = f"risk:{risk.pk}"
        revisions = history(strategy, target)
        accepted = [
            text
            for (row, action, text), result in zip(plan, results, strict=True)
            if row == r and action == "edit" and result.ok
        ]
        updates = [rev for rev in revisions if rev.action in ("update", "merge")]
        assert len(updates) == len(accepted)
        for text in accepted:
            assert any(text in rev.data["description"] for rev in updates), text
        current = Risk.objects.filter(pk=risk.pk).first()
        deleted = [rev for rev in revisions if rev.action == "delete"]
        if current is None:
            assert len(deleted) == 1 and revisions[-1].action == "delete"
        else:
            assert not deleted
            assert all(text in current.description for text in accepted)
            assert current.edit_version == 1 + len(accepted) == revisions[-1].version
    # Rows without a deleter kept every edit.
    assert Risk.objects.filter(pk__in=[risks[0].pk, risks[1].pk]).count() == 2


# --- Workflow --------------------------------------------------------------------------------------------


def assert_legal_history(strategy: Strategy):
    """The events chain from draft to the current status, every step a legal transition, and the
    snapshots and reviews agree with them."""
    strategy.refresh_from_db()
    events = list(Event.objects.filter(strategy=strategy).order_by("id"))
    status = "draft"
    for event in events:
        sources, target, _who = Strategy.TRANSITIONS[event.action]
        assert event.from_status == status and status in sources and event.to_status == target, event
        status = target
    assert strategy.status == status
    submits = [e for e in events if e.action == "submit"]
    snapshots = list(Snapshot.objects.filter(strategy=strategy).order_by("number"))
    assert [s.number for s in snapshots] == list(range(1, len(submits) + 1))
    assert [e.snapshot_id for e in submits] == [s.pk for s in snapshots]
    open_reviews = Review.objects.filter(snapshot__strategy=strategy, completed_at__isnull=True)
    assert open_reviews.count() == (1 if status == "submitted" else 0)
    return events


def test_twenty_threads_submitting_and_withdrawing_while_editors_save_end_in_a_legal_state(lead, reviewer):
    strategy = make_strategy("DE")
    people = editors(6)
    services.section_update(
        strategy=strategy,
        key="introduction",
        data={"purpose": "".join(f"<p>Purpose {i}</p>" for i in range(6))},
        base_version=1,
        user=lead,
    )

    def step(action):
        def run():
            outcomes = []
            for _round in range(3):
                call = review_services.strategy_submit if action == "submit" else review_services.strategy_withdraw
                try:
                    call(strategy=strategy, user=lead)
                    outcomes.append((action, True))
                except ValidationError:
                    outcomes.append((action, False))
            return outcomes

        return run

    def save(i):
        def run():
            section = Introduction.objects.get(strategy=strategy)
            blocks = split_blocks(section.purpose)
            blocks[i] = f"<p>Purpose line {i}</p>"
            return services.section_update(
                strategy=strategy,
                key="introduction",
                data={"purpose": "".join(blocks)},
                base_version=section.edit_version,
                user=people[i],
            )

        return run

    calls = [step("submit") for _ in range(7)] + [step("withdraw") for _ in range(7)] + [save(i) for i in range(6)]
    results = race(calls)
    outcomes = [o for run in results[:14] for o in run]
    events = assert_legal_history(strategy)
    succeeded = [action for action, ok in outcomes if ok]
    assert sorted(succeeded) == sorted(e.action for e in events)
    assert any(ok for _a, ok in outcomes)
    # Editors saving beside the workflow (each their own paragraph) are merged and all kept.
    assert all(r.ok for r in results[14:])
    purpose = Introduction.objects.get(strategy=strategy).purpose
    assert all(f"Purpose line {i}" in purpose for i in range(6))


def test_twenty_reviewers_claiming_one_review_exactly_one_gets_it(lead):
    strategy = make_strategy("DE")
    review_services.strategy_submit(strategy=strategy, user=lead)
    review = review_services.open_review(strategy)
    reviewers = [UserFactory(username=f"rev{i}", is_reviewer=True) for i in range(THREADS)]
    results = race(
        [lambda user=user: review_services.review_claim(review=review, user=user) for user in reviewers],
        refused=ValidationError,
    )
    claimed = [r for r in results if isinstance(r, Review)]
    assert len(claimed) == 1
    assert all("already claimed" in " ".join(r.messages) for r in results if isinstance(r, ValidationError))
    review.refresh_from_db()
    assert review.reviewer == claimed[0].reviewer and review.claimed_at is not None


# --- Over HTTP -------------------------------------------------------------------------------------------


class Browser:
    """One signed-in person with their own test client, signing in before the race starts."""

    def __init__(self, user):
        self.user, self.client = user, Client()

    def prepare(self):
        self.client.force_login(self.user)


def test_twenty_people_saving_and_submitting_over_http_never_get_a_server_error(lead):
    strategy = make_strategy("DE")
    people = editors(THREADS - 2)
    url = f"/strategies/{strategy.pk}/sections/introduction/"
    services.section_update(
        strategy=strategy,
        key="introduction",
        data={"background": "".join(f"<p>Background {i}</p>" for i in range(10))},
        base_version=1,
        user=lead,
    )
    texts = {}

    def post_section(i):
        browser = Browser(people[i])

        def run():
            section = Introduction.objects.get(strategy=strategy)
            data = {
                "edit_version": section.edit_version,
                "background": section.background,
                "purpose": section.purpose,
                "scope_and_context": section.scope_and_context,
            }
            if i < 10:  # different paragraphs of one field: merged
                blocks = split_blocks(section.background)
                blocks[i] = f"<p>Background {i} rewritten by editor {i}</p>"
                data["background"] = texts[i] = "".join(blocks)
            else:  # the same paragraph of another field, all from version 2: one lands, the rest conflict
                data["edit_version"] = 2
                data["purpose"] = texts[i] = f"<p>Purpose written by editor {i}</p>"
            return browser.client.post(url, data)

        run.prepare = browser.prepare
        return run

    def workflow(action):
        browser = Browser(lead)

        def run():
            return browser.client.post(
                f"/reviews/strategies/{strategy.pk}/transition/", {"action": action, "confirmed": "on"}
            )

        run.prepare = browser.prepare
        return run

    calls = [post_section(i) for i in range(THREADS - 2)] + [workflow("submit"), workflow("withdraw")]
    responses = race(calls)
    codes = [r.status_code for r in responses]
    assert set(codes) <= {302, 409}, codes
    assert codes[:10] == [302] * 10  # merged
    assert sorted(codes[10 : THREADS - 2]) == [302] + [409] * (THREADS - 13)
    for i, response in enumerate(responses[10 : THREADS - 2], start=10):
        if response.status_code == 409:
            assert f"Purpose written by editor {i}" in response.content.decode()  # their text, to save again
    section = Introduction.objects.get(strategy=strategy)
    assert all(f"Background {i} rewritten by editor {i}" in section.background for i in range(10))
    accepted = codes[: THREADS - 2].count(302)
    assert len(history(strategy, "section:introduction")) == 2 + accepted
    assert codes[-2:] == [302, 302]
    assert_legal_history(strategy)


def test_saving_a_row_a_colleague_just_deleted_gives_back_the_users_values(lead, editor, client, monkeypatch):
    strategy = make_strategy("DE")
    risk = services.part_create(model=Risk, strategy=strategy, user=lead, description="Low turnout")
    real_update = services.part_update

    def deleted_first(**kwargs):  # the colleague's delete lands between loading the row and saving it
        services.part_delete(part=risk, base_version=1, user=lead)
        return real_update(**kwargs)

    monkeypatch.setattr(services, "part_update", deleted_first)
    client.force_login(editor)
    response = client.post(
        f"/strategies/{strategy.pk}/parts/risks/{risk.pk}/",
        {"edit_version": 1, "description": "Low turnout in rural areas", "likelihood": 3, "impact": 4},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 409
    page = response.content.decode()
    assert "deleted this row while you were editing" in page and "Low turnout in rural areas" in page
    assert f"/strategies/{strategy.pk}/parts/risks/new/" in page  # saving again adds it back
    assert not Risk.objects.filter(strategy=strategy).exists()
