#!/usr/bin/env bash
# The baseline: how a hand-written deploy job checks a fleet. One tenant after another, it curls the
# tenant's build info until the answer contains the expected commit or that tenant's budget ends.
# With REDEPLOY_URL set it first asks the control plane to redeploy the tenant, so each tenant's
# drain is waited out in turn (redeploy, wait, next tenant).
#
# Environment (all required except REDEPLOY_URL):
#   TENANTS        tenant names separated by spaces
#   BUILDINFO_URL  URL template containing {tenant}
#   SHA            the full commit SHA every tenant must serve
#   INTERVAL       seconds between two polls of one tenant (decimals allowed)
#   BUDGET_MS      milliseconds each tenant may take
#   TIMEOUT        seconds one curl may take
#   REDEPLOY_URL   optional: POST {"tenant","tag","sha"} here before polling the tenant
# Prints "<tenant> <on-target|stale> <polls>" per tenant; exits 1 when any tenant ends stale.
set -u

if ! command -v curl >/dev/null 2>&1; then
  echo 'serial-loop: curl is not installed' >&2
  exit 127
fi
# bash 5 gives the time without starting a process; strip the locale's decimal sign to get microseconds.
if [ -z "${EPOCHREALTIME:-}" ]; then
  echo 'serial-loop: needs bash 5 or later (EPOCHREALTIME)' >&2
  exit 2
fi

failed=0
for tenant in $TENANTS; do
  url=${BUILDINFO_URL//\{tenant\}/$tenant}
  if [ -n "${REDEPLOY_URL:-}" ]; then
    curl -sS -o /dev/null -m "$TIMEOUT" -X POST -H 'content-type: application/json' \
      -d "{\"tenant\":\"$tenant\",\"tag\":\"staging\",\"sha\":\"$SHA\"}" "$REDEPLOY_URL" ||
      echo "serial-loop: redeploy of $tenant failed" >&2
  fi
  now=${EPOCHREALTIME//[!0-9]/}
  deadline=$((now / 1000 + BUDGET_MS))
  polls=0
  verdict=stale
  while :; do
    polls=$((polls + 1))
    body=$(curl -sS -m "$TIMEOUT" -H 'cache-control: no-cache' "$url" 2>/dev/null) || body=''
    case $body in *"$SHA"*)
      verdict=on-target
      break
      ;;
    esac
    now=${EPOCHREALTIME//[!0-9]/}
    [ $((now / 1000)) -ge "$deadline" ] && break
    sleep "$INTERVAL"
  done
  echo "$tenant $verdict $polls"
  [ "$verdict" = on-target ] || failed=1
done
exit "$failed"
