#!/usr/bin/env bash
# `npm run eda`: type-checks notebooks/eda.ipynb, then executes it headlessly on the CSVs in
# DATA_DIR and writes the executed notebook (outputs included) and its charts as PNG.
#
# Needs the root install (`npm ci`), Jupyter's nbconvert and fonts for the charts (Debian:
#   apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client \
#     python3-ipykernel fonts-noto-core fonts-noto-cjk fonts-dejavu-core
# ) and the notebook's own tools (Deno, vega-lite, resvg), installed here by
# `npm ci --prefix notebooks` when missing.
#
# Environment (relative paths are taken from the repository root):
#   DATA_DIR     folder holding places.csv and people.csv (default data/raw)
#   EDA_OUT_DIR  write the executed notebook and figures/ there instead of overwriting
#                notebooks/eda.ipynb and reports/figures/ (e.g. to try your own data)
# The kernel spec, Jupyter's runtime files and Deno's cache live in notebooks/.cache, never
# in your home folder. A cell that fails makes the command fail.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"
started=$SECONDS

die() { echo "eda: $*" >&2; exit 2; }
[ -d node_modules/csv-parse ] || die "the project is not installed: run npm ci at the repository root first"
command -v jupyter >/dev/null && jupyter nbconvert --version >/dev/null 2>&1 ||
  die "jupyter nbconvert not found; on Debian or Ubuntu: apt-get install -y --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client python3-ipykernel fonts-noto-core fonts-noto-cjk fonts-dejavu-core"
if [ ! -x notebooks/node_modules/.bin/deno ]; then
  echo "eda: installing the notebook's tools (npm ci --prefix notebooks)"
  npm ci --prefix notebooks --no-audit --no-fund
fi

export DATA_DIR="$(realpath -m "${DATA_DIR:-data/raw}")"
out=(--inplace)
if [ -n "${EDA_OUT_DIR:-}" ]; then
  EDA_OUT_DIR="$(realpath -m "$EDA_OUT_DIR")"
  mkdir -p "$EDA_OUT_DIR"
  out=(--output-dir "$EDA_OUT_DIR")
  export FIGURES_DIR="$EDA_OUT_DIR/figures"
else
  export FIGURES_DIR="$root/reports/figures"
fi

cache="$root/notebooks/.cache"
export DENO_DIR="$cache/deno" DENO_NO_UPDATE_CHECK=1 NO_COLOR=1
export JUPYTER_PATH="$cache/jupyter" JUPYTER_DATA_DIR="$cache/jupyter" JUPYTER_CONFIG_DIR="$cache/jupyter/config"
export JUPYTER_RUNTIME_DIR="$cache/jupyter/runtime" IPYTHONDIR="$cache/ipython"
deno="$root/notebooks/node_modules/deno/deno"
[ -x "$deno" ] || deno="$root/notebooks/node_modules/.bin/deno"
# Written here rather than by `deno jupyter --install`, which always installs into ~/.local.
mkdir -p "$JUPYTER_PATH/kernels/deno"
cat >"$JUPYTER_PATH/kernels/deno/kernel.json" <<JSON
{
  "argv": ["$deno", "jupyter", "--kernel", "--conn", "{connection_file}"],
  "display_name": "Deno",
  "language": "typescript"
}
JSON

# Type-check first: the kernel runs cells without checking them. Deno reads notebooks/deno.json.
cd notebooks
trap 'rm -f "$root/notebooks/.eda.code.ts"' EXIT
"$deno" run --quiet --allow-read=eda.ipynb --allow-write=.eda.code.ts export-code.ts eda.ipynb .eda.code.ts
"$deno" check --quiet .eda.code.ts export-code.ts lib/ ||
  { echo "eda: the notebook's code does not type-check; the errors above point into its code cells, exported in order with '// --- cell N ---' markers" >&2; exit 1; }
"$deno" test --quiet --reporter=dot --allow-read --allow-env --allow-sys lib/
cd "$root"

echo "eda: executing notebooks/eda.ipynb on $DATA_DIR"
jupyter nbconvert --to notebook --execute "${out[@]}" \
  --ExecutePreprocessor.kernel_name=deno \
  --ExecutePreprocessor.timeout=600 \
  --ExecutePreprocessor.record_timing=False \
  notebooks/eda.ipynb ||
  { echo "eda: the notebook failed on $DATA_DIR (the failing cell and its error are above)" >&2; exit 1; }
echo "eda: done in $((SECONDS - started)) s; figures in $FIGURES_DIR"
