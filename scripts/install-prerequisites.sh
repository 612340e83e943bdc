#!/usr/bin/env bash
# Installs what the local infrastructure mode needs and a fresh machine of this kind lacks.
# PostgreSQL 15 is normally present; RabbitMQ and Chromium (for the web tests) are not. The servers are skipped when a
# container engine answers.
set -euo pipefail

missing=()
# The browser the web app's tests drive (Playwright cannot download its own here).
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Chinese glyphs for it (the web app is in Chinese; screenshots would show empty boxes without them).
[ -f /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || missing+=(fonts-wqy-zenhei)
if ! { { command -v docker >/dev/null && docker info >/dev/null 2>&1; } || { command -v podman >/dev/null && podman info >/dev/null 2>&1; }; }; then
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
  [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || missing+=(rabbitmq-server)
fi
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

sudo=()
if [ "$(id -u)" != 0 ]; then sudo=(sudo); fi
echo "Installing ${missing[*]} from Debian's packages..."
"${sudo[@]}" apt-get update -qq
# The packages try to start their own services; there is no init system here, so that part fails harmlessly.
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null 2>&1 || true
for package in "${missing[@]}"; do
  case "$package" in
    postgresql-15) bin=/usr/lib/postgresql/15/bin/postgres ;;
    rabbitmq-server) bin=/usr/lib/rabbitmq/bin/rabbitmq-server ;;
    chromium) bin=/usr/bin/chromium ;;
    fonts-wqy-zenhei) bin=/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ;;
  esac
  [ -e "$bin" ] || { echo "Could not install $bin; install ${missing[*]} by hand." >&2; exit 1; }
done
# The package may have started a default node despite everything; it would hold epmd/ports we do not use.
pkill -f -- "-sname rabbit@" 2>/dev/null || true
