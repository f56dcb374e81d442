def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('quantagent:check failed: 2 pending, 0 changed or missing scripts')
assert log.contains('pending: 20250101000005 (create trades) (run mvn quantagent:upgrade)')
