#!/usr/bin/env bash
# A private Podman service with a Docker-compatible API, in its own folder: own socket, own storage
# (vfs driver, so it needs no kernel overlay support), own runtime state. Never touches the user's
# Podman storage or /run/podman/podman.sock.
# Usage: podman.sh start DIR | stop DIR | restart DIR
# The socket is DIR/podman.sock (unix://DIR/podman.sock for DOCKER_HOST).
set -euo pipefail
cmd=${1:?start|stop|restart}; dir=${2:?podman folder}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/podman.sock"

ping() { curl -sf --max-time 2 --unix-socket "$sock" http://localhost/_ping >/dev/null 2>&1; }

write_config() {
  # runroot must be short (it holds sockets with a path length limit), like engine.sh's exec-root.
  local runroot; runroot=$(cat "$dir/runroot" 2>/dev/null || true)
  if [ -z "$runroot" ]; then runroot=$(mktemp -d /tmp/mlp.XXXXXX); echo "$runroot" > "$dir/runroot"; fi
  cat > "$dir/storage.conf" <<CONF
[storage]
driver = "vfs"
runroot = "$runroot/storage"
graphroot = "$dir/root"
CONF
  # In sandboxes without CAP_SYS_RESOURCE every container start fails with "error setting rlimit type 7:
  # operation not permitted" unless the default ulimits are at or below the current hard limits.
  # tmp_dir keeps Podman's own runtime state (libpod's bolt state, locks) out of /run/libpod.
  # Like Docker, which allows plain HTTP to registries on 127.0.0.0/8: the test registries are on loopback.
  cat > "$dir/registries.conf" <<CONF
[[registry]]
location = "127.0.0.1"
insecure = true

[[registry]]
location = "localhost"
insecure = true
CONF
  cat > "$dir/containers.conf" <<CONF
[containers]
default_ulimits = ["nofile=1024:1024", "nproc=1024:1024"]
[engine]
tmp_dir = "$runroot/tmp"
static_dir = "$dir/root/libpod"
volume_path = "$dir/root/volumes"
CONF
}

start() {
  if [ -f "$dir/podman.pid" ] && kill -0 "$(cat "$dir/podman.pid")" 2>/dev/null && ping; then return 0; fi
  command -v podman >/dev/null 2>&1 || { echo "podman.sh: podman is not installed (apt-get install podman catatonit)" >&2; exit 1; }
  write_config
  rm -f "$sock"
  CONTAINERS_STORAGE_CONF="$dir/storage.conf" CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_REGISTRIES_CONF="$dir/registries.conf" \
    nohup podman --log-level=warning system service --time=0 "unix://$sock" >> "$dir/podman.log" 2>&1 &
  echo $! > "$dir/podman.pid"
  for _ in $(seq 1 200); do
    if ping; then return 0; fi
    kill -0 "$(cat "$dir/podman.pid")" 2>/dev/null || { echo "podman.sh: podman exited; log:" >&2; tail -20 "$dir/podman.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "podman.sh: podman did not answer within 20 s; log:" >&2; tail -20 "$dir/podman.log" >&2; exit 1
}

stop() {
  [ -f "$dir/podman.pid" ] || return 0
  local pid; pid=$(cat "$dir/podman.pid")
  # Containers outlive the API service (each has its own conmon): remove the ones in this storage only.
  if [ -f "$dir/storage.conf" ]; then
    CONTAINERS_STORAGE_CONF="$dir/storage.conf" CONTAINERS_CONF="$dir/containers.conf" \
      timeout 60 podman rm --all --force --time 0 >/dev/null 2>&1 || true
  fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$dir/podman.pid" "$sock"
  local runroot; runroot=$(cat "$dir/runroot" 2>/dev/null || true)
  # Exec sessions keep a conmon alive for minutes after their container is gone, and ending one runs
  # its cleanup command (which recreates the runroot): end the processes of this storage, each by PID,
  # until none is left.
  local pids round
  for round in 1 2 3 4 5; do
    pids=$(storage_pids "$dir/root" "${runroot:-$dir/root}")
    [ -n "$pids" ] || break
    kill -TERM $pids 2>/dev/null || true
    for _ in $(seq 1 30); do [ -n "$(storage_pids "$dir/root" "${runroot:-$dir/root}")" ] || break; sleep 0.1; done
    pids=$(storage_pids "$dir/root" "${runroot:-$dir/root}")
    [ -z "$pids" ] || [ "$round" -lt 5 ] || kill -KILL $pids 2>/dev/null || true
  done
  # The runroot holds only runtime state; its name stays in $dir/runroot so a restart reuses it.
  case "$runroot" in /tmp/mlp.*) rm -rf "$runroot" ;; esac
}

# PIDs of live processes whose command line names this service's storage folders.
storage_pids() {
  local p args
  for p in /proc/[0-9]*; do
    [ "${p#/proc/}" = "$$" ] && continue
    args=$( { tr '\0' ' ' < "$p/cmdline"; } 2>/dev/null) || continue
    [ -n "$args" ] || continue
    case "$args" in *"$1"*|*"$2"*) echo "${p#/proc/}" ;; esac
  done
}

case "$cmd" in
  start) start ;;
  stop) stop ;;
  restart) stop; start ;;
  *) echo "podman.sh: unknown command $cmd" >&2; exit 2 ;;
esac
