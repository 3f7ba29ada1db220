#!/usr/bin/env bash
# Makes (once) a Debian bookworm root file system with Python 3, as a tar, for the containerize
# integration test: no image registry is reachable, so the base image the generated Dockerfile
# names is built offline from Debian's packages and `docker import`ed under that name.
#   debian-rootfs.sh OUT_TAR
# Idempotent: an existing OUT_TAR is kept. The tar is written next to OUT_TAR and renamed when
# complete, so an interrupted run never leaves a half-made cache.
set -euo pipefail
out=$1
[ -s "$out" ] && exit 0
command -v debootstrap >/dev/null 2>&1 || { echo "debian-rootfs: debootstrap is missing (scripts/test-env/ensure-packages.sh installs it)" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
work=$(mktemp -d "$(dirname "$out")/rootfs.XXXXXX")
trap 'rm -rf "$work"' EXIT
debootstrap --variant=minbase --include=python3,python3-minimal bookworm "$work/root" http://deb.debian.org/debian >"$work/debootstrap.log" 2>&1 \
  || { tail -5 "$work/debootstrap.log" >&2; exit 1; }
# apt's lists from debootstrap are complete; keep the image small and the later `apt-get update` honest
rm -rf "$work/root/var/lib/apt/lists/"* "$work/root/var/cache/apt/archives/"*.deb
tar -C "$work/root" -cf "$work/rootfs.tar" .
mv "$work/rootfs.tar" "$out"
