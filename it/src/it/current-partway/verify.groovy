def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Current: 20250101000002 (create fills)')
assert log.contains('Pending: 4 migrations')
