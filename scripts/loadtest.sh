#!/usr/bin/env bash
# Load test: 50 simulated people editing, commenting, reviewing and exporting against 127.0.0.1:8105.
# Usage: scripts/loadtest.sh sqlite|postgres [seconds=180] [users=50]
# Builds a fresh database with demo data for every country (seed_demo --full), serves it with gunicorn as in
# production (DEBUG off, a SECRET_KEY, behind a "TLS proxy"), runs the PDF worker, drives it with locust
# headless for the given time, then checks that every save the clients saw accepted is in the history.
# Prints requests, failures and latency percentiles; exits non-zero on any error or lost save.
set -euo pipefail
cd "$(dirname "$0")/.."
db=${1:-sqlite}; seconds=${2:-180}; users=${3:-50}; port=${LOADTEST_PORT:-8105}
case "$db" in
  sqlite) ;;
  postgres)
    if [ -z "${DATABASE_URL:-}" ]; then exec scripts/with-postgres.sh "$0" "$@"; fi ;;
  *) echo "usage: $0 sqlite|postgres [seconds] [users]" >&2; exit 2 ;;
esac
PY=.venv/bin/python
work=$(mktemp -d /tmp/onemg-load.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "${status:-1}" = 0 ]; then rm -rf "$work"; else echo "(logs kept in $work)"; fi
}
trap cleanup EXIT

export DEBUG=0 SECRET_KEY="loadtest-$(date +%s)-not-for-production" ALLOWED_HOSTS=127.0.0.1 BEHIND_TLS_PROXY=1
export LOG_LEVEL=WARNING EMAIL_BACKEND=django.core.mail.backends.locmem.EmailBackend
[ "$db" = sqlite ] && export DATABASE_URL="sqlite:///$work/db.sqlite3"
export LOADTEST_TARGETS="$work/targets.json" LOADTEST_OUT="$work/accepted.json"

echo "== $db: building the database (migrate, seed_demo --full)"
$PY manage.py migrate --noinput >/dev/null
$PY manage.py seed_demo --full --force >/dev/null
$PY manage.py collectstatic --noinput >/dev/null
$PY manage.py shell < scripts/loadtest_targets.py >/dev/null

# Threaded workers keep connections alive; longer than a simulated person's pause, so the server never closes
# a connection at the moment the client reuses it (a reset that says nothing about the app).
.venv/bin/gunicorn onemg_planner.wsgi -b "127.0.0.1:$port" --workers 3 --threads 4 --timeout 120 --keep-alive 75 \
  --error-logfile "$work/gunicorn.log" --log-level warning 2>"$work/app.log" &
pids+=($!)
$PY manage.py run_worker >"$work/worker.log" 2>&1 &
pids+=($!)
for _i in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$port/accounts/login/" && break; sleep 0.2; done

export LOADTEST_STARTED=$($PY -c 'import datetime; print(datetime.datetime.now(datetime.UTC).isoformat())')
echo "== $db: $users users for ${seconds}s against 127.0.0.1:$port"
status=0
.venv/bin/locust -f scripts/locustfile.py --headless -u "$users" -r 10 -t "${seconds}s" --host "http://127.0.0.1:$port" \
  --csv "$work/stats" --only-summary --stop-timeout 10 >"$work/locust.log" 2>&1 || status=$?

$PY - "$work/stats_stats.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
print(f"{'request':28} {'count':>6} {'fail':>5} {'median':>7} {'p95':>7} {'p99':>7} {'max':>7}  (ms)")
for r in rows:
    print(f"{r['Name'][:28]:28} {r['Request Count']:>6} {r['Failure Count']:>5} {r['50%']:>7} {r['95%']:>7} {r['99%']:>7} {float(r['Max Response Time']):>7.0f}")
PYEOF
if [ -s "$work/stats_failures.csv" ] && [ "$(wc -l < "$work/stats_failures.csv")" -gt 1 ]; then
  echo "== failures:"; cat "$work/stats_failures.csv"; status=1
fi
if grep -qE "Traceback|Internal Server Error|WORKER TIMEOUT" "$work/gunicorn.log" "$work/app.log"; then echo "== server errors:"; tail -n 40 "$work/app.log" "$work/gunicorn.log" || true; status=1; fi
echo "== $db: checking the history"
$PY manage.py shell < scripts/loadtest_verify.py || status=1
echo "== $db: $( [ $status = 0 ] && echo 'PASS: no errors, no lost saves' || echo FAIL )"
exit $status
