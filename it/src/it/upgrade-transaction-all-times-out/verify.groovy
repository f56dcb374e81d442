def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Migration 20250101000003 (backfill orders) failed in 20250101000003_backfill_orders.sql')
assert log.contains('canceling statement due to statement timeout')
assert log.contains('It ran longer than -Dquantagent.statementTimeout (1 s) allows any statement of the run')
assert log.contains('It shared its transaction (-Dquantagent.transaction=all) with the 2 migrations before it in this' +
    ' run, rolled back with it: nothing of the run is applied.')
assert db.tables() == [] : 'nothing of the run is applied, not even the changelog'
