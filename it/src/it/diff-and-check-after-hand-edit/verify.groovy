def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('2 differences from what the migrations build up to 20250101000006 (create market data):')
assert log.contains('trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
assert log.contains('idx_timestamp: index in the migrations, not in the database')
assert log.contains('quantagent:check failed: 0 pending, 0 changed or missing scripts, 0 unfinished scripts, 2 schema differences')
assert log.contains('drift: trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
def line = log.readLines().find { it.startsWith('{"revision"') }
def doc = new groovy.json.JsonSlurper().parseText(line)
assert doc.differences*.name.sort() == ['idx_timestamp', 'trades.risk_level']
