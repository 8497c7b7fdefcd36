#!/usr/bin/env bash
# Debian's docker-compose 1.29: `config -q` validates stack.yml with no Docker engine.
set -euo pipefail
command -v docker-compose >/dev/null && exit 0
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends docker-compose >/dev/null \
  || { apt-get update -qq && apt-get install -y -qq --no-install-recommends docker-compose >/dev/null; }
