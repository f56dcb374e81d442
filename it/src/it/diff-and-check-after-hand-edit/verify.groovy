def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'Risk-s3cret-9')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('3 differences from what the migrations build up to 20250101000006 (create market data):')
assert log.contains('trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
assert log.contains('idx_timestamp: index in the migrations, not in the database')
assert log.contains('quantagent:check failed: 0 pending, 0 changed or missing scripts, 0 unfinished scripts, 3 schema differences')
assert log.contains("drift: risk_feed: view in the database, not in the migrations")
assert log.contains('password=****')
assert log.contains('drift: trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
def quiet = io.quantagent.it.ItDatabase.quietOutput(log).takeWhile { !it.startsWith('[') }
assert quiet.size() == 1 : 'the -q run printed exactly one JSON document:\n' + quiet.join('\n')
def doc = new groovy.json.JsonSlurper().parseText(quiet[0])
assert doc.differences*.name.sort() == ['idx_timestamp', 'risk_feed', 'trades.risk_level']
assert doc.differences.find { it.name == 'risk_feed' }.text.contains('password=****')
assert db.changelogIds().size() == 6 : 'diff and check change nothing'
