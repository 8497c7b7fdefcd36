#!/usr/bin/env bash
# The Galera cluster tests (packages/throwaway-db/src/galera-cluster.ts) start three mariadbd with
# Debian's galera-4 provider; joiners receive their data by rsync, whose SST script looks up
# listening sockets with ss (iproute2). CI runs as root: install what is missing.
set -euo pipefail
missing=()
[ -e /usr/lib/galera/libgalera_smm.so ] || missing+=(galera-4)
command -v rsync >/dev/null || missing+=(rsync)
command -v ss >/dev/null || missing+=(iproute2)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
# mariadbd runs as the mysql account in the cluster tests (rsync's daemon drops root to nobody).
id mysql >/dev/null
