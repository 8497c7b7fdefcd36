#!/bin/sh
# The job images' entrypoint. A container starts as root only long enough to read who owns
# the mounted reports folder, then runs the job as that user (setpriv, from util-linux), so
# report and reject files belong to whoever owns the clone (root, 1000, 1001, any uid) and
# the job never runs as root unless that folder is root's. ROLLCALL_UID / ROLLCALL_GID
# override the owner. Started as another user (docker run --user), it runs the job as is.
set -eu
if [ "$(id -u)" != 0 ]; then exec "$@"; fi
reports=${REPORTS_DIR:-reports}
# A folder that is not there yet will be created by the job inside its parent.
[ -d "$reports" ] || reports=$(dirname "$reports")
uid=${ROLLCALL_UID:-$(stat -c %u "$reports")}
gid=${ROLLCALL_GID:-$(stat -c %g "$reports")}
case "$uid$gid" in *[!0-9]*)
  echo "ROLLCALL_UID and ROLLCALL_GID must be numeric ids (got '$uid', '$gid')" >&2; exit 2 ;;
esac
if [ "$uid" = 0 ] && [ "$gid" = 0 ]; then exec "$@"; fi
# No account need exist for the uid: HOME only has to be somewhere writable.
export HOME=/tmp
exec setpriv --reuid="$uid" --regid="$gid" --clear-groups -- "$@"
