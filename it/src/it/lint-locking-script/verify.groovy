def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def script = 'src/main/resources/quantagent/migrations/20260102000000_widen_price.sql'

// 1. lint fails, one line per finding: file, line, severity, rule, what it locks, the safe way
assert log.contains("[ERROR] ${script}:4: error column-type-rewrite: ALTER COLUMN price TYPE numeric(30,10) (from numeric(20,8)) rewrites trades")
assert log.contains("[ERROR] ${script}:5: error invalid-ignore: this quantagent:lint-ignore gives no reason.")
assert log.contains("${script}:3: drop-column ignored: nothing has read note since release 4.2")
assert log.contains('quantagent:lint failed: 2 findings at or above quantagent.lint.failOn')

// 2. JSON on standard output, with the proof from a scratch database; SARIF valid by the official schema
def doc = new groovy.json.JsonSlurper().parseText(log.readLines().find { it.startsWith('{"postgresVersion"') })
assert doc.postgresVersion == 17
assert !doc.findings.find { it.rule == 'missing-lock-timeout' } : 'the runner guards every statement by default'
assert doc.findings.find { it.rule == 'column-type-rewrite' && it.line == 4 && it.file == script && !it.ignored }
assert doc.findings.find { it.rule == 'drop-column' && it.ignored && it.reason == 'nothing has read note since release 4.2' }
assert doc.findings.find { it.rule == 'rename' && it.ignored && it.reason == '(no reason given)' }
def proven = doc.proof.statements.find { it.file == script && it.line == 4 }
assert proven.tables.find { it.name == 'trades' && it.mode == 'ACCESS EXCLUSIVE' && it.rewrite }
def sarif = basedir.toPath().resolve('target/lint.sarif')
assert io.quantagent.it.SarifFile.problems(sarif) == []
assert new groovy.json.JsonSlurper().parse(sarif.toFile()).runs[0].results.find {
  it.ruleId == 'column-type-rewrite' && it.locations[0].physicalLocation.artifactLocation.uri == script &&
      it.locations[0].physicalLocation.region.startLine == 4
}

// 3. upgrade warns about the pending script's findings, then applies it
assert log.contains("[WARNING] lint: ${script}:4: error column-type-rewrite:")
assert db.changelogIds() == ['20260101000000', '20260102000000']
assert db.column("select format_type(atttypid, atttypmod) from pg_attribute where attrelid = 'trades'::regclass and attname = 'price'") == ['numeric(30,10)']

// 4. check lints what is pending, and nothing is: it passes (an applied script has taken its locks already)
assert log.count('BUILD FAILURE') == 2 : 'lint in 1, check with pendingOnly=false in 5, nothing else'
// 5. with -Dquantagent.lint.pendingOnly=false check fails through lint alone: nothing pending, nothing edited
assert log.contains('quantagent:check failed: 0 pending, 0 changed or missing scripts, 0 unfinished scripts, 0 schema differences (-Dquantagent.drift=false skips those), 2 lint findings (-Dquantagent.lint=false skips lint):')
assert log.contains("  - lint: ${script}:4: error column-type-rewrite:")

// 6. the runner puts a lock timeout on every statement; with it turned off, lint asks the script for one
def warning = "[WARNING] ${script}:3: warning missing-lock-timeout:"
assert log.count(warning) == 1 : 'only in 6, where -Dquantagent.statementLockTimeout=0'
assert log.indexOf(warning) > log.lastIndexOf('quantagent:check failed')
