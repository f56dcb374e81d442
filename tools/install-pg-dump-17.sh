#!/usr/bin/env bash
# Puts PostgreSQL 17's pg_dump (and psql) into a folder of their own, for the tests that dump a PostgreSQL 17
# database (RestoredDatabaseTest on 17). Debian 12 ships no PostgreSQL 17 client and pg_dump 15 refuses a 17 server;
# Debian 13's postgresql-client-17 does the job. Its binaries need Debian 13's C library, so they run through that
# library's own loader from the folder. Nothing of the system changes: a private apt state, packages unpacked, not
# installed. Debian's package mirror is the one this machine's apt already uses.
#
#   tools/install-pg-dump-17.sh [DIR]      DIR defaults to /opt/quantagent/pg-client-17; DIR/bin/pg_dump is the entry
#
# The tests find it there, or where QUANTAGENT_PG_DUMP_17 points.
set -euo pipefail
DIR=${1:-/opt/quantagent/pg-client-17}
if "$DIR/bin/pg_dump" --version 2>/dev/null | grep -q ' 17\.'; then exit 0; fi

SOURCES=/etc/apt/sources.list.d/debian.sources
URI=$(awk '/^URIs:/ {print $2; exit}' "$SOURCES" 2>/dev/null || true)
[ -n "$URI" ] || { echo "No Debian mirror found in $SOURCES" >&2; exit 1; }
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mkdir -p "$WORK/etc" "$WORK/lists/partial" "$WORK/cache/archives/partial" "$WORK/debs"
printf 'Types: deb\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
  "$URI" > "$WORK/etc/trixie.sources"
APT=(-o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$WORK/etc" -o Dir::State::Lists="$WORK/lists"
     -o Dir::Cache="$WORK/cache" -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
apt-get "${APT[@]}" -qq update
# pg_dump and libpq, and the libraries they load, all from Debian 13 (ldd of pg_dump and libpq5's Depends).
(cd "$WORK/debs" && apt-get "${APT[@]}" -qq download postgresql-client-17 libpq5 libc6 libgcc-s1 libssl3t64 \
  libzstd1 liblz4-1 zlib1g libgssapi-krb5-2 libkrb5-3 libk5crypto3 libkrb5support0 libcom-err2 libkeyutils1 \
  libldap2 libsasl2-2 libdb5.3t64)
rm -rf "$DIR"
mkdir -p "$DIR/bin"
for deb in "$WORK"/debs/*.deb; do dpkg-deb -x "$deb" "$DIR/root"; done
for tool in pg_dump psql; do
  cat > "$DIR/bin/$tool" <<SH
#!/bin/sh
R="\$(dirname "\$0")/../root"
exec "\$R/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2" --library-path "\$R/usr/lib/x86_64-linux-gnu" \\
  "\$R/usr/lib/postgresql/17/bin/$tool" "\$@"
SH
  chmod +x "$DIR/bin/$tool"
done
"$DIR/bin/pg_dump" --version
