#!/usr/bin/env bash
# The compose stack end to end on a real Docker engine, as a newcomer runs it, for a clone owned
# by root and one owned by uid 1001 (common CI runners): up … --exit-code-from reader reader,
# the summary checked against the sample's manifest and the files' owner, then one job alone
# (run --rm loader), the sql profile, run --rm --no-deps reader, and down -v.
# Where images cannot be pulled, ../shared/tools/docker-standins/build.sh builds local
# stand-ins (it also starts dockerd). Skipped with a notice where no engine can run; in CI
# (CI=true) that is a failure. Every wait is bounded by `timeout`.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
standins=../shared/tools/docker-standins/build.sh

unavailable() {
  if [ -n "${CI:-}" ]; then echo "stack-e2e: $1 (CI needs a Docker engine)" >&2; exit 1; fi
  echo "stack-e2e: skipped: $1" >&2; exit 0
}
if [ -f "$standins" ] && [ "$(id -u)" = 0 ]; then
  timeout 1200 bash "$standins" || unavailable "the stand-in images could not be built"
elif ! docker info >/dev/null 2>&1; then
  unavailable "no Docker engine answers, and one can only be started as root with $standins"
fi
command -v docker-compose >/dev/null || unavailable "docker-compose is not installed"

expected=$(node -e 'process.stdout.write(JSON.stringify(require(process.argv[1]).expected.summary))' "$repo/data/raw/manifest.json")

# One clone owned by uid:gid $1: the repository's files as a fresh clone has them (plus
# uncommitted changes), without node_modules or anything else ignored.
clone_owned_by() {
  local dir
  dir=$(mktemp -d /tmp/rollcall-stack-e2e-XXXXXX)
  (cd "$repo" && git ls-files -z --cached --others --exclude-standard) \
    | (cd "$repo" && tar --null --ignore-failed-read -T - -cf -) | tar -xf - -C "$dir"
  chown -R "$1" "$dir"
  echo "$dir"
}

check_reports() { # clone, uid, what
  local clone=$1 uid=$2 wrong
  node -e '
    const [file, expected] = process.argv.slice(1);
    require("node:assert").deepStrictEqual(JSON.parse(require("node:fs").readFileSync(file, "utf8")), JSON.parse(expected));
  ' "$clone/reports/summary_output.json" "$expected" || { echo "stack-e2e: $3: the summary is not the manifest's" >&2; return 1; }
  wrong=$(find "$clone/reports" ! -uid "$uid" -print)
  [ -z "$wrong" ] || { echo "stack-e2e: $3: files not owned by uid $uid: $wrong" >&2; return 1; }
  echo "stack-e2e: $3: summary as the manifest says, files owned by uid $uid"
}

# In a subshell, so that its EXIT trap takes the stack and the clone down however it ends.
run_for_owner() ( # uid
  uid=$1
  clone=$(clone_owned_by "$uid:$uid")
  project="rollcall-e2e-$uid"
  compose() { local limit=$1; shift; (cd "$clone" && timeout "$limit" docker-compose -p "$project" -f stack.yml "$@"); }
  trap 'compose 180 down -v --remove-orphans >/dev/null 2>&1 || true; rm -rf "$clone"' EXIT
  echo "stack-e2e: clone owned by uid $uid in $clone"
  compose 1200 build
  compose 600 up --build --abort-on-container-exit --exit-code-from reader reader
  check_reports "$clone" "$uid" "up (uid $uid)"
  compose 300 run --rm loader
  compose 300 --profile sql run --rm sql-loader
  rm "$clone/reports/summary_output.json"
  compose 300 run --rm --no-deps reader
  check_reports "$clone" "$uid" "run --rm loader, the sql profile, run --rm --no-deps reader (uid $uid)"
)

run_for_owner 0
run_for_owner 1001
echo "stack-e2e: passed for clones owned by root and by uid 1001"
