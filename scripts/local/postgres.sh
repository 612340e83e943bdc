#!/usr/bin/env bash
# Runs the machine's PostgreSQL 15 server in the foreground on a private data folder.
# Used by the AppHost (local mode) and by the test fixtures.
#   postgres.sh DATA_DIR PORT PASSWORD_FILE [fast]
# "fast" turns off durability (fsync, synchronous_commit, full_page_writes): for throw-away test clusters only.
set -euo pipefail
data_dir=$1; port=$2; password_file=$3; mode=${4:-durable}
bin=${POSTGRES_BIN:-/usr/lib/postgresql/15/bin}

if [ ! -x "$bin/postgres" ]; then
  echo "PostgreSQL 15 is not installed: run 'apt-get install -y postgresql-15' (or set POSTGRES_BIN)." >&2
  exit 127
fi

as_owner=()
if [ "$(id -u)" = 0 ]; then
  # The server refuses to run as root; it runs as the postgres system user, which must own the folder.
  as_owner=(setpriv --reuid=postgres --regid=postgres --init-groups --)
fi

# A clone inside a folder the postgres user cannot enter (root's home is mode 700) cannot hold the cluster:
# keep it under /var/lib/postgresql instead, one folder per clone's data folder, and say so.
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$data_dir"
  if ! "${as_owner[@]}" test -x "$data_dir" 2>/dev/null; then
    relocated=/var/lib/postgresql/community/$(printf %s "$(realpath "$data_dir")" | sha256sum | cut -c1-16)
    echo "The postgres user cannot enter $data_dir (a folder above it is private); PostgreSQL keeps this clone's data in $relocated."
    mkdir -p "$relocated"
    chown postgres:postgres /var/lib/postgresql/community "$relocated" 2>/dev/null || chown postgres:postgres "$relocated"
    data_dir=$relocated
  fi
fi

mkdir -p "$data_dir"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$data_dir"; chmod 700 "$data_dir"; fi

if [ ! -s "$data_dir/PG_VERSION" ]; then
  pwfile=$(mktemp)
  cp "$password_file" "$pwfile"
  if [ "$(id -u)" = 0 ]; then chown postgres "$pwfile"; fi
  "${as_owner[@]}" "$bin/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" \
    --auth-host=scram-sha-256 --auth-local=scram-sha-256 -E UTF8 --locale=C.UTF-8 >"$data_dir.initdb.log" 2>&1 \
    || { cat "$data_dir.initdb.log" >&2; rm -f "$pwfile"; exit 1; }
  rm -f "$pwfile"
fi

# A server left behind by a hard kill still holds the folder: stop it before starting again.
if [ -f "$data_dir/postmaster.pid" ]; then
  old_pid=$(head -1 "$data_dir/postmaster.pid" || true)
  if [ -n "$old_pid" ] && kill -0 "$old_pid" 2>/dev/null; then
    echo "stopping a PostgreSQL server left running on $data_dir (pid $old_pid)"
    "${as_owner[@]}" "$bin/pg_ctl" stop -D "$data_dir" -m fast -w >/dev/null 2>&1 || kill -9 "$old_pid" || true
  fi
fi

extra=()
if [ "$mode" = fast ]; then
  extra=(-c fsync=off -c synchronous_commit=off -c full_page_writes=off)
fi

# SIGTERM is a "smart" shutdown for PostgreSQL (it waits for every client); turn it into a fast one.
"${as_owner[@]}" "$bin/postgres" -D "$data_dir" -p "$port" -c listen_addresses=127.0.0.1 \
  -c unix_socket_directories="$data_dir" -c max_connections=300 -c shared_buffers=128MB "${extra[@]}" &
pg_pid=$!
trap 'kill -INT $pg_pid 2>/dev/null; wait $pg_pid' TERM INT HUP

# A test process that dies without stopping us must not leave a server behind: watch it.
if [ -n "${STOP_WHEN_GONE:-}" ]; then
  ( while kill -0 "$STOP_WHEN_GONE" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; kill -TERM $$ 2>/dev/null ) &
fi
wait $pg_pid
