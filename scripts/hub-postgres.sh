#!/usr/bin/env bash
# A throwaway PostgreSQL for trying the hub on it: `scripts/hub-postgres.sh` prints
#   Hub PostgreSQL ready: postgres://USER@127.0.0.1:PORT/hub
# then waits; Ctrl-C stops the cluster and deletes its data. In another shell:
#   npm run hub -- --db postgres://USER@127.0.0.1:PORT/hub
# Uses Debian's postgresql binaries; as root, initdb and the server run as the `postgres` user.
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "No PostgreSQL binaries under /usr/lib/postgresql/*/bin: apt-get install postgresql" >&2
  exit 1
fi
dir=$(mktemp -d /tmp/deckhand-hub-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
  chown postgres:postgres "$dir"
  as() { runuser -u postgres -- "$@"; }
  user=postgres
else
  as() { "$@"; }
  user=$(id -un)
fi
port=${PGPORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}
sleeper=
stop() {
  [ -n "$sleeper" ] && kill "$sleeper" 2>/dev/null
  as "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 0' INT TERM
as "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 >/dev/null
as "$bin/pg_ctl" -D "$dir/data" -o "-p $port -k $dir -c listen_addresses=127.0.0.1" -l "$dir/server.log" -w start >/dev/null
as "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" hub
echo "Hub PostgreSQL ready: postgres://$user@127.0.0.1:$port/hub"
while true; do sleep 3600 & sleeper=$!; wait "$sleeper"; done
