#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for evx's tests: initdb into a temporary directory, as an
# unprivileged user, listening on a free port of 127.0.0.1 and on a socket in that directory.
#
#   eval "$(Tests/postgres-cluster.sh start)"   # exports EVX_TEST_POSTGRES_URL (and _SOCKET, _CLUSTER)
#   swift test --filter Postgres
#   Tests/postgres-cluster.sh stop
#
# `restart` restarts the server on the same port (the fault tests use it). The cluster's state
# (directory, port, user) is kept in $EVX_TEST_POSTGRES_CLUSTER, default .postgres-cluster.env at the
# repository root. Needs Debian's postgresql package (.ci/run installs it when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
state_file="${EVX_TEST_POSTGRES_CLUSTER:-$PWD/.postgres-cluster.env}"

fail() { echo "postgres-cluster: $*" >&2; exit 1; }

find_bindir() {
  if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
    pg_config --bindir; return
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] || fail "no PostgreSQL server binaries (apt-get install postgresql)"
  echo "$dir"
}

# The server refuses to run as root: when we are root, run it as `postgres` (made by Debian's
# package) or, failing that, as a system user made for the purpose.
server_user() {
  if [ "$(id -u)" != 0 ]; then id -un; return; fi
  if id postgres >/dev/null 2>&1; then echo postgres; return; fi
  id evxpg >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin evxpg
  echo evxpg
}

as_server_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# The server must not keep the caller's open files (a test runner that waits for this script
# through a pipe would otherwise wait for the server too): closed in a subshell before starting it.
start_server() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
  )
}

print_env() {
  echo "export EVX_TEST_POSTGRES_URL='postgres://evx:$password@127.0.0.1:$port/postgres'"
  echo "export EVX_TEST_POSTGRES_SOCKET='$dir'"
  echo "export EVX_TEST_POSTGRES_PORT='$port'"
  echo "export EVX_TEST_POSTGRES_CLUSTER='$state_file'"
}

load_state() {
  [ -f "$state_file" ] || fail "no cluster recorded in $state_file (run: $0 start)"
  # shellcheck disable=SC1090
  . "$state_file"
}

case "${1:-}" in
  start)
    if [ -f "$state_file" ]; then
      load_state
      if as_server_user "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then print_env; exit 0; fi
      rm -rf "$dir"; rm -f "$state_file"
    fi
    bindir=$(find_bindir)
    user=$(server_user)
    dir=$(mktemp -d /tmp/evx-pg.XXXXXX)
    chown "$user" "$dir"
    chmod 700 "$dir"
    password="evx-test-$RANDOM$RANDOM"
    echo "$password" > "$dir/pwfile"
    chown "$user" "$dir/pwfile"
    as_server_user "$bindir/initdb" -D "$dir/data" -U evx --pwfile="$dir/pwfile" -E UTF8 --locale=C \
      --auth-local=scram-sha-256 --auth-host=scram-sha-256 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; fail "initdb failed"; }
    rm -f "$dir/pwfile"
    # Small and quick to start: the tests need few connections and no durability.
    cat >> "$dir/data/postgresql.conf" <<EOF
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 100
shared_buffers = 128MB
EOF
    for attempt in $(seq 1 20); do
      port=$(( 20000 + RANDOM % 20000 ))
      port_in_use "$port" && continue
      if start_server; then started=1; break; fi
    done
    [ "${started:-}" = 1 ] || { cat "$dir/server.log" >&2; fail "the server did not start"; }
    printf 'bindir=%q\nuser=%q\ndir=%q\nport=%q\npassword=%q\n' "$bindir" "$user" "$dir" "$port" "$password" > "$state_file"
    print_env
    ;;
  env)
    load_state; print_env
    ;;
  restart)
    load_state
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    start_server
    ;;
  stop)
    [ -f "$state_file" ] || exit 0
    load_state
    as_server_user "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$dir"
    rm -f "$state_file"
    ;;
  *)
    echo "usage: $0 start|env|restart|stop" >&2
    exit 2
    ;;
esac
