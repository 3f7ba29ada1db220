#!/usr/bin/env bash
# A private Docker engine in its own folder: own socket, data-root and exec-root, no bridge network.
# Usage: engine.sh start DIR | stop DIR | restart DIR
# It never touches /var/run/docker.sock or the user's images.
set -euo pipefail
cmd=${1:?start|stop|restart}; dir=${2:?engine folder}
mkdir -p "$dir"
sock="$dir/docker.sock"

ping() { curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }

start() {
  if [ -f "$dir/dockerd.pid" ] && kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null && ping; then return 0; fi
  # exec-root must be short: containerd's socket path has a length limit.
  local exec_root; exec_root=$(cat "$dir/exec-root" 2>/dev/null || true)
  if [ -z "$exec_root" ]; then exec_root=$(mktemp -d /tmp/mlx.XXXXXX); echo "$exec_root" > "$dir/exec-root"; fi
  nohup dockerd --host "unix://$sock" --data-root "$dir/data" --exec-root "$exec_root" \
    --pidfile "$dir/docker.pid" --bridge=none --iptables=false --ip-forward=false --ip-masq=false \
    >> "$dir/dockerd.log" 2>&1 &
  echo $! > "$dir/dockerd.pid"
  for _ in $(seq 1 150); do
    if ping; then return 0; fi
    kill -0 "$(cat "$dir/dockerd.pid")" 2>/dev/null || { echo "engine.sh: dockerd exited; log:" >&2; tail -20 "$dir/dockerd.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "engine.sh: dockerd did not answer within 15 s; log:" >&2; tail -20 "$dir/dockerd.log" >&2; exit 1
}

stop() {
  [ -f "$dir/dockerd.pid" ] || return 0
  local pid; pid=$(cat "$dir/dockerd.pid")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/dockerd.pid"
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "engine.sh: unknown command $cmd" >&2; exit 2 ;;
esac
