#!/usr/bin/env bash
# A private PostgreSQL for the outbox tests: its own data directory and port, trust
# authentication on 127.0.0.1 only. Needs the distribution's `postgresql` package.
#
#   eval "$(tools/postgres.sh start)"   # prints `export SMS_OUTBOX_POSTGRES_URL=…`
#   tools/postgres.sh stop
#
# PGDIR (default /tmp/sms-outbox-postgres) and PGPORT (default 54329) change where.
set -euo pipefail
dir=${PGDIR:-/tmp/sms-outbox-postgres}
port=${PGPORT:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ]; then
  echo "tools/postgres.sh: no PostgreSQL server; install the package postgresql" >&2
  exit 1
fi
# PostgreSQL refuses to run as root: as root, the package's `postgres` user runs it.
as() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}
case "${1:-start}" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres: "$dir"
    # Test binaries may start it at the same time: one at a time.
    # (the server must not inherit the lock: `9>&-` below).
    exec 9>"$dir.lock"
    flock 9
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as "$bin/initdb" -D "$dir/data" -U outbox -A trust --no-sync >"$dir/initdb.log"
    fi
    if ! as "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
      as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null 9>&-
    fi
    as "$bin/psql" -h 127.0.0.1 -p "$port" -U outbox -d postgres -tAc \
      "SELECT 1 FROM pg_database WHERE datname = 'outbox'" | grep -q 1 \
      || as "$bin/createdb" -h 127.0.0.1 -p "$port" -U outbox outbox
    echo "export SMS_OUTBOX_POSTGRES_URL=postgres://outbox@127.0.0.1:$port/outbox"
    ;;
  stop)
    as "$bin/pg_ctl" -D "$dir/data" -m fast stop >/dev/null
    ;;
  *)
    echo "usage: tools/postgres.sh start|stop" >&2
    exit 2
    ;;
esac
