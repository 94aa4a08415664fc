#!/usr/bin/env bash
# Makes what compose.yaml mounts, in deploy/compose/secrets (or DIR): the cluster's private CA's
# certificate and a certificate per node with its role (as deploy/local/cluster.sh makes them),
# PostgreSQL's password with the password files the nodes read, and an admin API key, whose hash the
# front ends get. The CA's key goes to CA_DIR (default: ca beside DIR, so deploy/compose/ca), which
# no service mounts: it is the operator's, to issue certificates with, never a node's.
#
#   make-secrets.sh [--no-chown] [DIR [CA_DIR]]
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
ca=${2:-$(dirname "$dir")/ca}
cluster_id=hoop-compose
silo_uid=0
front_uid=1654

die() { echo "make-secrets.sh: $*" >&2; exit 1; }
((chown == 0)) || [[ $(id -u) == 0 ]] || die "run it as root (sudo), or with --no-chown; see the comment at its top"
command -v openssl >/dev/null || die "openssl is needed (apt-get install openssl)"
(umask 077 && mkdir -p "$dir")

# The CA and node certificates: exactly cluster.sh's make_ca and node_cert (P-256, the CA valid
# ten years, a node's 825 days, for serving and connecting alike, with the role the CA signs in as an
# extended key usage: CertificateRoleUsages in src/); names are never checked.
role_arc=2.25.24821072052258846841839933832735973101
silo_role=$role_arc.1
client_role=$role_arc.2
[[ $(cd "$ca" 2>/dev/null && pwd) != $(cd "$dir" && pwd) ]] || die "CA_DIR must not be DIR: the nodes' files are mounted from DIR"
# An older make-secrets.sh kept the CA's key among the nodes' files: it moves to CA_DIR.
if [[ -f $dir/ca.key && ! -f $ca/ca.key ]]; then
  (umask 077 && mkdir -p "$ca") && mv "$dir/ca.key" "$ca/ca.key" && cp "$dir/ca.crt" "$ca/ca.crt"
  if [[ -f $dir/ca.srl ]]; then mv "$dir/ca.srl" "$ca/ca.srl"; fi
fi
rm -f "$dir/ca.key" "$dir/ca.srl"
(umask 077 && mkdir -p "$ca")
if [[ ! -f $ca/ca.crt || ! -f $ca/ca.key ]]; then
  (umask 077 && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
    -subj "/CN=HoopOrleans $cluster_id CA" -keyout "$ca/ca.key" -out "$ca/ca.crt" 2>/dev/null) \
    || die "openssl could not make the CA in $ca"
fi
[[ -f $dir/ca.crt ]] || cp "$ca/ca.crt" "$dir/ca.crt"

# node_cert NAME ROLE; one an older make-secrets.sh made without a role is made again (a node
# refuses to start with it).
node_cert() {
  local name=$1 role=$2
  if [[ -f $dir/$name.crt && -f $dir/$name.key ]]; then
    openssl x509 -in "$dir/$name.crt" -noout -text | grep -qF "$role" && return
    rm -f "$dir/$name.crt" "$dir/$name.key"
  fi
  (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 \
    -subj "/CN=$name" -keyout "$dir/$name.key" 2>/dev/null \
    | openssl x509 -req -CA "$ca/ca.crt" -CAkey "$ca/ca.key" -CAcreateserial -days 825 -sha256 -out "$dir/$name.crt" \
      -extfile <(printf 'basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth,clientAuth,%s\nsubjectAltName=DNS:%s\n' "$role" "$name") 2>/dev/null) \
    || die "openssl could not make the certificate of $name"
}

for node in silo-1 silo-2; do node_cert "$node" "$silo_role"; done
for node in front-1 front-2; do node_cert "$node" "$client_role"; done

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

chmod 0444 "$dir/ca.crt" "$ca/ca.crt"
chmod 0700 "$ca"
chmod 0400 "$dir"/silo-*.crt "$dir"/silo-*.key "$dir"/front-*.crt "$dir"/front-*.key "$dir/postgres-password" "$dir"/pgpass.*
if ((chown)); then
  chown "$silo_uid:$silo_uid" "$dir"/silo-*.crt "$dir"/silo-*.key "$dir/pgpass.silo" "$dir/postgres-password"
  chown "$front_uid:$front_uid" "$dir"/front-*.crt "$dir"/front-*.key "$dir/pgpass.front"
  # The key and the folders belong to whoever ran sudo: the operator reads ops.key and issues with
  # the CA, compose reads api-keys.env.
  owner=${SUDO_UID:-0}:${SUDO_GID:-0}
  chown "$owner" "$dir" "$dir/ops.key" "$dir/api-keys.env" "$dir/ca.crt"
  chown -R "$owner" "$ca"
fi
echo "secrets in $dir; the admin key (Authorization: Bearer ...) is in $dir/ops.key; the CA's key in $ca (mount it nowhere)"
