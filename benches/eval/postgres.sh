#!/usr/bin/env bash
# A throwaway PostgreSQL 15 cluster on a loopback port, for `tracuu-eval --with-postgres`.
#
#   postgres.sh start DIR PORT   installs Debian's postgresql if missing, creates a cluster in DIR,
#                                starts it on 127.0.0.1:PORT, and prints a connection string
#   postgres.sh stop DIR         stops the cluster (DIR can then be deleted)
#
# The cluster trusts local connections and listens on loopback only; it holds benchmark data, nothing else.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
port=${3:-55432}

if [[ -z "$cmd" || -z "$dir" ]]; then
  echo "usage: $0 start DIR [PORT] | stop DIR" >&2
  exit 2
fi

find_bin() {
  local bin
  for bin in /usr/lib/postgresql/*/bin; do
    if [[ -x "$bin/initdb" ]]; then
      echo "$bin"
      return 0
    fi
  done
  return 1
}

# initdb refuses to run as root: run the server as the `postgres` user when we are root.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    if ! bin=$(find_bin); then
      if [[ $(id -u) -ne 0 ]]; then
        echo "postgres.sh: PostgreSQL is not installed and we are not root to install it" >&2
        exit 1
      fi
      echo "postgres.sh: installing Debian's postgresql…" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 \
        || { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
      bin=$(find_bin) || { echo "postgres.sh: install failed" >&2; exit 1; }
    fi
    mkdir -p "$dir"
    if [[ $(id -u) -eq 0 ]]; then
      chown postgres: "$dir"
    fi
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >&2
    fi
    as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=512MB -c maintenance_work_mem=1GB -c max_wal_size=4GB" >&2
    echo "host=127.0.0.1 port=$port user=postgres dbname=postgres"
    ;;
  stop)
    if bin=$(find_bin) && [[ -f "$dir/postmaster.pid" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2
    fi
    ;;
  *)
    echo "usage: $0 start DIR [PORT] | stop DIR" >&2
    exit 2
    ;;
esac
