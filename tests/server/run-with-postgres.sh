#!/bin/sh
# Runs one server test suite against a throwaway PostgreSQL: a fresh cluster in a temporary folder,
# listening on 127.0.0.1 only, on a free port, stopped and removed on exit whatever happens.
# Usage: run-with-postgres.sh TEST_BINARY [ARGS...]   (exit 77 = skipped: PostgreSQL not installed;
# with RELAIS_REQUIRE_ALL=1, as scripts/test.sh and so CI set it, a missing PostgreSQL is a failure)
set -u

PGBIN=${RELAIS_PGBIN:-}
if [ -z "$PGBIN" ]; then
    for d in /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && PGBIN=$d
    done
fi
if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
    if [ "${RELAIS_REQUIRE_ALL:-}" = 1 ]; then
        echo "run-with-postgres: PostgreSQL server binaries not found, and RELAIS_REQUIRE_ALL=1: failing" >&2
        exit 1
    fi
    echo "run-with-postgres: PostgreSQL server binaries not found; skipping" >&2
    exit 77
fi

# initdb refuses to run as root: the cluster then belongs to the postgres account.
if [ "$(id -u)" = 0 ]; then
    as_pg() { runuser -u postgres -- "$@"; }
else
    as_pg() { "$@"; }
fi

DIR=$(mktemp -d /tmp/relais-pg.XXXXXX) || exit 1
[ "$(id -u)" = 0 ] && chown postgres:postgres "$DIR"
chmod 700 "$DIR"

cleanup() {
    if [ -f "$DIR/data/postmaster.pid" ]; then
        as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -m immediate -w stop >/dev/null 2>&1
    fi
    rm -rf "$DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A random high port; if it is taken, PostgreSQL does not start and another is tried.
free_port() {
    echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
}

as_pg "$PGBIN/initdb" -D "$DIR/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 --no-sync >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
}
started=
for attempt in 1 2 3 4 5; do
    PORT=$(free_port)
    if as_pg "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 30 \
        -o "-c listen_addresses=127.0.0.1 -p $PORT -k $DIR -c fsync=off -c max_connections=50" start >/dev/null 2>&1; then
        started=1
        break
    fi
done
if [ -z "$started" ]; then
    echo "run-with-postgres: PostgreSQL did not start" >&2
    cat "$DIR/log" >&2
    exit 1
fi

RELAIS_TEST_PG_URL="postgresql://postgres@127.0.0.1:$PORT"
export RELAIS_TEST_PG_URL
"$@"
rc=$?
[ $rc -ne 0 ] && tail -n 30 "$DIR/log" >&2
exit $rc
