#!/usr/bin/env bash
# A HoopOrleans cluster on this machine: a private PostgreSQL, silos and front ends on 127.0.0.1.
#
#   cluster.sh up [--silos N] [--fronts N] [--no-build]   start everything, wait until ready, print URLs
#   cluster.sh status                                     what runs, and where
#   cluster.sh kill-silo N | start-silo N                 SIGKILL / start silo N
#   cluster.sh stop-silo N [--wait]                       SIGTERM silo N: it drains (takes no new runs, lets
#                                                         its runs finish for the drain timeout), then stops
#   cluster.sh kill-front N | start-front N               SIGKILL / start front end N
#   cluster.sh stop-front N [--wait]                      SIGTERM front end N: it answers what it holds, then stops
#   cluster.sh down [--purge]                             stop everything; --purge also deletes the data
#
# Settings (environment): HOOP_CLUSTER_DIR (state, logs, data; default deploy/local/.cluster),
# HOOP_PG_PORT (55432), HOOP_FRONT_PORT (first front end, 5101), HOOP_SILO_PORT (first silo, 21111),
# HOOP_GATEWAY_PORT (first gateway, 31111), HOOP_HEALTH_PORT (first silo health endpoint, 5201),
# HOOP_GRPC_PORT (first front end's gRPC listener for hoop's CLI, 8010),
# HOOP_CLUSTER_ID (hoop-local), HOOP_DRAIN_TIMEOUT (a silo's Orleans:DrainTimeout, 00:00:05),
# HOOP_NODE_ARGS (extra arguments for every silo and front end, such as --Orleans:Dashboard:Enabled=true),
# HOOP_SILO_<N>_ARGS (extra arguments for silo N only: the connections that silo hosts, as in
# HOOP_SILO_2_ARGS="--Connections:pg:Command:0=psql --Connections:pg:Type=database"; every silo also
# hosts the shipped bash; a connection two silos host must be configured alike on both). Front ends
# need no connection settings: they learn each silo's connections from the cluster.
# HOOP_SILO_<N>_ENV_FILE (a file of NAME=value lines, exported to silo N only: its connections'
# secrets, as in Connections__pg__Env__PGPASSWORD=…, which must not be arguments).
# Secrets never go in HOOP_NODE_ARGS: every local user reads a node's arguments in /proc/<pid>/cmdline.
# Every node inherits this script's environment, so export them instead (Auth__Keys__ops__Hash=…).
# Node N uses the first port + N - 1.
# Orleans traffic is mutual TLS: the first 'up' makes a private CA in $HOOP_CLUSTER_DIR/ca (mode 0700,
# its key never given to a node) and each node's certificate in $HOOP_CLUSTER_DIR/tls (mode 0700), with
# a role the CA signs: silo-N's is a silo's, front-N's a client's. A silo admits only silos as silos.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
dir=${HOOP_CLUSTER_DIR:-$repo/deploy/local/.cluster}
pg_port=${HOOP_PG_PORT:-55432}
front_port=${HOOP_FRONT_PORT:-5101}
silo_port=${HOOP_SILO_PORT:-21111}
gateway_port=${HOOP_GATEWAY_PORT:-31111}
health_port=${HOOP_HEALTH_PORT:-5201}
grpc_port=${HOOP_GRPC_PORT:-8010}
cluster_id=${HOOP_CLUSTER_ID:-hoop-local}
drain_timeout=${HOOP_DRAIN_TIMEOUT:-00:00:05}
ready_timeout=${HOOP_READY_TIMEOUT:-120}
tls=$dir/tls
ca=$dir/ca

die() { echo "cluster.sh: $*" >&2; exit 1; }
connection_string() { echo "Host=127.0.0.1;Port=$pg_port;Username=hoop;Database=hoop;Pooling=true;Passfile=$dir/postgres/pgpass"; }

# A killed process can linger as a zombie until its new parent reaps it; it counts as gone.
pid_alive() {
  local pid state
  [[ -f $1 ]] || return 1
  pid=$(head -n 1 "$1")
  state=$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null) || return 1
  [[ -n $state && $state != Z ]]
}

# A private CA for the cluster's mutual TLS, and a certificate per node issued by it. The keys are
# readable by whoever runs the cluster only; runs (other uids under a root service) cannot read them.
# The CA's key is the operator's, in $ca: a node's folder holds only the CA's certificate, so a node
# whose files leak gives away its own identity, not the power to make others.

# The role a node's certificate carries, as an extended key usage (CertificateRoleUsages in src/).
role_arc=2.25.24821072052258846841839933832735973101
silo_role=$role_arc.1
client_role=$role_arc.2

make_ca() {
  # An older cluster.sh kept the CA's key among the nodes' files: it moves to the operator's folder.
  if [[ -f $tls/ca.key && ! -f $ca/ca.key ]]; then
    (umask 077 && mkdir -p "$ca") && mv "$tls/ca.key" "$ca/ca.key" && cp "$tls/ca.crt" "$ca/ca.crt"
    if [[ -f $tls/ca.srl ]]; then mv "$tls/ca.srl" "$ca/ca.srl"; fi
  fi
  rm -f "$tls/ca.key"
  if [[ ! -f $ca/ca.crt || ! -f $ca/ca.key ]]; then
    command -v openssl >/dev/null || die "openssl is needed to make the cluster's certificates (apt-get install openssl)"
    (umask 077 && mkdir -p "$ca")
    (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
      -subj "/CN=HoopOrleans $cluster_id CA" -keyout "$ca/ca.key" -out "$ca/ca.crt" 2>/dev/null) \
      || die "openssl could not make the cluster CA in $ca"
  fi
  (umask 077 && mkdir -p "$tls")
  [[ -f $tls/ca.crt ]] || cp "$ca/ca.crt" "$tls/ca.crt"
}

# node_cert NAME ROLE: the node's certificate and key, made once, valid for serving and connecting,
# carrying ROLE (a usage above). One an older cluster.sh made without a role is made again: the
# node would refuse to start with it.
node_cert() {
  local name=$1 role=$2
  if [[ -f $tls/$name.crt && -f $tls/$name.key ]]; then
    openssl x509 -in "$tls/$name.crt" -noout -text | grep -qF "$role" && return
    rm -f "$tls/$name.crt" "$tls/$name.key"
  fi
  (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/CN=$name" -keyout "$tls/$name.key" 2>/dev/null \
    | openssl x509 -req -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial -days 825 -sha256 -out "$tls/$name.crt" \
      -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth,%s\nsubjectAltName=IP:127.0.0.1\n' "$role") 2>/dev/null) \
    || die "openssl could not make the certificate of $name"
}

tls_args() {
  echo "--Orleans:Tls:CaPath=$tls/ca.crt" "--Orleans:Tls:CertificatePath=$tls/$1.crt" "--Orleans:Tls:KeyPath=$tls/$1.key"
}

start_postgres() { "$here/postgres.sh" start "$dir/postgres" "$pg_port" >/dev/null; }
stop_postgres() { "$here/postgres.sh" stop "$dir/postgres"; }

build() {
  echo "building (Release)..."
  dotnet build "$repo/src/HoopOrleans.Silo" -c Release -o "$dir/bin/silo" -nologo -v quiet >"$dir/logs/build-silo.log" 2>&1 \
    || die "building the silo failed; see $dir/logs/build-silo.log"
  dotnet build "$repo/src/HoopOrleans.Api" -c Release -o "$dir/bin/api" -nologo -v quiet >"$dir/logs/build-api.log" 2>&1 \
    || die "building the front end failed; see $dir/logs/build-api.log"
}

common_args() {
  echo "--Orleans:Mode=Postgres" "--Orleans:ClusterId=$cluster_id" "--Orleans:DrainTimeout=$drain_timeout" \
    "--ConnectionStrings:Postgres=$(connection_string)" ${HOOP_NODE_ARGS:-}
}

start_silo() {
  local n=$1 pidfile="$dir/silo-$1.pid" own="HOOP_SILO_$1_ARGS" env_file="HOOP_SILO_$1_ENV_FILE"
  pid_alive "$pidfile" && { echo "silo $n already runs (pid $(cat "$pidfile"))"; return; }
  [[ -f $dir/bin/silo/HoopOrleans.Silo.dll ]] || die "not built yet; run 'cluster.sh up'"
  # The content root (where appsettings.json is found) is the working directory.
  make_ca && node_cert "silo-$n" "$silo_role"
  [[ -z ${!env_file:-} || -r ${!env_file} ]] || die "${env_file} names ${!env_file}, which cannot be read"
  # shellcheck disable=SC2046
  (cd "$dir/bin/silo" && silo_env "${!env_file:-}" && exec setsid dotnet HoopOrleans.Silo.dll $(common_args) $(tls_args "silo-$n") \
    "--Orleans:SiloPort=$((silo_port + n - 1))" "--Orleans:GatewayPort=$((gateway_port + n - 1))" \
    "--Orleans:AdvertisedAddress=127.0.0.1" "--urls=http://127.0.0.1:$((health_port + n - 1))" ${!own:-} \
    </dev/null >>"$dir/logs/silo-$n.log" 2>&1) &
  echo $! >"$pidfile"
}

# silo_env FILE: exports FILE's NAME=value lines (blank lines and # comments skipped), read as data, never run.
silo_env() {
  local line
  [[ -n $1 ]] || return 0
  while IFS= read -r line || [[ -n $line ]]; do
    [[ -z $line || $line == \#* ]] && continue
    [[ $line == [A-Za-z_]*=* ]] || die "$1: not a NAME=value line"
    export "${line%%=*}=${line#*=}"
  done <"$1"
}

start_front() {
  local n=$1 pidfile="$dir/front-$1.pid"
  pid_alive "$pidfile" && { echo "front end $n already runs (pid $(cat "$pidfile"))"; return; }
  [[ -f $dir/bin/api/HoopOrleans.Api.dll ]] || die "not built yet; run 'cluster.sh up'"
  make_ca && node_cert "front-$n" "$client_role"
  # shellcheck disable=SC2046
  (cd "$dir/bin/api" && exec setsid dotnet HoopOrleans.Api.dll $(common_args) $(tls_args "front-$n") \
    "--urls=http://127.0.0.1:$((front_port + n - 1))" "--Grpc:Urls=http://127.0.0.1:$((grpc_port + n - 1))" \
    </dev/null >>"$dir/logs/front-$n.log" 2>&1) &
  echo $! >"$pidfile"
}

# Ready means: the silo reports itself active; the front end reaches an active silo through the cluster.
silo_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$((health_port + $1 - 1))/health" 2>/dev/null; }
front_ready() { curl -fsS -o /dev/null "http://127.0.0.1:$((front_port + $1 - 1))/health" 2>/dev/null; }

wait_ready() {
  local kind=$1 n=$2 deadline=$((SECONDS + ready_timeout))
  until "${kind}_ready" "$n"; do
    pid_alive "$dir/$kind-$n.pid" || die "$kind $n exited; see $dir/logs/$kind-$n.log, which ends:
$(grep -v "^ *at " "$dir/logs/$kind-$n.log" | tail -n 15)"
    ((SECONDS < deadline)) || die "$kind $n not ready after ${ready_timeout}s; see $dir/logs/$kind-$n.log"
    sleep 0.2
  done
}

count() { ls "$dir"/"$1"-*.pid 2>/dev/null | wc -l; }

kill_node() {
  local pidfile="$dir/$1-$2.pid"
  pid_alive "$pidfile" || die "$1 $2 is not running"
  kill -KILL "$(cat "$pidfile")"
  while pid_alive "$pidfile"; do sleep 0.05; done
  echo "killed $1 $2 (pid $(cat "$pidfile"))"
}

# stop_node KIND N [--wait]: SIGTERM, the way an orchestrator stops a node; --wait waits until it exited.
stop_node() {
  local pidfile="$dir/$1-$2.pid"
  pid_alive "$pidfile" || die "$1 $2 is not running"
  kill -TERM "$(cat "$pidfile")"
  if [[ ${3:-} == --wait ]]; then
    while pid_alive "$pidfile"; do sleep 0.05; done
    echo "stopped $1 $2 (pid $(cat "$pidfile"))"
  else
    echo "asked $1 $2 to stop (pid $(cat "$pidfile"))"
  fi
}

status() {
  local f kind n state
  echo "postgres  127.0.0.1:$pg_port  $("$here/postgres.sh" status "$dir/postgres" && echo running || echo stopped)"
  for f in "$dir"/silo-*.pid "$dir"/front-*.pid; do
    [[ -f $f ]] || continue
    kind=$(basename "$f" .pid); n=${kind##*-}; kind=${kind%-*}
    pid_alive "$f" && state="running (pid $(cat "$f"))" || state="stopped"
    if [[ $kind == silo ]]; then
      echo "silo $n    127.0.0.1:$((silo_port + n - 1)) gateway :$((gateway_port + n - 1)) health http://127.0.0.1:$((health_port + n - 1))/health  $state"
    else
      echo "front $n   http://127.0.0.1:$((front_port + n - 1))  $state"
    fi
  done
}

up() {
  local silos=2 fronts=2 build=1 n
  while (($#)); do
    case $1 in
      --silos) silos=$2; shift 2 ;;
      --fronts) fronts=$2; shift 2 ;;
      --no-build) build=0; shift ;;
      *) die "unknown option $1" ;;
    esac
  done
  mkdir -p "$dir/logs"
  ((build)) && build
  start_postgres
  for ((n = 1; n <= silos; n++)); do start_silo "$n"; done
  for ((n = 1; n <= fronts; n++)); do start_front "$n"; done
  for ((n = 1; n <= silos; n++)); do wait_ready silo "$n"; done
  for ((n = 1; n <= fronts; n++)); do wait_ready front "$n"; done
  echo "cluster $cluster_id is ready"
  for ((n = 1; n <= fronts; n++)); do echo "front end $n: http://127.0.0.1:$((front_port + n - 1))"; done
}

down() {
  local f
  for f in "$dir"/front-*.pid "$dir"/silo-*.pid; do
    [[ -f $f ]] || continue
    pid_alive "$f" && kill -TERM "$(cat "$f")" 2>/dev/null || true
  done
  for f in "$dir"/front-*.pid "$dir"/silo-*.pid; do
    [[ -f $f ]] || continue
    # A silo drains first: up to the drain timeout, then it ends what still runs and leaves.
    for _ in $(seq 1 400); do pid_alive "$f" || break; sleep 0.1; done
    pid_alive "$f" && kill -KILL "$(cat "$f")" 2>/dev/null || true
    rm -f "$f"
  done
  stop_postgres
  if [[ ${1:-} == --purge ]]; then rm -rf "$dir"; echo "stopped and purged"; else echo "stopped"; fi
}

case ${1:-} in
  up) shift; up "$@" ;;
  status) status ;;
  kill-silo) kill_node silo "${2:?silo number}" ;;
  start-silo) start_silo "${2:?silo number}"; wait_ready silo "$2"; echo "silo $2 is ready" ;;
  stop-silo) stop_node silo "${2:?silo number}" "${3:-}" ;;
  kill-front) kill_node front "${2:?front end number}" ;;
  stop-front) stop_node front "${2:?front end number}" "${3:-}" ;;
  start-front) start_front "${2:?front end number}"; wait_ready front "$2"; echo "front end $2 is ready" ;;
  down) shift; down "$@" ;;
  *) sed -n '2,29p' "$0"; exit 2 ;;
esac
