#!/usr/bin/env bash
# Runs the machine's RabbitMQ server in the foreground as a private node with the management UI.
# Used by the AppHost (local mode) and by the test fixtures.
#   rabbitmq.sh BASE_DIR NODE_NAME AMQP_PORT MANAGEMENT_PORT DIST_PORT USER PASSWORD_FILE
set -euo pipefail
base=$1; node=$2; amqp_port=$3; mgmt_port=$4; dist_port=$5; user=$6; password_file=$7
server=/usr/lib/rabbitmq/bin/rabbitmq-server
ctl=/usr/lib/rabbitmq/bin/rabbitmqctl

if [ ! -x "$server" ]; then
  echo "RabbitMQ is not installed: run 'apt-get install -y rabbitmq-server' (./run.sh does this for you)." >&2
  exit 127
fi

# Like PostgreSQL's: a clone the rabbitmq user cannot enter (inside root's home, mode 700) keeps the node's
# folders under /var/lib/rabbitmq instead, one per clone's folder.
mkdir -p "$base"
if [ "$(id -u)" = 0 ] && ! setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups -- test -x "$base" 2>/dev/null; then
  relocated=/var/lib/rabbitmq/community/$(printf %s "$(realpath "$base")" | sha256sum | cut -c1-16)
  echo "The rabbitmq user cannot enter $base (a folder above it is private); RabbitMQ keeps this clone's node in $relocated."
  mkdir -p "$relocated"
  base=$relocated
fi

mkdir -p "$base/mnesia" "$base/log"
password=$(cat "$password_file")
cat >"$base/rabbitmq.conf" <<CONF
listeners.tcp.1 = 127.0.0.1:$amqp_port
management.tcp.port = $mgmt_port
management.tcp.ip = 127.0.0.1
default_user = $user
default_pass = $password
loopback_users = none
log.console = true
log.console.level = info
log.file = false
CONF
echo "[rabbitmq_management]." >"$base/enabled_plugins"

as_owner=()
if [ "$(id -u)" = 0 ]; then
  chown -R rabbitmq:rabbitmq "$base"
  chmod 700 "$base"
  as_owner=(setpriv --reuid=rabbitmq --regid=rabbitmq --init-groups --)
fi

export HOME=/var/lib/rabbitmq
export RABBITMQ_NODENAME=$node RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$amqp_port
export RABBITMQ_DIST_PORT=$dist_port RABBITMQ_MNESIA_BASE=$base/mnesia RABBITMQ_LOG_BASE=$base/log
export RABBITMQ_FEATURE_FLAGS_FILE=$base/feature_flags RABBITMQ_ENABLED_PLUGINS_FILE=$base/enabled_plugins
export RABBITMQ_CONFIG_FILE=$base/rabbitmq RABBITMQ_PID_FILE=$base/rabbitmq.pid

# Killing a wrapper does not stop the Erlang VM: a node of this name left from an earlier run would keep
# the ports, so stop it first.
if pgrep -f -- "-sname $node( |$)" >/dev/null 2>&1; then
  echo "stopping a RabbitMQ node $node left running from an earlier run"
  timeout 20 "${as_owner[@]}" "$ctl" -n "$node" stop >/dev/null 2>&1 || pkill -9 -f -- "-sname $node( |$)" || true
  sleep 1
fi

stop_node() {
  timeout 30 "${as_owner[@]}" "$ctl" -n "$node" stop >/dev/null 2>&1 || true
  kill -TERM "$server_pid" 2>/dev/null || true
  wait "$server_pid" 2>/dev/null || true
  pkill -9 -f -- "-sname $node( |$)" 2>/dev/null || true
}

"${as_owner[@]}" "$server" &
server_pid=$!
trap 'stop_node; exit 0' TERM INT HUP

# A test process that dies without stopping us must not leave a server behind: watch it.
if [ -n "${STOP_WHEN_GONE:-}" ]; then
  ( while kill -0 "$STOP_WHEN_GONE" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; kill -TERM $$ 2>/dev/null ) &
fi
wait "$server_pid"
