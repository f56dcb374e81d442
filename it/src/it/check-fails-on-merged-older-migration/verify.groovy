def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def advice = '20241231120000_add_risk_level.sql is older than the current migration 20250101000006 (create market' +
    ' data) but was never applied (as when a merge brings it in after a newer migration ran), and upgrade applies' +
    ' none below the current one. Rename it to an id after 20250101000006'
assert log.contains('[WARNING] ' + advice)
assert log.contains('Nothing to upgrade: the database is at 20250101000006 (create market data).')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('quantagent:check failed: 1 pending, 0 changed or missing scripts')
assert log.contains('  - pending: ' + advice)
assert !db.column("select column_name from information_schema.columns where table_name = 'trades'").contains('risk_level')
