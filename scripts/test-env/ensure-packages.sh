#!/usr/bin/env bash
# Installs the Debian packages the integration and end-to-end tests need, once. Idempotent.
set -euo pipefail
need=()
command -v dockerd >/dev/null 2>&1 || need+=(docker.io containerd runc)
command -v docker-registry >/dev/null 2>&1 || need+=(docker-registry)
command -v htpasswd >/dev/null 2>&1 || need+=(apache2-utils)
[ -x /bin/busybox ] || need+=(busybox-static)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
{ command -v ssh && command -v ssh-agent; } >/dev/null 2>&1 || need+=(openssh-client)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
command -v shellcheck >/dev/null 2>&1 || need+=(shellcheck)
# compose and Podman integration tests (TESTING.md §5, §6)
command -v podman >/dev/null 2>&1 || need+=(podman catatonit)
command -v docker-compose >/dev/null 2>&1 || need+=(docker-compose)
# the containerize integration test builds a real Debian + Python base offline
command -v debootstrap >/dev/null 2>&1 || need+=(debootstrap)
if [ "${ML_TEST_NEED_CODE_SERVER_LIBS:-0}" = 1 ]; then
  for p in libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev; do
    dpkg -s "$p" >/dev/null 2>&1 || need+=("$p")
  done
fi
if ((${#need[@]})); then
  if [ "$(id -u)" != 0 ]; then
    echo "test-env: missing packages ${need[*]} and not root: install them with apt-get first" >&2
    exit 1
  fi
  echo "test-env: installing ${need[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
