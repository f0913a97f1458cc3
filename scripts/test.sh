#!/usr/bin/env bash
# Every check `make test` runs: ruff, the import contracts, pytest on SQLite, pytest on
# PostgreSQL. PostgreSQL and Redis are started when down. Under CI=true a service that stays
# unreachable fails the run; elsewhere the legs needing it are skipped with a notice.
# Every step runs; the exit code is non-zero if any failed. PYTEST_ARGS narrows pytest.
# Each leg runs on KONTORA_TEST_WORKERS pytest-xdist workers (default: one per CPU core; 0
# runs in one process); tests are handed out as workers free up (--dist worksteal).
set -uo pipefail
cd "$(dirname "$0")/.."

BIN=.venv/bin
PG_URL=${KONTORA_TEST_PG_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/postgres}
REDIS_URL=${KONTORA_TEST_REDIS_URL:-redis://127.0.0.1:6379/0}
CI=${CI:-}
WORKERS=${KONTORA_TEST_WORKERS:-auto}
read -r -a PYTEST_ARGS <<<"${PYTEST_ARGS:-}"
failed=()

say() { printf '\n=== %s\n' "$*"; }
notice() { printf 'NOTICE: %s\n' "$*" >&2; }

pg_reachable() {
    "$BIN/python" - "$PG_URL" <<'PY' 2>/dev/null
import sys
from sqlalchemy import create_engine, text
engine = create_engine(sys.argv[1], connect_args={"connect_timeout": 3})
with engine.connect() as conn:
    conn.execute(text("SELECT 1"))
PY
}

redis_reachable() {
    "$BIN/python" -c "import redis, sys; redis.Redis.from_url(sys.argv[1], socket_connect_timeout=3).ping()" \
        "$REDIS_URL" 2>/dev/null
}

start_pg() {
    command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]] || return 0
    local version
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
}

start_redis() {
    command -v redis-server >/dev/null || return 0
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
        --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
}

# ensure NAME CHECK START: start the service when down, wait for it; 1 when still unreachable.
ensure() {
    local name=$1 check=$2 start=$3
    "$check" && return 0
    echo "$name is down; starting it"
    "$start"
    for _ in $(seq 1 20); do
        "$check" && return 0
        sleep 0.5
    done
    return 1
}

# step LABEL COMMAND...: run it, remember a failure, go on.
step() {
    local label=$1
    shift
    say "$label"
    "$@"
    local rc=$?
    if [[ $rc -ne 0 ]]; then
        failed+=("$label (exit $rc)")
    fi
}

# pytest LABEL ENV...: one database leg; exit 5 (no tests collected) is a notice, not a failure.
pytest_leg() {
    local label=$1
    shift
    say "$label"
    env "$@" "$BIN/python" -m pytest -n "$WORKERS" --dist worksteal --durations=25 \
        "${PYTEST_ARGS[@]}"
    local rc=$?
    if [[ $rc -eq 5 ]]; then
        notice "$label collected no tests"
    elif [[ $rc -ne 0 ]]; then
        failed+=("$label (exit $rc)")
    fi
}

pg_ok=1
if ! ensure PostgreSQL pg_reachable start_pg; then
    pg_ok=0
    if [[ $CI == true ]]; then
        failed+=("PostgreSQL unreachable at $PG_URL after trying to start it")
        echo "ERROR: CI=true and PostgreSQL at $PG_URL is unreachable after trying to start it" >&2
    else
        notice "PostgreSQL at $PG_URL is unreachable: the PostgreSQL leg is skipped"
    fi
fi
if ! ensure Redis redis_reachable start_redis; then
    if [[ $CI == true ]]; then
        failed+=("Redis unreachable at $REDIS_URL after trying to start it")
        echo "ERROR: CI=true and Redis at $REDIS_URL is unreachable after trying to start it" >&2
    else
        notice "Redis at $REDIS_URL is unreachable: the RQ job tests will be skipped"
    fi
fi

step "ruff" "$BIN/ruff" check .
step "import contracts (lint-imports)" "$BIN/lint-imports"
pytest_leg "pytest on SQLite" KONTORA_TEST_DB=sqlite
if [[ $pg_ok == 1 ]]; then
    pytest_leg "pytest on PostgreSQL" KONTORA_TEST_DB=postgresql KONTORA_TEST_PG_URL="$PG_URL"
fi

if [[ ${#failed[@]} -gt 0 ]]; then
    say "FAILED"
    printf '  - %s\n' "${failed[@]}"
    exit 1
fi
say "all checks passed"
