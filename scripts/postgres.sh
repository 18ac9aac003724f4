#!/usr/bin/env bash
# A PostgreSQL server for tvec's tests, listening on 127.0.0.1 only.
#
#   export TVEC_TEST_POSTGRES_URL="$(scripts/postgres.sh)"
#
# Installs Debian's `postgresql` package when no server binaries are present (needs root and
# apt-get), creates a cluster of its own (as root: a Debian cluster named $TVEC_PG_CLUSTER managed
# with pg_ctlcluster; otherwise: initdb into $TVEC_PG_DIR), starts it on $TVEC_PG_PORT, makes a
# role and a database owned by it, and prints the SQLAlchemy URL on stdout (all chatter goes to
# stderr). Running it again is cheap: a server already accepting connections is left alone.
set -euo pipefail

# Only the URL may reach stdout (callers capture it): everything else — pg_ctlcluster's "Removed
# stale pid file.", psql notices, apt — goes to stderr, whatever the command.
exec 3>&1 1>&2

PORT="${TVEC_PG_PORT:-5433}"          # not 5432, to keep clear of a system cluster
CLUSTER="${TVEC_PG_CLUSTER:-tvec}"
ROLE="${TVEC_PG_ROLE:-tvec}"
PASSWORD="${TVEC_PG_PASSWORD:-tvec}"   # loopback-only test server
DATABASE="${TVEC_PG_DATABASE:-tvec}"
DATA_DIR="${TVEC_PG_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tvec-postgres}"

say() { echo "postgres.sh: $*" >&2; }

pg_bindir() {
    local version
    version="$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)"
    if [ -n "$version" ] && [ -x "/usr/lib/postgresql/$version/bin/postgres" ]; then
        echo "/usr/lib/postgresql/$version/bin"
    elif command -v pg_ctl >/dev/null 2>&1; then
        dirname "$(command -v pg_ctl)"
    fi
}

install_postgresql() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        say "PostgreSQL is not installed and cannot be installed here (needs root and apt-get)"
        exit 1
    fi
    say "installing Debian's postgresql package"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
}

BINDIR="$(pg_bindir)"
if [ -z "$BINDIR" ]; then
    install_postgresql
    BINDIR="$(pg_bindir)"
fi
VERSION="$(basename "$(dirname "$BINDIR")")"

ready() { "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT" >/dev/null 2>&1; }

if [ "$(id -u)" = 0 ]; then
    # as root: a Debian-managed cluster, run as the postgres user
    as_postgres() { runuser -u postgres -- "$@"; }
    if ! ready; then
        if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$VERSION $CLUSTER"; then
            say "creating cluster $VERSION/$CLUSTER on port $PORT"
            pg_createcluster "$VERSION" "$CLUSTER" -p "$PORT" >/dev/null
        fi
        conf="/etc/postgresql/$VERSION/$CLUSTER/postgresql.conf"
        sed -i -E "s/^#?listen_addresses\s*=.*/listen_addresses = '127.0.0.1'/" "$conf"
        sed -i -E "s/^#?port\s*=.*/port = $PORT/" "$conf"
        say "starting cluster $VERSION/$CLUSTER"
        pg_ctlcluster "$VERSION" "$CLUSTER" start 3>&-   # the server must not hold the URL pipe open
    fi
    SOCKET_DIR=/var/run/postgresql
else
    # an unprivileged user: a private cluster under $DATA_DIR (initdb refuses to run as root)
    as_postgres() { "$@"; }
    SOCKET_DIR="$DATA_DIR/socket"
    if ! ready; then
        if [ ! -f "$DATA_DIR/data/PG_VERSION" ]; then
            say "initialising $DATA_DIR/data"
            mkdir -p "$DATA_DIR"
            "$BINDIR/initdb" -D "$DATA_DIR/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 >/dev/null
        fi
        mkdir -p "$SOCKET_DIR"
        say "starting a private server on port $PORT"
        "$BINDIR/pg_ctl" -D "$DATA_DIR/data" -l "$DATA_DIR/server.log" -w start \
            -o "-p $PORT -c listen_addresses=127.0.0.1 -k $SOCKET_DIR" >/dev/null 3>&-
    fi
fi

for _ in $(seq 1 30); do ready && break; sleep 1; done
ready || { say "the server on 127.0.0.1:$PORT did not come up"; exit 1; }

psql_admin() { as_postgres "$BINDIR/psql" -q -X -v ON_ERROR_STOP=1 -h "$SOCKET_DIR" -p "$PORT" -U postgres "$@"; }

# a test server: a commit need not wait for its WAL flush (a crash may lose the last commits,
# never corrupt the cluster); roughly halves the time of the per-test transactions
if [ "$(psql_admin -d postgres -tAc "SHOW synchronous_commit")" != off ]; then
    psql_admin -d postgres -c "ALTER SYSTEM SET synchronous_commit = off" -c "SELECT pg_reload_conf()" >/dev/null
fi

if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
    say "creating role $ROLE"
    psql_admin -d postgres -c "CREATE ROLE \"$ROLE\" LOGIN PASSWORD '$PASSWORD'"
fi
if [ "$(psql_admin -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'")" != 1 ]; then
    say "creating database $DATABASE"
    psql_admin -d postgres -c "CREATE DATABASE \"$DATABASE\" OWNER \"$ROLE\""
fi

echo "postgresql+psycopg://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DATABASE" >&3
