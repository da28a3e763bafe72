"""The Python half of bench/run.sh (run with DJANGO_SETTINGS_MODULE=bench.settings on the benchmark database).

measure.py plan PAGES_TSV        the pages to measure, each with a signed-in session cookie of its user
measure.py queries PAGES_TSV     the queries each page makes (second request, caches warm) -> JSON
measure.py pdf                   a strategy PDF: our cold render against WeasyPrint alone on the same HTML (wall, CPU)
measure.py report DIR OUT.md     the table from the wrk results, the query counts and the PDF times
"""

from __future__ import annotations

import datetime
import json
import os
import statistics
import sys
import time
from importlib import import_module
from pathlib import Path

import django

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.urls import reverse  # noqa: E402

from accounts.models import User  # noqa: E402
from accounts.sessions import SEEN, STARTED  # noqa: E402
from core import pagecache  # noqa: E402

CEILING = ("ceiling (3 queries)", "lead-de", "/bench/ceiling/")


def pages() -> list[tuple[str, str, str]]:
    """(label, username, path): the pages of issue #13, on the --full demo data."""
    from factsheets.models import Factsheet
    from reviews.models import Review
    from strategies.models import Strategy

    de = Strategy.objects.filter(country__code="DE").order_by("-created_at").first().pk
    review = Review.objects.filter(completed_at__isnull=True).order_by("-pk").first()
    factsheet = Factsheet.objects.filter(country__code="DE").order_by("pk").first()
    s = lambda name, **kw: reverse(f"strategies:{name}", kwargs={"pk": de, **kw})  # noqa: E731
    rows = [
        ("home", "lead-de", reverse("strategies:home")),
        ("strategy overview", "lead-de", s("detail")),
        ("section editor", "lead-de", s("section", key="target_audience")),
        ("section history", "lead-de", s("section_history", key="target_audience")),
        ("parts: audience segments", "lead-de", s("parts", kind="segments")),
        ("parts: risks (matrix)", "lead-de", s("parts", kind="risks")),
        ("calendar (content items)", "lead-de", s("parts", kind="content")),
        ("action plan", "lead-de", s("action_plan")),
        ("timeline", "lead-de", s("action_plan") + "?view=timeline"),
        ("recommendations", "lead-de", s("assessments")),
        ("factsheets", "lead-de", reverse("factsheets:list", kwargs={"code": "DE"})),
        ("factsheet editor", "lead-de", reverse("factsheets:edit", kwargs={"pk": factsheet.pk})),
        ("monitoring", "lead-de", reverse("monitoring:overview", kwargs={"pk": de})),
        ("review inbox", "reviewer", reverse("reviews:inbox")),
        ("review page", "reviewer", reverse("reviews:review", kwargs={"pk": review.pk})),
        ("Europe dashboard", "reviewer", reverse("comparisons:dashboard")),
        ("compare audiences", "reviewer", reverse("comparisons:audiences")),
        ("compare key messages", "reviewer", reverse("comparisons:messages")),
        ("compare a section", "reviewer", reverse("comparisons:section", kwargs={"key": "conclusion"})),
    ]
    only = os.environ.get("BENCH_PAGES")
    if only:  # e.g. BENCH_PAGES="home,action plan"
        wanted = {name.strip() for name in only.split(",")}
        rows = [row for row in rows if row[0] in wanted]
    return rows


def session_cookie(username: str) -> str:
    """A signed-in session, as allauth's sign-in leaves it (no password needed: made on the server)."""
    user = User.objects.get(username=username)
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    now = int(time.time())
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[STARTED] = store[SEEN] = now
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}"


def plan(out: str) -> None:
    cookies: dict[str, str] = {}
    with open(out, "w", encoding="utf-8") as handle:
        for label, username, path in [CEILING, *pages()]:
            cookie = cookies.setdefault(username, session_cookie(username))
            handle.write(f"{label}\t{username}\t{path}\t{cookie}\n")


def queries(plan_file: str) -> None:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    clients: dict[str, Client] = {}
    for line in Path(plan_file).read_text(encoding="utf-8").splitlines():
        label, username, path, _cookie = line.split("\t")
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))
        client.get(path)  # warm: caches filled, session activity recorded
        with CaptureQueriesContext(connection) as captured:
            status = client.get(path).status_code
        pagecache._bump()  # as after any change: the stored page is out of date, the next one is rendered
        with CaptureQueriesContext(connection) as rendering:
            client.get(path)
        counts[label] = {"queries": len(captured), "rendered_queries": len(rendering), "status": status}
    print(json.dumps(counts))


def cpu(plan_file: str, out: str) -> None:
    """CPU milliseconds per request of each page and of the ceiling, through the whole middleware stack in
    this process (the test client), in alternating rounds; objects loaded at start-up are frozen out of
    the garbage collector as onemg_planner/wsgi.py does (BENCH_FREEZE=0 to compare without)."""
    import gc

    from django.test import Client

    rounds, requests = int(os.environ.get("BENCH_CPU_ROUNDS", "3")), int(os.environ.get("BENCH_CPU_REQUESTS", "10"))
    rows = [line.split("\t") for line in Path(plan_file).read_text(encoding="utf-8").splitlines()]
    clients: dict[str, Client] = {}
    for _label, username, path, _cookie in rows:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(User.objects.get(username=username))
        for _warm in range(2):
            client.get(path)
    if os.environ.get("BENCH_FREEZE", "1") == "1":
        gc.collect()
        gc.freeze()

    def spent(client, path, *, rendered: bool = False) -> float:
        total = 0.0
        for _request in range(requests):
            if rendered:
                pagecache._bump()  # a change (not timed): the page cache's copy is out of date
            started = time.process_time()
            client.get(path)
            total += time.process_time() - started
        return total / requests * 1000

    (_c, ceiling_user, ceiling_path, _k), pages_ = rows[0], rows[1:]
    result = {}
    for label, username, path, _cookie in pages_:
        ceiling, page, rendered = [], [], []
        for _round in range(rounds):
            ceiling.append(spent(clients[ceiling_user], ceiling_path))
            page.append(spent(clients[username], path))
            rendered.append(spent(clients[username], path, rendered=True))
        result[label] = {
            "ceiling_ms": statistics.median(ceiling),
            "page_ms": statistics.median(page),
            "rendered_ms": statistics.median(rendered),
        }
    Path(out).write_text(json.dumps(result), encoding="utf-8")


def pdf() -> None:
    """Cold render of Germany's working copy through the app's path (document, template, WeasyPrint in a
    time-limited child, stored) against WeasyPrint alone on the same HTML, in this process, alternating
    (BENCH_PDF_ROUNDS rounds, 5 by default; which of the two goes first alternates too, so a load that
    rises or falls during a round favours neither). Wall time, as a person waits for it, and CPU time (this
    process's, plus the render child's for the app's path), steadier when other processes load the machine.

    The app's child renders with the heap it inherited frozen and no full collection (exports/pdf.py), which
    WeasyPrint alone in this process does not get: a third measure, WeasyPrint alone with the collector set
    as in the child, shows what our path itself costs beyond that."""
    import gc
    import resource

    from django.template.loader import render_to_string
    from django.utils import timezone

    from exports import services
    from exports.models import RenderedPdf
    from exports.pdf import FULL_COLLECTIONS_NEVER, render_pdf
    from strategies.models import Strategy

    def cpu() -> float:
        own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime

    strategy = Strategy.objects.filter(country__code="DE").order_by("-created_at").first()
    times: dict[str, list[tuple[float, float]]] = {"cold": [], "bare": [], "bare_gc": []}

    def cold():
        RenderedPdf.objects.all().delete()
        started, spent = time.perf_counter(), cpu()
        # The worker's path for a working copy (the schedule's pre-render, or a person's download): the
        # document, its template, the render in a child, stored under the alias the download looks up.
        services.render_working_copy(strategy)
        times["cold"].append((time.perf_counter() - started, cpu() - spent))
        return services.working_copy_document(strategy)

    def bare(document):
        html = render_to_string("pdf/strategy.html", {"doc": document, "generated": timezone.now()})
        started, spent = time.perf_counter(), cpu()
        render_pdf(html)
        times["bare"].append((time.perf_counter() - started, cpu() - spent))
        threshold = gc.get_threshold()
        gc.freeze()
        gc.set_threshold(threshold[0], threshold[1], FULL_COLLECTIONS_NEVER)
        started, spent = time.perf_counter(), cpu()
        render_pdf(html)
        times["bare_gc"].append((time.perf_counter() - started, cpu() - spent))
        gc.set_threshold(*threshold)
        gc.unfreeze()

    document = services.working_copy_document(strategy)
    for round_ in range(int(os.environ.get("BENCH_PDF_ROUNDS", "5"))):
        if round_ % 2:
            bare(document)
            document = cold()
        else:
            document = cold()
            bare(document)
    result = {
        f"{kind}{suffix}": statistics.median(sample[column] for sample in samples)
        for kind, samples in times.items()
        for suffix, column in (("", 0), ("_cpu", 1))
    }
    # Each round's own ratio, then their median: the two renders of a round ran next to each other, under
    # the same load, so a load that changes between rounds cancels out.
    for suffix, column in (("", 0), ("_cpu", 1)):
        result[f"paired{suffix}"] = statistics.median(
            cold[column] / bare[column] for cold, bare in zip(times["cold"], times["bare"], strict=True)
        )
    result["rounds"] = len(times["cold"])
    print(json.dumps(result))


def report(directory: str, out: str) -> None:
    """bench.tsv lines: label, round, kind (ceiling|page), then wrk's BENCH fields."""
    base = Path(directory)
    runs: dict[str, dict[str, list[list[float]]]] = {}
    order: list[str] = []
    for line in (base / "bench.tsv").read_text(encoding="utf-8").splitlines():
        label, _round, kind, *fields = line.split("\t")
        if label not in runs:
            order.append(label)
        runs.setdefault(label, {"ceiling": [], "page": [], "rendered": []})[kind].append([float(f) for f in fields])
    counts = json.loads((base / "queries.json").read_text(encoding="utf-8"))
    pdf_file = base / "pdf.json"
    pdf_times = json.loads(pdf_file.read_text(encoding="utf-8")) if pdf_file.exists() else None
    cached = (base / "cached.txt").read_text(encoding="utf-8").split() if pdf_times else []

    def rps(rows):
        return sum(r[0] for r in rows) / sum(r[1] for r in rows)

    def merged(rows, column):  # the median of the rounds' percentiles
        return statistics.median(r[column] for r in rows)

    lines = [
        "| page | user | opened again: req/s | p50 ms | p95 ms | p99 ms | queries | ceiling req/s (same rounds) "
        "| ratio | rendered: req/s | p50 ms | p99 ms | queries | ratio |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    plan_rows = {
        row.split("\t")[0]: row.split("\t")[1] for row in (base / "plan.tsv").read_text(encoding="utf-8").splitlines()
    }
    ratios, rendered_ratios = [], []
    for label in order:
        page, ceiling, fresh = runs[label]["page"], runs[label]["ceiling"], runs[label].get("rendered", [])
        bad = sum(r[5] + r[6] for r in page + fresh)
        ratio = rps(page) / rps(ceiling)
        ratios.append(ratio)
        count = counts.get(label, {}).get("queries", "?")
        rendered = "| – | – | – | – | – |"
        if fresh:
            rendered_ratios.append(rps(fresh) / rps(ceiling))
            rendered = (
                f"| {rps(fresh):.0f} | {merged(fresh, 2):.1f} | {merged(fresh, 4):.1f} "
                f"| {counts.get(label, {}).get('rendered_queries', '?')} | {rendered_ratios[-1]:.2f} |"
            )
        lines.append(
            f"| {label}{f' (errors: {bad:.0f})' if bad else ''} | {plan_rows.get(label, '')} | {rps(page):.0f} "
            f"| {merged(page, 2):.1f} | {merged(page, 3):.1f} | {merged(page, 4):.1f} | {count} "
            f"| {rps(ceiling):.0f} | **{ratio:.2f}** {rendered}"
        )
    cpu_file = base / "cpu.json"
    cpu_times = json.loads(cpu_file.read_text(encoding="utf-8")) if cpu_file.exists() else {}
    cpu_lines = [
        "| page | CPU ms, opened again | CPU ms, rendered | ceiling CPU ms (same rounds) "
        "| CPU ratio, opened again (ceiling ÷ page) | CPU ratio, rendered |",
        "|---|---:|---:|---:|---:|---:|",
    ] + [
        f"| {label} | {row['page_ms']:.1f} | {row.get('rendered_ms', float('nan')):.1f} | {row['ceiling_ms']:.2f} "
        f"| {row['ceiling_ms'] / row['page_ms']:.2f} | {row['ceiling_ms'] / row.get('rendered_ms', float('nan')):.2f} |"
        for label, row in cpu_times.items()
    ]
    load = os.getloadavg()
    text = "\n".join(
        [
            "# Benchmark results (bench/run.sh)",
            "",
            f"Run: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC on {os.cpu_count()} cores; "
            f"load average at the end {load[0]:.2f} / {load[1]:.2f} / {load[2]:.2f} (1/5/15 min; other "
            "processes share this machine, so compare the ratios, measured in alternating rounds, not the "
            "absolute numbers).",
            "",
            f"`seed_demo --full` data, gunicorn with 2 sync workers, DEBUG off, SQLite, "
            f"{os.environ.get('BENCH_CONNECTIONS', '8')} concurrent connections (wrk), "
            f"{os.environ.get('BENCH_ROUNDS', '2')} rounds of {os.environ.get('BENCH_SECONDS', '3')} s per page, "
            "each page round right after a ceiling round. Ceiling: a bare signed-in view doing 3 queries "
            f"({counts.get(CEILING[0], {}).get('queries', '?')} measured). Ratio = page req/s ÷ ceiling req/s "
            "of the same rounds (goal ≥ 0.5). *Opened again*: the same address again and again, as a person "
            "reopens a page; served by the page cache (core/pagecache.py) while no data changed and the minute "
            "has not turned. *Rendered*: a new address each time (bench/fresh.lua), so every request renders the "
            "page, as the first visit after a change does. Queries: the second request of the page (caches warm); "
            "rendered: right after a change.",
            "",
            *lines,
            "",
            f"Pages at ≥ 0.5 of the ceiling, opened again: {sum(r >= 0.5 for r in ratios)} of {len(ratios)}, "
            f"median ratio {statistics.median(ratios):.2f}"
            + (
                f"; rendered: {sum(r >= 0.5 for r in rendered_ratios)} of {len(rendered_ratios)}, median ratio "
                f"{statistics.median(rendered_ratios):.2f}."
                if rendered_ratios
                else "."
            ),
            "",
            *(
                [
                    "## CPU per request (in process, alternating with the ceiling)",
                    "",
                    "The same pages through the whole middleware stack with Django's test client, CPU time only: "
                    "steadier than requests per second when other processes load the machine.",
                    "",
                    *cpu_lines,
                    "",
                ]
                if cpu_times
                else []
            ),
            *(pdf_lines(pdf_times, cached) if pdf_times else ["(PDF not measured: BENCH_PDF=0)"]),
            "",
        ]
    )
    Path(out).write_text(text + "\n", encoding="utf-8")
    print(text)


def pdf_lines(pdf_times: dict, cached: list[str]) -> list[str]:
    rounds = pdf_times.get("rounds", 3)
    lines = [
        "## Strategy PDF (Germany's working copy)",
        "",
        f"Medians of {rounds} alternating rounds (app's path, WeasyPrint alone; which goes first alternates).",
        "",
        "| measure | wall time | CPU time |",
        "|---|---:|---:|",
    ]
    cpu = "cold_cpu" in pdf_times
    wall_cpu = [
        (
            "cold render, the app's path (document + template + WeasyPrint in a child + stored)",
            f"{pdf_times['cold'] * 1000:.0f} ms",
            f"{pdf_times['cold_cpu'] * 1000:.0f} ms" if cpu else "",
        ),
        (
            "WeasyPrint alone on the same HTML (same options, in process)",
            f"{pdf_times['bare'] * 1000:.0f} ms",
            f"{pdf_times['bare_cpu'] * 1000:.0f} ms" if cpu else "",
        ),
        (
            "ratio cold ÷ WeasyPrint (goal ≤ 1.1)",
            f"**{pdf_times['cold'] / pdf_times['bare']:.2f}**",
            f"**{pdf_times['cold_cpu'] / pdf_times['bare_cpu']:.2f}**" if cpu else "",
        ),
    ]
    if "paired" in pdf_times:
        wall_cpu.append(
            (
                "median of each round's ratio (the two renders of a round ran under the same load)",
                f"{pdf_times['paired']:.2f}",
                f"{pdf_times['paired_cpu']:.2f}",
            )
        )
    if "bare_gc" in pdf_times:  # WeasyPrint alone with the collector set as in the app's render child
        wall_cpu += [
            (
                "WeasyPrint alone, heap frozen and no full collection (as in the app's render child)",
                f"{pdf_times['bare_gc'] * 1000:.0f} ms",
                f"{pdf_times['bare_gc_cpu'] * 1000:.0f} ms",
            ),
            (
                "ratio cold ÷ that (our path's own cost)",
                f"{pdf_times['cold'] / pdf_times['bare_gc']:.2f}",
                f"{pdf_times['cold_cpu'] / pdf_times['bare_gc_cpu']:.2f}",
            ),
        ]
    lines += [f"| {label} | {wall} | {cpu_time} |" for label, wall, cpu_time in wall_cpu]
    lines.append(
        f"| cached download through gunicorn, median of {len(cached)} (goal ≤ 50 ms) "
        f"| {statistics.median(float(c) for c in cached) * 1000:.0f} ms | |"
    )
    return lines


if __name__ == "__main__":
    command, *args = sys.argv[1:]
    {"plan": plan, "queries": queries, "pdf": pdf, "cpu": cpu, "report": report}[command](*args)
