#!/usr/bin/env bash
# The console's and the portal's signed-in overview pages under wrk, 32 connections for 20 s
# each, on loopback (docs/PERFORMANCE.md, "The web layer, the store and the build").
# Usage: docs/measure/wrk-web.sh BINARY LABEL
#   BINARY  a release build of woonmonitor (cargo build --release: target/release/woonmonitor)
#   ROOT    the checkout whose config/default.toml and data/sample/ to use (default: this one)
#   LINKS_LINE=""  for versions before portal.links_per_client_per_hour existed
# Needs wrk and curl (apt-get install -y wrk curl). Prints requests/s, p50, p99 and how many
# connections the daemon opened to its store (from /metrics).
set -euo pipefail
bin=$1; label=$2
root=${ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
w=$(mktemp -d)
port=$(python3 -c "import socket;s=socket.socket();s.bind(('127.0.0.1',0));print(s.getsockname()[1])")
token="wrk-operator-token-0123456789abcdef0123456789"
api="wrk-api-token-0123456789abcdef0123456789abcdef"
echo "$token" > $w/op
sed "s#data/sample/#$root/data/sample/#g; s#^dir = \"out\"#dir = \"$w/out\"#; s#internal_dir = \"state/internal\"#internal_dir = \"$w/internal\"#; s#^dir = \"state\"#dir = \"$w/state\"#; s#outbox_dir = \"state/outbox\"#outbox_dir = \"$w/outbox\"#; s#bind = \"127.0.0.1:8480\"#bind = \"127.0.0.1:$port\"#; s#token_env = \"WOONMONITOR_API_TOKEN\"#token_env = \"WRK_API_TOKEN\"#" $root/config/default.toml > $w/c.toml
cat >> $w/c.toml <<EOT
[[console.operators]]
name = "wrk"
token_file = "$w/op"
[portal]
enabled = true
public_url = "http://127.0.0.1:$port"
${LINKS_LINE-links_per_client_per_hour = 100}
EOT
# Mitros delivers in the portal.
sed -i "s#path = \"$root/data/sample/feeds/mitros.xlsx\"#portal = true#" $w/c.toml
$bin accounts add --email medewerker@mitros.example --corporation Mitros --config $w/c.toml >/dev/null
WRK_API_TOKEN=$api $bin daemon --config $w/c.toml > $w/daemon.log 2>&1 &
pid=$!
trap "kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf $w" EXIT
for i in $(seq 1 600); do curl -s -o /dev/null http://127.0.0.1:$port/health && break; sleep 0.1; done
# Let the catch-up run finish so the pages show a run.
for i in $(seq 1 600); do $bin runs --config $w/c.toml 2>/dev/null | grep -q "succeeded" && break; sleep 0.5; done
base=http://127.0.0.1:$port
ccookie=$(curl -s -D - -o /dev/null -H "Origin: $base" --data-urlencode "token=$token" $base/console/login | grep -i '^set-cookie' | head -1 | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
curl -s -o /dev/null -H "Origin: $base" --data-urlencode "email=medewerker@mitros.example" $base/portaal/aanmelden
link=""
for i in $(seq 1 100); do
  link=$(cat $w/outbox/*.eml 2>/dev/null | sed -e 's/=\r$//' | tr -d '\n' | sed 's/=3D/=/g' | grep -o '/portaal/link/[0-9a-f]\{64\}' | head -1 || true)
  [ -n "$link" ] && break; sleep 0.1
done
pcookie=$(curl -s -D - -o /dev/null -X POST -H "Origin: $base" $base$link | grep -i '^set-cookie' | head -1 | sed 's/^[Ss]et-[Cc]ookie: //; s/;.*//')
opened() { curl -s -H "Authorization: Bearer $api" $base/metrics | grep '^woonmonitor_store_connections_opened_total' | awk '{print $2}'; }
echo "== $label: console cookie ${ccookie%%=*}, portal cookie ${pcookie%%=*}"
curl -s -o /dev/null -w "console /console/ status %{http_code}\n" -H "Cookie: $ccookie" $base/console/
curl -s -o /dev/null -w "portal /portaal/ status %{http_code}\n" -H "Cookie: $pcookie" $base/portaal/
before=$(opened || true)
wrk -t2 -c32 -d20s --latency -H "Cookie: $ccookie" $base/console/ | grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors"
mid=$(opened || true)
wrk -t2 -c32 -d20s --latency -H "Cookie: $pcookie" $base/portaal/ | grep -E "Requests/sec|^ +(50|99)%|Non-2xx|Socket errors"
after=$(opened || true)
echo "store connections opened: before $before, after console $mid, after portal $after"
