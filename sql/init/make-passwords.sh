#!/bin/sh
# The stack's `secrets` service: gives each account a random password, once. Each argument
# is a folder (one named volume per account, so every job mounts only its own); a folder
# that already holds a password keeps it, because the database was initialised with it.
#   sh make-passwords.sh /run/secrets/mysql_root /run/secrets/loader /run/secrets/reader
set -eu
for dir in "$@"; do
  if [ -s "$dir/password" ]; then
    echo "make-passwords: $dir/password exists, kept"
    continue
  fi
  # 24 random bytes as hex: nothing in it needs quoting in SQL, option files or YAML.
  openssl rand -hex 24 > "$dir/password.new"
  # Readable by any uid: each volume is mounted only where its account is used, and the
  # jobs run as whoever owns the clone's reports folder (or ROLLCALL_UID).
  chmod 0444 "$dir/password.new"
  mv "$dir/password.new" "$dir/password"
  echo "make-passwords: $dir/password created"
done
