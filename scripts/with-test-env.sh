#!/usr/bin/env bash
# Runs a command with a private Docker engine and two real registries (one with htpasswd auth), then
# stops what it started, by PID. Reuses an environment that an outer call already set up.
#
# Exports to the command:
#   DOCKER_HOST / ML_TEST_DOCKER_HOST   unix socket of the private engine
#   ML_TEST_ENGINE                      docker (default) or podman: which private engine to start
#   ML_TEST_ENGINE_DIR                  its folder (scripts/test-env/engine.sh or podman.sh restart "$ML_TEST_ENGINE_DIR")
#   ML_TEST_REGISTRY                    127.0.0.1:PORT, htpasswd auth
#   ML_TEST_REGISTRY_USER / _PASSWORD   its credentials (random per run)
#   ML_TEST_OPEN_REGISTRY               127.0.0.1:PORT, no auth
#   ML_TEST_BUSYBOX                     a static busybox to build FROM-scratch test images
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

if [ -n "${ML_TEST_DOCKER_HOST:-}" ]; then exec "$@"; fi

bash "$here/test-env/ensure-packages.sh"

root=$(mktemp -d /tmp/ml-containers-test.XXXXXX)
free_port() { node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"; }

cleanup() {
  bash "$here/test-env/registry.sh" stop "$root/registry" || true
  bash "$here/test-env/registry.sh" stop "$root/open-registry" || true
  bash "$here/test-env/engine.sh" stop "$root/engine" || true
  bash "$here/test-env/podman.sh" stop "$root/podman" || true
  if [ "${ML_TEST_KEEP:-0}" != 1 ]; then
    rm -rf "$root/registry" "$root/open-registry"
    # the engine's data-root has overlay mounts only while it runs; it is stopped now
    rm -rf "$root" 2>/dev/null || true
  fi
}
trap cleanup EXIT

engine=${ML_TEST_ENGINE:-docker}
case "$engine" in
  docker) engine_dir="$root/engine"; bash "$here/test-env/engine.sh" start "$engine_dir"; engine_sock="$engine_dir/docker.sock" ;;
  podman) engine_dir="$root/podman"; bash "$here/test-env/podman.sh" start "$engine_dir"; engine_sock="$engine_dir/podman.sock" ;;
  *) echo "test-env: ML_TEST_ENGINE must be docker or podman, not $engine" >&2; exit 2 ;;
esac
reg_port=$(free_port); open_port=$(free_port)
while [ "$open_port" = "$reg_port" ]; do open_port=$(free_port); done
user=mltest
pass=$(node -e "console.log(require('crypto').randomBytes(12).toString('hex'))")
bash "$here/test-env/registry.sh" start "$root/registry" "$reg_port" "$user" "$pass"
bash "$here/test-env/registry.sh" start "$root/open-registry" "$open_port"

export ML_TEST_ENGINE="$engine"
export ML_TEST_ENGINE_DIR="$engine_dir"
export ML_TEST_DOCKER_HOST="unix://$engine_sock"
export DOCKER_HOST="$ML_TEST_DOCKER_HOST"
export ML_TEST_REGISTRY="127.0.0.1:$reg_port"
export ML_TEST_REGISTRY_USER="$user"
export ML_TEST_REGISTRY_PASSWORD="$pass"
export ML_TEST_OPEN_REGISTRY="127.0.0.1:$open_port"
export ML_TEST_BUSYBOX=/bin/busybox
# Never let a test read the developer's own docker config or credentials.
export DOCKER_CONFIG="$root/docker-config"
mkdir -p "$DOCKER_CONFIG"
echo "{}" > "$DOCKER_CONFIG/config.json"   # an empty config (podman kube play insists on the file)
echo "test-env: $engine engine $DOCKER_HOST, registries $ML_TEST_REGISTRY (auth) and $ML_TEST_OPEN_REGISTRY" >&2
set +e
"$@"
rc=$?
set -e
exit $rc
