#!/usr/bin/env bash
# Starts (or stops, or reports on) a local streaming hot-standby replica of the local PostgreSQL
# primary, so that developers and CI test read replicas with PostgreSQL's own machinery:
# pg_basebackup takes a copy of the primary, `-R` writes standby.signal + primary_conninfo, and a
# second cluster serves read-only queries on another port while it replays the primary's WAL.
#
#   infra/postgres/replica.sh start    # idempotent: a replica already answering is left alone
#   infra/postgres/replica.sh stop
#   infra/postgres/replica.sh status   # replay position and lag, as the replica reports them
#
# Settings (environment): PGHOST (127.0.0.1) and PGPORT (5432) of the primary, PGADMIN_USER
# (postgres; needs the REPLICATION attribute, which the superuser has), REPLICA_PORT (5433),
# REPLICA_DIR (/var/tmp/ledger-replica-<port>). The primary must accept replication connections
# from 127.0.0.1: when its pg_hba.conf has no such line and this script may edit it (a local
# Debian cluster, run as root or postgres), it adds `host replication all 127.0.0.1/32 trust`
# and reloads; otherwise it says what to add. Loopback trust is for a laptop or CI only.
set -euo pipefail

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}
admin=${PGADMIN_USER:-postgres}
rport=${REPLICA_PORT:-5433}
dir=${REPLICA_DIR:-/var/tmp/ledger-replica-$rport}
cmd=${1:-start}

bindir=$(pg_config --bindir 2>/dev/null || true)
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
fi
if [ -z "$bindir" ] || [ ! -x "$bindir/pg_ctl" ]; then
  echo "replica.sh: pg_ctl and pg_basebackup not found (install the PostgreSQL server package)" >&2
  exit 1
fi

# PostgreSQL refuses to run as root: as root, run the server tools as the postgres user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
psql_primary() { psql -X -q -At -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$admin" -d postgres "$@"; }

case "$cmd" in
  stop)
    if [ -f "$dir/postmaster.pid" ]; then as_pg "$bindir/pg_ctl" -D "$dir" -m fast -w stop; fi
    exit 0
    ;;
  status)
    psql -X -At -h 127.0.0.1 -p "$rport" -U "$admin" -d postgres -c \
      "select 'in_recovery=' || pg_is_in_recovery() || ' replay_lsn=' || coalesce(pg_last_wal_replay_lsn()::text, '-') || ' lag=' || coalesce((now() - pg_last_xact_replay_timestamp())::text, '-')"
    exit 0
    ;;
  start) ;;
  *)
    echo "usage: replica.sh start|stop|status" >&2
    exit 2
    ;;
esac

# Test files start the replica concurrently: one start at a time, the others then find it streaming.
if command -v flock >/dev/null; then
  lock="/var/tmp/ledger-replica-$rport.lock"
  exec 9>"$lock"
  flock -w 300 9 || {
    echo "replica.sh: another start has held $lock for 300 s" >&2
    exit 1
  }
fi
if pg_isready -q -h 127.0.0.1 -p "$rport"; then
  # A standby that fell off the primary's WAL (a large import recycles it faster than a stopped
  # or slow standby reads it) still answers, frozen at its last replayed transaction, and never
  # catches up: only one that is streaming is left alone; ours is replaced below, another refused.
  receiver=$(psql -X -q -At -h 127.0.0.1 -p "$rport" -U "$admin" -d postgres \
    -c "select coalesce((select status from pg_stat_wal_receiver), 'none')" 2>/dev/null || echo "unknown")
  if [ "$receiver" = streaming ]; then
    echo "replica.sh: a standby already streams from the primary on 127.0.0.1:$rport"
    exit 0
  fi
  if [ ! -f "$dir/postmaster.pid" ]; then
    echo "replica.sh: a server answers on 127.0.0.1:$rport but is not a streaming standby of this script's ($dir); stop it or set REPLICA_PORT" >&2
    exit 1
  fi
  echo "replica.sh: the standby on 127.0.0.1:$rport is not streaming (WAL receiver: $receiver): making a fresh copy"
fi
if ! pg_isready -q -h "$host" -p "$port"; then
  echo "replica.sh: the primary does not answer on $host:$port (start it first: infra/postgres/ensure.sh)" >&2
  exit 1
fi

# The primary must let pg_basebackup and the walreceiver in.
allowed=$(psql_primary -c "select count(*) from pg_hba_file_rules where 'replication' = any(database) and (address is null or address = '127.0.0.1')")
if [ "$allowed" = 0 ]; then
  hba=$(psql_primary -c "show hba_file")
  if [ -w "$hba" ]; then
    printf '\n# added by budget-ledger infra/postgres/replica.sh: local streaming replica\nhost replication all 127.0.0.1/32 trust\n' >>"$hba"
    psql_primary -c "select pg_reload_conf()" >/dev/null
    echo "replica.sh: allowed replication from 127.0.0.1 in $hba"
  else
    echo "replica.sh: add 'host replication all 127.0.0.1/32 trust' (or scram) to $hba and reload" >&2
    exit 1
  fi
fi

# A fresh copy every start: a stale standby that fell off the primary's WAL would never catch up.
if [ -f "$dir/postmaster.pid" ]; then as_pg "$bindir/pg_ctl" -D "$dir" -m immediate stop >/dev/null 2>&1 || true; fi
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
echo "replica.sh: base backup of $host:$port into $dir"
as_pg "$bindir/pg_basebackup" -h "$host" -p "$port" -U "$admin" -D "$dir" -R -X stream -c fast

# Debian keeps postgresql.conf and pg_hba.conf outside the data directory: give the copy its own.
# A standby refuses to start with lower limits than its primary's, so those are copied.
limits=$(psql_primary -c "select string_agg(name || ' = ' || setting, E'\n') from pg_settings where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions', 'max_locks_per_transaction')")
as_pg tee "$dir/postgresql.conf" >/dev/null <<CONF
# budget-ledger local hot standby (infra/postgres/replica.sh)
port = $rport
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
hot_standby = on
hot_standby_feedback = on
shared_buffers = 64MB
$limits
hba_file = '$dir/pg_hba.conf'
ident_file = '$dir/pg_ident.conf'
CONF
as_pg tee "$dir/pg_hba.conf" >/dev/null <<HBA
local all all trust
host all all 127.0.0.1/32 trust
HBA
as_pg touch "$dir/pg_ident.conf"

# The server must not inherit the lock (fd 9): it would hold it for as long as it runs.
as_pg "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null 9>&-
for _ in $(seq 1 60); do
  pg_isready -q -h 127.0.0.1 -p "$rport" && break
  sleep 0.5
done
pg_isready -h 127.0.0.1 -p "$rport"
echo "replica.sh: hot standby of $host:$port serving reads on 127.0.0.1:$rport ($dir)"
