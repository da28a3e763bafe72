#!/usr/bin/env bash
# Several machines (issue #13): two app servers (gunicorn) and one background worker against one throwaway
# PostgreSQL, with the database cache (CACHE_URL=db://). Checks that a session, presence, a cache change and
# a PDF job cross from one server to the other (scripts/two_servers_check.py). Exits non-zero on failure.
# Usage: scripts/two_servers.sh   (make two-servers; make test runs it)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ "${DATABASE_URL:-}" != postgres* ]]; then
  exec scripts/with-postgres.sh "$0" "$@"
fi

PY=${PY:-.venv/bin/python}
GUNICORN=${GUNICORN:-.venv/bin/gunicorn}
work=$(mktemp -d /tmp/onemg-two-servers.XXXXXX)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

# The test settings (no collectstatic, fast password hashing, mail kept in memory), DEBUG off, one shared
# database cache; the API allows 3 calls a minute, so the 4th shows whether the servers share the count.
# TWO_SERVERS_CACHE_URL=locmem:// shows the check failing when the cache is not shared.
export DJANGO_SETTINGS_MODULE=onemg_planner.settings_test CACHE_URL=${TWO_SERVERS_CACHE_URL:-db://} API_RATE=3/minute DEBUG=0
export PYTHONPATH=$PWD

$PY manage.py migrate --noinput -v 0
strategy=$($PY scripts/two_servers_check.py setup | tail -1)

port_a=$(free_port); port_b=$(free_port)
$GUNICORN onemg_planner.wsgi -b "127.0.0.1:$port_a" -w 1 --log-level warning >"$work/a.log" 2>&1 & pids+=($!)
$GUNICORN onemg_planner.wsgi -b "127.0.0.1:$port_b" -w 1 --log-level warning >"$work/b.log" 2>&1 & pids+=($!)
$PY manage.py run_worker --interval 0.5 -v 1 >"$work/worker.log" 2>&1 & pids+=($!)

for port in "$port_a" "$port_b"; do
  for _ in $(seq 60); do
    curl -fs -o /dev/null "http://127.0.0.1:$port/accounts/login/" && break
    sleep 0.5
  done
done

if ! $PY scripts/two_servers_check.py check "http://127.0.0.1:$port_a" "http://127.0.0.1:$port_b" "$strategy"; then
  echo "--- server A" >&2; tail -30 "$work/a.log" >&2
  echo "--- server B" >&2; tail -30 "$work/b.log" >&2
  echo "--- worker" >&2; tail -30 "$work/worker.log" >&2
  exit 1
fi
echo "two servers: session, presence, cache and PDF job shared"
