#!/usr/bin/env bash
# The benchmark of issue #13, in one command: bench/run.sh
#
# Builds the `seed_demo --full` database, serves it with gunicorn (2 sync workers, DEBUG off, 127.0.0.1), and
# measures every page with wrk in alternating rounds against the ceiling (a bare signed-in view doing 3
# queries, only in bench/settings.py + bench/urls.py): ceiling, page, page rendered, ceiling, ... where "page"
# is the page opened again (served by the page cache while nothing changed) and "page rendered" the same page
# at a new address each time (bench/fresh.lua), rendered for every request as after a change. The table (req/s,
# p50/p95/p99, queries, ratio to the ceiling) and the strategy PDF's cold / WeasyPrint / cached times are
# printed and written to bench/RESULTS.md. About 8-9 minutes.
#
# Knobs (environment): BENCH_PORT (8102), BENCH_DIR (/tmp/onemg-bench), BENCH_SECONDS per round (3),
# BENCH_ROUNDS per page (2), BENCH_CONNECTIONS (8), BENCH_PAGES (comma-separated labels, default all),
# BENCH_OUT (bench/RESULTS.md), BENCH_REUSE=1 (keep the database of the previous run), BENCH_PDF=0 (skip the PDF).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PY=${PY:-$ROOT/.venv/bin/python}
GUNICORN=${GUNICORN:-$ROOT/.venv/bin/gunicorn}
export BENCH_DIR=${BENCH_DIR:-/tmp/onemg-bench}
export BENCH_SECONDS=${BENCH_SECONDS:-3} BENCH_ROUNDS=${BENCH_ROUNDS:-2} BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
PORT=${BENCH_PORT:-8102}
OUT=${BENCH_OUT:-$ROOT/bench/RESULTS.md}
export DJANGO_SETTINGS_MODULE=bench.settings
export DATABASE_URL="sqlite:///$BENCH_DIR/bench.sqlite3"
export PYTHONPATH=$ROOT
mkdir -p "$BENCH_DIR"

if ! command -v wrk >/dev/null; then
  echo "Installing wrk (Debian package)..."
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
  else sudo apt-get install -y -qq wrk >/dev/null; fi
fi
test -x "$PY" || { echo "No virtualenv: run 'make venv' first." >&2; exit 1; }

if [ "${BENCH_REUSE:-0}" != 1 ] || [ ! -f "$BENCH_DIR/bench.sqlite3" ]; then
  rm -f "$BENCH_DIR"/bench.sqlite3*
  echo "== database: migrate, seed_demo --full"
  "$PY" manage.py migrate --noinput -v0
  start=$(date +%s%N)
  "$PY" manage.py seed_demo --full --force >/dev/null
  echo "   seed_demo --full: $(( ($(date +%s%N) - start) / 1000000 )) ms"
fi
"$PY" manage.py collectstatic --noinput -v0

echo "== gunicorn on 127.0.0.1:$PORT (2 sync workers, DEBUG off)"
"$GUNICORN" onemg_planner.wsgi:application --workers 2 --worker-class sync --bind "127.0.0.1:$PORT" \
  --log-level warning --pid "$BENCH_DIR/gunicorn.pid" &
GUNICORN_PID=$!
trap 'kill "$GUNICORN_PID" 2>/dev/null || true; wait "$GUNICORN_PID" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/accounts/login/" && break; sleep 0.2; done

"$PY" bench/measure.py plan "$BENCH_DIR/plan.tsv"
# Every page must answer 200 to its signed-in user (a redirect to the sign-in page would look fast).
while IFS=$'\t' read -r label user path cookie; do
  code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path")
  [ "$code" = 200 ] || { echo "$label ($user, $path) answered $code, not 200" >&2; exit 1; }
done <"$BENCH_DIR/plan.tsv"

measure() {  # label round kind cookie path [script]
  local line
  line=$(wrk -t2 -c"$BENCH_CONNECTIONS" -d"${BENCH_SECONDS}s" --timeout 10s -s "$ROOT/bench/${6:-report.lua}" \
    -H "Cookie: $4" "http://127.0.0.1:$PORT$5" | grep '^BENCH ')
  printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$(echo "${line#BENCH }" | tr ' ' '\t')" >>"$BENCH_DIR/bench.tsv"
}

echo "== pages: $BENCH_ROUNDS alternating rounds of ${BENCH_SECONDS}s each (ceiling, page, page rendered, ceiling ...)"
: >"$BENCH_DIR/bench.tsv"
IFS=$'\t' read -r _c_label _c_user ceiling_path ceiling_cookie <"$BENCH_DIR/plan.tsv"
# Warm both workers (template caches, first connections).
wrk -t2 -c"$BENCH_CONNECTIONS" -d1s -H "Cookie: $ceiling_cookie" "http://127.0.0.1:$PORT$ceiling_path" >/dev/null
tail -n +2 "$BENCH_DIR/plan.tsv" | while IFS=$'\t' read -r label user path cookie; do
  wrk -t2 -c"$BENCH_CONNECTIONS" -d1s -H "Cookie: $cookie" "http://127.0.0.1:$PORT$path" >/dev/null
  for round in $(seq "$BENCH_ROUNDS"); do
    measure "$label" "$round" ceiling "$ceiling_cookie" "$ceiling_path"
    measure "$label" "$round" page "$cookie" "$path"
    # The same page at a new address each time: never in the page cache, rendered for every request.
    measure "$label" "$round" rendered "$cookie" "$path" fresh.lua
  done
  echo "   $label"
done

echo "== CPU per request in process (ceiling and page alternating)"
"$PY" bench/measure.py cpu "$BENCH_DIR/plan.tsv" "$BENCH_DIR/cpu.json"

echo "== query counts"
"$PY" bench/measure.py queries "$BENCH_DIR/plan.tsv" >"$BENCH_DIR/queries.json"

rm -f "$BENCH_DIR/pdf.json" "$BENCH_DIR/cached.txt"
if [ "${BENCH_PDF:-1}" = 1 ]; then
echo "== strategy PDF: cold render against WeasyPrint alone, then the cached download"
"$PY" bench/measure.py pdf >"$BENCH_DIR/pdf.json"
lead_cookie=$(awk -F'\t' '$2 == "lead-de" {print $4; exit}' "$BENCH_DIR/plan.tsv")
pdf_path=$("$PY" -c "
import django; django.setup()
from django.urls import reverse
from strategies.models import Strategy
print(reverse('exports:strategy_pdf', args=[Strategy.objects.filter(country__code='DE').order_by('-created_at').first().pk]))")
curl -s -o "$BENCH_DIR/strategy.pdf" -H "Cookie: $lead_cookie" "http://127.0.0.1:$PORT$pdf_path"
head -c 4 "$BENCH_DIR/strategy.pdf" | grep -q '%PDF' || { echo "The cached PDF was not served" >&2; exit 1; }
: >"$BENCH_DIR/cached.txt"
for _ in $(seq 20); do
  curl -s -o /dev/null -w '%{time_total}\n' -H "Cookie: $lead_cookie" "http://127.0.0.1:$PORT$pdf_path" >>"$BENCH_DIR/cached.txt"
done
fi

echo
"$PY" bench/measure.py report "$BENCH_DIR" "$OUT"
