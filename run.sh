#!/usr/bin/env bash
# Starts the whole Community system: PostgreSQL, RabbitMQ, the identity provider, the five services, the gateway and the web app, under the
# .NET Aspire AppHost and its dashboard. Installs what is missing first. Ctrl+C stops everything; data stays
# in .data/ for the next run.
set -euo pipefail
cd "$(dirname "$0")"

scripts/install-prerequisites.sh

echo "Building..."
dotnet build src/AppHost -c Debug -v quiet -nologo -clp:ErrorsOnly

cat <<INFO

  Community is starting (about 40 s on a warm machine): the console says "Community is ready" when every part is up,
  or names the part that could not start and stops. The dashboard's login link appears below ("Login to the dashboard at ...").
    Web app:         http://localhost:5220    (sign in with a demo account, e.g. 13800000001 / community-demo)
    Dashboard:       http://localhost:15888   (the link below carries the login token)
    Gateway:         http://localhost:5200    (e.g. http://localhost:5200/api/grid/compounds)
    Sign-in:         http://localhost:5210    (OpenID Connect provider; demo accounts in README, password community-demo)
    A real token:    scripts/sign-in.sh 13800000003 community-demo
    RabbitMQ UI:     http://localhost:55673   (user community, password in .data/secrets/rabbitmq-password)
    Other roles:     the demo accounts in README.md (13800000001 resident ... 13800000005 admin)
  Ctrl+C stops everything.

INFO

export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
# Settings pass through, e.g. ./run.sh --Services:Replicas=2
exec dotnet run --project src/AppHost --no-build --launch-profile http -- "$@"
