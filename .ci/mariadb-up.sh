#!/usr/bin/env bash
# Starts the machine's MariaDB if it is not running and waits until it answers.
set -euo pipefail
if mariadb-admin -uroot ping >/dev/null 2>&1; then exit 0; fi
mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
for _ in $(seq 1 60); do
  mariadb-admin -uroot ping >/dev/null 2>&1 && exit 0
  sleep 1
done
echo "MariaDB did not start within 60 s" >&2
exit 1
