#!/usr/bin/env bash
# Start (or stop) a throwaway PostgreSQL server on loopback for tests: `source scripts/pg-local.sh start`
# exports DATABASE_URL. initdb refuses to run as root, so the server runs as the `postgres` user.
set -euo pipefail
cmd=${1:-start}
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n1)}
PGPORT=${PGPORT:-54329}
PGDIR=${PGDIR:-/tmp/etalase-pg-$PGPORT}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    if [ -z "$PGBIN" ]; then echo "PostgreSQL binaries not found (apt-get install postgresql)" >&2; exit 1; fi
    if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
      rm -rf "$PGDIR"; mkdir -p "$PGDIR"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGDIR"
      as_pg "$PGBIN/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 >/dev/null
      as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
    fi
    export DATABASE_URL="postgres://postgres@127.0.0.1:$PGPORT/postgres"
    echo "PostgreSQL on $DATABASE_URL"
    ;;
  stop)
    as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PGDIR"
    ;;
esac
