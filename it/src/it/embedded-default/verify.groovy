def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('embedded development database')
assert log.contains('Upgraded 6 migrations')
assert log =~ /20250101000006\s+\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+ok\s+create market data  <- current/
assert new File(basedir, '.quantagent/pgdata/PG_VERSION').isFile()
assert !new File(basedir, '.quantagent/pgdata/postmaster.pid').exists() : 'the embedded server must be stopped after each goal'
