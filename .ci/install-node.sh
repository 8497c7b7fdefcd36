#!/usr/bin/env bash
# Installs Node 22 LTS from the npm registry (the `node` package ships the binary) into
# .tools/node22, unless a Node 22 is already there.
set -euo pipefail
cd "$(dirname "$0")/.."
want="$(cat .nvmrc)"
bin=.tools/node22/node_modules/.bin/node
if [ -x "$bin" ] && "$bin" --version | grep -q "^v${want}\."; then exit 0; fi
npm install --prefix .tools/node22 --no-save --no-audit --no-fund "node@${want}" >/dev/null
"$bin" --version
