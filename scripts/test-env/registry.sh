#!/usr/bin/env bash
# A real registry (distribution 2.8) on loopback. Usage: registry.sh start DIR PORT [USER PASSWORD] | stop DIR
set -euo pipefail
cmd=${1:?start|stop}; dir=${2:?registry folder}
mkdir -p "$dir"
case "$cmd" in
  start)
    port=${3:?port}; user=${4:-}; pass=${5:-}
    auth=""
    if [ -n "$user" ]; then
      htpasswd -Bbn "$user" "$pass" > "$dir/htpasswd"
      auth="auth: { htpasswd: { realm: ml-containers-test, path: $dir/htpasswd } }"
    fi
    cat > "$dir/config.yml" <<YML
version: 0.1
log: { level: warn }
storage: { filesystem: { rootdirectory: $dir/data }, delete: { enabled: true } }
http: { addr: 127.0.0.1:$port }
$auth
YML
    nohup docker-registry serve "$dir/config.yml" >> "$dir/registry.log" 2>&1 &
    echo $! > "$dir/registry.pid"
    for _ in $(seq 1 100); do
      code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/v2/" || true)
      if [ "$code" = 200 ] || [ "$code" = 401 ]; then exit 0; fi
      sleep 0.1
    done
    echo "registry.sh: registry did not answer on $port; log:" >&2; tail -20 "$dir/registry.log" >&2; exit 1 ;;
  stop)
    [ -f "$dir/registry.pid" ] || exit 0
    pid=$(cat "$dir/registry.pid"); kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    rm -f "$dir/registry.pid" ;;
esac
