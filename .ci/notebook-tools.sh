#!/usr/bin/env bash
# Debian packages that execute the notebook headlessly, and fonts wide enough for the
# names it draws (Greek, Cyrillic, CJK incl. 4-byte characters).
set -euo pipefail
if jupyter nbconvert --version >/dev/null 2>&1 && fc-list | grep -qi "Noto Sans CJK"; then exit 0; fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends jupyter-nbconvert python3-nbclient jupyter-client \
  python3-ipykernel fonts-noto-core fonts-noto-cjk fonts-dejavu-core >/dev/null
