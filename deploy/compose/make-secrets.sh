#!/usr/bin/env bash
# Makes what compose.yaml mounts, in deploy/compose/secrets (or DIR): the cluster's private CA and a
# certificate per node (as deploy/local/cluster.sh makes them), PostgreSQL's password with the
# password files the nodes read, and an admin API key, whose hash the front ends get.
#
#   make-secrets.sh [--no-chown] [DIR]
#
# Compose mounts a secret file as it is on the host, owner and mode included, so each file is
# given to the uid that reads it in its container: the silos' to root (0), the front ends' to the
# image's user (1654), each mode 0400; ca.crt is public. That takes root (run it with sudo);
# --no-chown leaves them yours (a rootless engine, where your uid is the container's root, and
# the front ends then need user: "0" or files you make readable to them). The key itself is
# written to DIR/ops.key, owned by whoever ran sudo, and nowhere else. Files already there are
# kept: delete DIR to start over.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
chown=1
if [[ ${1:-} == --no-chown ]]; then chown=0; shift; fi
dir=${1:-$here/secrets}
cluster_id=hoop-compose
silo_uid=0
front_uid=1654

die() { echo "make-secrets.sh: $*" >&2; exit 1; }
((chown == 0)) || [[ $(id -u) == 0 ]] || die "run it as root (sudo), or with --no-chown; see the comment at its top"
command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl)"
(umask 077 && mkdir -p "$dir")

# The CA and node certificates: exactly cluster.sh's make_ca and node_cert (P-256, the CA valid
# ten years, a node's 825 days, for serving and connecting alike); names are never checked.
if [[ ! -f $dir/ca.crt || ! -f $dir/ca.key ]]; then
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=HoopOrleans $cluster_id CA" -keyout "$dir/ca.key" -out "$dir/ca.crt" 2>/dev/null) \
    || die "openssl could not make the CA in $dir"
fi

node_cert() {
  local name=$1
  [[ -f $dir/$name.crt && -f $dir/$name.key ]] && return
  (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/CN=$name" -keyout "$dir/$name.key" 2>/dev/null \
    | openssl x509 -req -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -days 825 -sha256 -out "$dir/$name.crt" \
      -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:%s\n' "$name") 2>/dev/null) \
    || die "openssl could not make the certificate of $name"
}

for node in silo-1 silo-2 front-1 front-2; do node_cert "$node"; done

# PostgreSQL's password: the server's image reads it from postgres-password; the nodes from a
# pgpass file their connection string names (Passfile), one copy per owner.
if [[ ! -f $dir/postgres-password ]]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/postgres-password")
fi
for copy in pgpass.silo pgpass.front; do
  [[ -f $dir/$copy ]] || (umask 077 && printf '*:*:*:hoop:%s\n' "$(cat "$dir/postgres-password")" >"$dir/$copy")
done

# An admin key for the operator; the front ends get its SHA-256 only (Auth:Keys:ops:Hash).
if [[ ! -f $dir/ops.key || ! -f $dir/api-keys.env ]]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/ops.key")
  hash=$(printf '%s' "$(cat "$dir/ops.key")" | sha256sum | cut -d' ' -f1)
  (umask 077 && printf 'Auth__Keys__ops__Hash=%s\nAuth__Keys__ops__Roles__0=admin\nAuth__Keys__ops__Connections__0=*\n' "$hash" >"$dir/api-keys.env")
fi

chmod 0444 "$dir/ca.crt"
chmod 0400 "$dir"/silo-*.crt "$dir"/silo-*.key "$dir"/front-*.crt "$dir"/front-*.key "$dir/postgres-password" "$dir"/pgpass.*
if ((chown)); then
  chown "$silo_uid:$silo_uid" "$dir"/silo-*.crt "$dir"/silo-*.key "$dir/pgpass.silo" "$dir/postgres-password"
  chown "$front_uid:$front_uid" "$dir"/front-*.crt "$dir"/front-*.key "$dir/pgpass.front"
  # The key and the folder belong to whoever ran sudo: the operator reads ops.key, compose reads api-keys.env.
  owner=${SUDO_UID:-0}:${SUDO_GID:-0}
  chown "$owner" "$dir" "$dir/ops.key" "$dir/api-keys.env" "$dir/ca.crt" "$dir/ca.key"
fi
echo "secrets in $dir; the admin key (Authorization: Bearer ...) is in $dir/ops.key"
