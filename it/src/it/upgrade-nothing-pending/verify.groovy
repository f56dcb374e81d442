def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Nothing to upgrade: the database is at 20250101000006 (create market data).')
assert db.changelogIds().size() == 6
