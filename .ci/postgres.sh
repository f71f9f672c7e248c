#!/usr/bin/env bash
# Starts a local PostgreSQL for the store's tests and prints the URL to use on stdout:
#
#     eval "$(bash .ci/postgres.sh)"
#
# Idempotent: installs PostgreSQL only if it is missing, starts the cluster only if it is down,
# creates the role and the database only if they are absent. Runs as root (CI, a developer's
# machine). Everything except the final `export` line goes to stderr, so `eval` sees only it.
set -euo pipefail

exec 3>&1 1>&2

ROLE=mprofile
PASSWORD=mprofile
DB=mprofile_test
PORT=5432

say() { echo "postgres.sh: $*"; }

# Runs a command that leaves a daemon behind with no file descriptor but stdout and stderr. The
# server must not inherit fd 3 (the caller's `$(...)` pipe) nor any pipe of the CI runner: a
# server holding one open makes the caller wait for as long as PostgreSQL runs.
detached() {
  (
    for fd in /proc/$BASHPID/fd/*; do
      fd=${fd##*/}
      if [ "$fd" -gt 2 ] && [ "$fd" != 255 ]; then eval "exec $fd>&-" 2>/dev/null || true; fi
    done
    exec "$@" </dev/null
  )
}

if [ "$(id -u)" != 0 ]; then
  say "must run as root (it installs and starts PostgreSQL)"
  exit 1
fi

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  say "installing PostgreSQL"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

VERSION=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -qx "$VERSION main"; then
  say "creating cluster $VERSION/main"
  pg_createcluster "$VERSION" main --port "$PORT" >/dev/null
fi

status=$(pg_lsclusters -h | awk -v v="$VERSION" '$1 == v && $2 == "main" {print $4}')
if [ "$status" != online ]; then
  say "starting cluster $VERSION/main"
  detached pg_ctlcluster "$VERSION" main start
fi

for _ in $(seq 1 60); do
  if pg_isready -q -h 127.0.0.1 -p "$PORT"; then break; fi
  sleep 0.5
done
if ! pg_isready -q -h 127.0.0.1 -p "$PORT"; then
  say "PostgreSQL $VERSION does not accept connections on 127.0.0.1:$PORT; see /var/log/postgresql/postgresql-$VERSION-main.log"
  exit 1
fi

psql_admin() { runuser -u postgres -- psql -p "$PORT" -v ON_ERROR_STOP=1 -qtA "$@"; }

if [ "$(psql_admin -c "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'")" != 1 ]; then
  say "creating role $ROLE"
  psql_admin -c "CREATE ROLE $ROLE SUPERUSER LOGIN PASSWORD '$PASSWORD'"
else
  psql_admin -c "ALTER ROLE $ROLE SUPERUSER LOGIN PASSWORD '$PASSWORD'"
fi

if [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$DB'")" != 1 ]; then
  say "creating database $DB"
  psql_admin -c "CREATE DATABASE $DB OWNER $ROLE"
fi

# Checks the way the tests connect: TCP on 127.0.0.1 with a password.
if ! PGPASSWORD=$PASSWORD psql -h 127.0.0.1 -p "$PORT" -U "$ROLE" -d "$DB" -qtAc 'SELECT 1' >/dev/null; then
  say "cannot log in as $ROLE on 127.0.0.1:$PORT/$DB with a password; check pg_hba.conf"
  exit 1
fi

say "PostgreSQL $VERSION ready on 127.0.0.1:$PORT"
echo "export MPROFILE_TEST_PG_URL=postgres://$ROLE:$PASSWORD@127.0.0.1:$PORT/$DB" >&3
