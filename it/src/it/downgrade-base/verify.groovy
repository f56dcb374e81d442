def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Downgraded 6 migrations')
assert log.contains('-> base.')
assert db.changelogIds() == []
assert db.tables() == ['changelog']
