"""Benchmark the strategy PDF: pages, the app's cold time, WeasyPrint's own time for the same HTML (their
ratio is the app's overhead), and the cached download time.

Run on the demo data (make run has loaded it):  DEBUG=1 .venv/bin/python scripts/benchmark_pdf.py [DE]
The machine's speed drifts, so the two renders alternate and the medians of each are compared.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onemg_planner.settings")

import django  # noqa: E402

django.setup()

from django.template.loader import render_to_string  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from weasyprint import HTML  # noqa: E402

from accounts.models import User  # noqa: E402
from exports import services  # noqa: E402
from exports.models import RenderedPdf  # noqa: E402
from exports.pdf import BASE_URL, SafeURLFetcher  # noqa: E402
from strategies.models import Strategy  # noqa: E402


def main(code: str = "DE", rounds: int = 3) -> None:
    strategy = Strategy.objects.select_related("country").filter(country__code=code).first()
    if strategy is None:
        sys.exit(f"No strategy for {code}: run `make run` (or manage.py seed_demo) first.")
    app_times, raw_times, pages = [], [], 0
    for _round in range(rounds):
        RenderedPdf.objects.filter(kind="strategy").delete()
        started = time.perf_counter()
        document = services.working_copy_document(strategy)
        rendered = services.strategy_pdf(document)
        app_times.append(time.perf_counter() - started)
        pages = rendered.pages
        html = render_to_string("pdf/strategy.html", {"doc": document, "generated": timezone.now()})
        started = time.perf_counter()
        HTML(string=html, base_url=BASE_URL, url_fetcher=SafeURLFetcher()).write_pdf(pdf_variant="pdf/ua-1")
        raw_times.append(time.perf_counter() - started)
    client = Client(SERVER_NAME="localhost")
    client.force_login(User.objects.filter(memberships__country=strategy.country).first())
    url = reverse("exports:strategy_pdf", args=[strategy.pk])
    client.get(url)  # warm
    cached = []
    for _i in range(10):
        started = time.perf_counter()
        response = client.get(url)
        cached.append(time.perf_counter() - started)
        assert response.status_code == 200, response.status_code
    app, raw = statistics.median(app_times), statistics.median(raw_times)
    print(f"pages: {pages}")
    print(f"app cold render: {app:.2f} s   WeasyPrint alone: {raw:.2f} s   overhead ratio: {app / raw:.2f}")
    print(f"cached download: {statistics.median(cached) * 1000:.0f} ms (median of 10)")


if __name__ == "__main__":
    main(*(sys.argv[1:2] or ["DE"]))
