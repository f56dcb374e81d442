#!/usr/bin/env bash
# quantagent:lint on 1,000 generated scripts, next to `mvn validate` (Maven's own start-up on an empty project), as
# whole `mvn -o` processes; no database. Prints one TSV row per run (workload, tool, round, seconds) on standard
# output, for bench/run.sh's report, and the medians on standard error.
#
#   bench/lint.sh                    # builds this checkout's plugin into a private repository first
#   REPO=... SKIP_BUILD=1 bench/lint.sh   # as bench/run.sh calls it, with the repository it built
#
# Settings (environment): ROUNDS (5), SCRIPTS (1000).
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(dirname "$HERE")
WORK=$HERE/work-lint
ROUNDS=${ROUNDS:-5}
SCRIPTS=${SCRIPTS:-1000}
QA_VERSION=${QA_VERSION:-0.1.0-SNAPSHOT}
REPO=${REPO:-$WORK/repo}   # never ~/.m2: other builds on this machine install 0.1.0-SNAPSHOT there too
MVN=("$ROOT/mvnw" -Dmaven.repo.local="$REPO")

log() { printf '%s %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }

rm -rf "$WORK/project" "$WORK/bare" "$WORK/logs"
mkdir -p "$WORK/project/scripts" "$WORK/bare" "$WORK/logs" "$WORK/.mvn"
if [ -z "${SKIP_BUILD:-}" ]; then
  mkdir -p "$REPO"
  [ -d "$HOME/.m2/repository" ] && (cd "$HOME/.m2/repository" && tar --exclude=./io/quantagent -cf - .) | tar -xf - -C "$REPO"
  log "Building this checkout's plugin into $REPO"
  (cd "$ROOT" && "${MVN[@]}" -B -q -o install -DskipTests -pl quantagent-migrations-maven-plugin -am) \
    >"$WORK/logs/build.log" 2>&1 || die "building the plugin, see $WORK/logs/build.log"
fi

# Each script creates a table with an index (free: the table is new), then adds a column and an index to the
# previous script's table (two findings: index-without-concurrently, missing-lock-timeout), and undoes both.
python3 - "$WORK/project/scripts" "$SCRIPTS" <<'PY'
import sys, pathlib
d, n = pathlib.Path(sys.argv[1]), int(sys.argv[2])
for i in range(1, n + 1):
    up = (f"CREATE TABLE t_{i} (id bigint PRIMARY KEY, symbol varchar(32) NOT NULL, price numeric(20,8),\n"
          f"    at timestamptz NOT NULL DEFAULT now(), note text);\n"
          f"CREATE INDEX idx_t_{i}_symbol ON t_{i} (symbol);\n"
          f"COMMENT ON TABLE t_{i} IS 'generated; CREATE INDEX in a string is no statement';\n")
    undo = f"DROP TABLE t_{i};\n"
    if i > 1:
        up += (f"ALTER TABLE t_{i-1} ADD COLUMN venue_{i} text;\n"
               f"CREATE INDEX idx_t_{i-1}_at ON t_{i-1} (at);\n")
        undo = f"DROP INDEX idx_t_{i-1}_at;\nALTER TABLE t_{i-1} DROP COLUMN venue_{i};\n" + undo
    (d / f"{20250201000000 + i}_step_{i}.sql").write_text(f"-- // step {i}\n{up}\n-- //@UNDO\n{undo}")
PY
pom() { # $1 file, $2 plugins xml
  cat > "$1" <<XML
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>bench-$(basename "$(dirname "$1")")</artifactId><version>1</version>
  <packaging>pom</packaging>
  <build><plugins>$2</plugins></build>
</project>
XML
}
pom "$WORK/project/pom.xml" "<plugin><groupId>io.quantagent</groupId><artifactId>quantagent-migrations-maven-plugin</artifactId>
  <version>$QA_VERSION</version><configuration><scriptsDirectory>\${project.basedir}/scripts</scriptsDirectory></configuration></plugin>"
pom "$WORK/bare/pom.xml" ""

# Wall time, and CPU time (user + system of the whole process tree), which a loaded machine disturbs less.
run() { # $1 tool, $2 round: prints two TSV rows, TOOL (wall seconds) and TOOL_cpu
  local tool=$1 round=$2 logf=$WORK/logs/$1-$2.log timef=$WORK/logs/$1-$2.time
  case $tool in
    lint) ( cd "$WORK/project" && env -u DATABASE_URL /usr/bin/time -f '%e %U %S' -o "$timef" "${MVN[@]}" -B -o \
              quantagent:lint -Dquantagent.lint.postgresVersion=17 -Dquantagent.lint.failOn=none ) >"$logf" 2>&1 ;;
    mvn_validate) ( cd "$WORK/bare" && /usr/bin/time -f '%e %U %S' -o "$timef" "${MVN[@]}" -B -o validate ) >"$logf" 2>&1 ;;
  esac || die "$tool (round $round), see $logf"
  read -r wall user sys < "$timef"
  printf 'lint%s\t%s\t%s\t%s\n' "$SCRIPTS" "$tool" "$round" "$wall"
  printf 'lint%s\t%s_cpu\t%s\t%s\n' "$SCRIPTS" "$tool" "$round" "$(awk -v u="$user" -v s="$sys" 'BEGIN{printf "%.2f", u+s}')"
}
run lint 0 >/dev/null   # warm-up, and a check that lint read every script
grep -q "$SCRIPTS scripts (PostgreSQL 17 rules): $((SCRIPTS - 1)) errors" "$WORK/logs/lint-0.log" \
  || die "lint did not report what the generated scripts hold, see $WORK/logs/lint-0.log"
rows=$(for r in $(seq 1 "$ROUNDS"); do
  if [ $((r % 2)) = 0 ]; then run lint "$r"; run mvn_validate "$r"; else run mvn_validate "$r"; run lint "$r"; fi
done)
printf '%s\n' "$rows"
printf '%s\n' "$rows" | python3 -c '
import sys, statistics, collections
t = collections.defaultdict(list)
for line in sys.stdin:
    w, tool, r, s = line.split("\t"); t[tool].append(float(s))
for k in ("", "_cpu"):
    l, v = statistics.median(t["lint" + k]), statistics.median(t["mvn_validate" + k])
    print("%s: lint %.2f s, mvn validate %.2f s, lint beyond start-up %.2f s (medians of %d)"
          % ("wall" if not k else "cpu", l, v, l - v, len(t["lint" + k])), file=sys.stderr)'
