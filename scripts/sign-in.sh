#!/usr/bin/env bash
# Signs in at the identity provider the way an app does (authorization code with PKCE, the public client
# community-cli) and prints the access token. Usage: scripts/sign-in.sh PHONE PASSWORD [PROVIDER_URL]
# Example, with a demo account of local mode: TOKEN=$(scripts/sign-in.sh 13800000003 community-demo)
set -euo pipefail
phone=${1:?usage: scripts/sign-in.sh PHONE PASSWORD [PROVIDER_URL]}
password=${2:?usage: scripts/sign-in.sh PHONE PASSWORD [PROVIDER_URL]}
provider=${3:-http://localhost:5210}
redirect=http://127.0.0.1/callback

jar=$(mktemp); trap 'rm -f "$jar"' EXIT
verifier=$(head -c 48 /dev/urandom | base64 | tr -d '=+/\n' | cut -c1-64)
challenge=$(printf %s "$verifier" | openssl dgst -sha256 -binary | base64 | tr '+/' '-_' | tr -d '=\n')
state=$(head -c 12 /dev/urandom | base64 | tr -d '=+/\n')
authorize="/connect/authorize?client_id=community-cli&redirect_uri=http%3A%2F%2F127.0.0.1%2Fcallback&response_type=code"
authorize+="&scope=openid%20profile%20roles%20api%20offline_access&code_challenge=$challenge&code_challenge_method=S256&state=$state"

# 1. The sign-in page and its anti-forgery token; 2. sign in (the provider's own cookie).
form=$(curl -sf -c "$jar" -b "$jar" "$provider/account/signin")
xsrf=$(sed -n 's/.*name="__RequestVerificationToken" value="\([^"]*\)".*/\1/p' <<<"$form")
status=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{http_code}' --data-urlencode "__RequestVerificationToken=$xsrf" \
  --data-urlencode "phone=$phone" --data-urlencode "password=$password" --data-urlencode "returnUrl=$authorize" "$provider/account/signin")
[ "$status" = 302 ] || { echo "sign-in refused (HTTP $status)" >&2; exit 1; }

# 3. Authorize: the code comes back in the redirect to the client; 4. exchange it with the verifier.
location=$(curl -s -c "$jar" -b "$jar" -o /dev/null -w '%{redirect_url}' "$provider$authorize")
code=$(sed -n 's/.*[?&]code=\([^&]*\).*/\1/p' <<<"$location")
[ -n "$code" ] || { echo "no code in $location" >&2; exit 1; }
curl -sf -d grant_type=authorization_code -d client_id=community-cli --data-urlencode "redirect_uri=$redirect" \
  -d "code=$code" -d "code_verifier=$verifier" "$provider/connect/token" \
  | sed -n 's/.*"access_token": *"\([^"]*\)".*/\1/p'
