#!/usr/bin/env bash
# A private PostgreSQL server in a folder of its own, listening on 127.0.0.1 only, with user "hoop"
# and a database "hoop". Every connection, local ones included, authenticates with scram-sha-256
# against a password generated on first start and kept in DIR/pgpass (pgpass format, mode 0600,
# readable only by the user who started it: the service's). Used by cluster.sh, the tests and CI.
#
#   postgres.sh start DIR PORT   create (first time) and start; prints the connection string,
#                                which names the password file (Npgsql's Passfile)
#   postgres.sh stop DIR         stop it
#   postgres.sh status DIR       exit 0 while it runs
set -euo pipefail

die() { echo "postgres.sh: $*" >&2; exit 1; }

# PostgreSQL refuses to run as root; as root, its commands run as the postgres user.
as_pg() {
  if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_bin() {
  if command -v pg_config >/dev/null 2>&1 && [[ -x $(pg_config --bindir)/initdb ]]; then
    pg_config --bindir
    return
  fi
  local bin
  bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
  [[ -n $bin && -x $bin/initdb ]] || die "PostgreSQL server binaries not found; install them (apt-get install postgresql)"
  echo "$bin"
}

start() {
  local dir=$1 port=$2 bin
  bin=$(pg_bin)
  mkdir -p "$dir/data" "$dir/socket"
  touch "$dir/postgres.log"
  if [[ $(id -u) == 0 ]]; then
    id postgres >/dev/null 2>&1 || die "running as root needs the postgres user (apt-get install postgresql creates it)"
    chown postgres: "$dir/data" "$dir/socket" "$dir/postgres.log"
    chmod 700 "$dir/data"
  fi
  if [[ ! -f $dir/data/PG_VERSION ]]; then
    # The password reaches initdb through a file only it reads, deleted at once.
    (umask 077; head -c 32 /dev/urandom | base64 | tr -d '/+=\n' > "$dir/password")
    local pwfile; pwfile=$(mktemp)
    cp "$dir/password" "$pwfile"
    [[ $(id -u) == 0 ]] && chown postgres: "$pwfile"
    as_pg "$bin/initdb" -D "$dir/data" -U hoop --auth=scram-sha-256 --pwfile="$pwfile" -E UTF8 --locale=C >"$dir/initdb.log" 2>&1 \
      || { rm -f "$pwfile"; die "initdb failed; see $dir/initdb.log"; }
    rm -f "$pwfile"
    (umask 077; printf '127.0.0.1:%s:*:hoop:%s\n' "$port" "$(cat "$dir/password")" > "$dir/pgpass")
  fi
  [[ -f $dir/pgpass ]] || die "$dir holds a server made before passwords (trust); delete the folder (cluster.sh down --purge)"
  if ! as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c max_connections=500 -c fsync=on" start >/dev/null \
      || die "PostgreSQL did not start; see $dir/postgres.log"
  fi
  # The clients read the password from the pgpass file, named in their environment: a password
  # given as an argument (PGPASSWORD=… to env or runuser) is in /proc/<pid>/cmdline, which every
  # local user can read while the command runs. They connect over TCP, so they need not run as the
  # postgres user, and run as whoever owns that file (mode 0600), which libpq requires.
  if ! PGPASSFILE="$dir/pgpass" "$bin/psql" -X -h 127.0.0.1 -p "$port" -U hoop -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'hoop'" | grep -q 1; then
    PGPASSFILE="$dir/pgpass" "$bin/createdb" -h 127.0.0.1 -p "$port" -U hoop hoop
  fi
  echo "Host=127.0.0.1;Port=$port;Username=hoop;Database=hoop;Passfile=$dir/pgpass"
}

stop() {
  local dir=$1
  [[ -f $dir/data/PG_VERSION ]] || return 0
  local bin; bin=$(pg_bin)
  if as_pg "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
  fi
}

status() {
  local dir=$1
  [[ -f $dir/data/PG_VERSION ]] || return 1
  as_pg "$(pg_bin)/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

case ${1:-} in
  start) start "${2:?folder}" "${3:?port}" ;;
  stop) stop "${2:?folder}" ;;
  status) status "${2:?folder}" ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
