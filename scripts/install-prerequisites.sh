#!/usr/bin/env bash
# Installs what the local infrastructure mode needs and a fresh machine of this kind lacks.
# PostgreSQL 15 is normally present; RabbitMQ is not. Skipped when a container engine answers.
set -euo pipefail

if { command -v docker >/dev/null && docker info >/dev/null 2>&1; } || { command -v podman >/dev/null && podman info >/dev/null 2>&1; }; then
  exit 0
fi

missing=()
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
echo "Installing ${missing[*]} from Debian's packages..."
"${sudo[@]}" apt-get update -qq
# The packages try to start their own services; there is no init system here, so that part fails harmlessly.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || true
for bin in /usr/lib/postgresql/15/bin/postgres /usr/lib/rabbitmq/bin/rabbitmq-server; do
  [ -x "$bin" ] || { echo "Could not install $bin; install ${missing[*]} by hand." >&2; exit 1; }
done
# The package may have started a default node despite everything; it would hold epmd/ports we do not use.
pkill -f -- "-sname rabbit@" 2>/dev/null || true
