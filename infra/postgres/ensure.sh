#!/usr/bin/env bash
# Makes a PostgreSQL server ready for budget-ledger, idempotently:
#   1. starts the local cluster when nothing answers (Debian pg_ctlcluster; waits for pg_isready),
#   2. creates roles ledger_owner (owns the schema, runs migrations) and ledger_app (what the store
#      connects as) and the database `ledger` owned by ledger_owner,
#   3. when the workspace is installed, migrates as the owner and grants ledger_app SELECT on the
#      tables and EXECUTE on ledger_append (its only way to append; never INSERT, UPDATE, DELETE or
#      TRUNCATE), revoking whatever an older release granted.
# Settings (environment): PGHOST (127.0.0.1), PGPORT (5432), PGADMIN_USER (postgres), LEDGER_DB
# (ledger), LEDGER_OWNER (ledger_owner), LEDGER_APP (ledger_app), LEDGER_OWNER_PASSWORD and
# LEDGER_APP_PASSWORD (optional; set them when the server does not use trust authentication).
set -euo pipefail

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
admin=${PGADMIN_USER:-postgres}
db=${LEDGER_DB:-ledger}
owner=${LEDGER_OWNER:-ledger_owner}
app=${LEDGER_APP:-ledger_app}
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

if ! pg_isready -q -h "$host" -p "$port"; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "ensure.sh: starting PostgreSQL $version"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  else
    echo "ensure.sh: no PostgreSQL at $host:$port and no local cluster to start (try infra/postgres/docker-compose.yml)" >&2
    exit 1
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h "$host" -p "$port" && break
    sleep 0.5
  done
  pg_isready -h "$host" -p "$port"
fi

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$admin" "$@"; }

psql_admin -d postgres \
  -v owner="$owner" -v app="$app" -v db="$db" \
  -v owner_pw="${LEDGER_OWNER_PASSWORD:-}" -v app_pw="${LEDGER_APP_PASSWORD:-}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'owner') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'owner') \gexec
SELECT format('CREATE ROLE %I LOGIN', :'app') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'app') \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'owner', :'owner_pw') WHERE :'owner_pw' <> '' \gexec
SELECT format('ALTER ROLE %I PASSWORD %L', :'app', :'app_pw') WHERE :'app_pw' <> '' \gexec
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8'' TEMPLATE template0', :'db', :'owner')
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I', :'db', :'app') \gexec
SQL
echo "ensure.sh: database $db with roles $owner (owner) and $app (append-only) is ready on $host:$port"

if [ -d "$root/node_modules" ] && [ -d "$root/packages/store-postgres/node_modules" ]; then
  userinfo=$owner
  if [ -n "${LEDGER_OWNER_PASSWORD:-}" ]; then userinfo="$owner:${LEDGER_OWNER_PASSWORD}"; fi
  (cd "$root/packages/store-postgres" && node --import tsx src/bin/migrate.ts "postgres://$userinfo@$host:$port/$db" "$app")
else
  echo "ensure.sh: workspace not installed yet; run this again after 'pnpm install' to migrate"
fi
