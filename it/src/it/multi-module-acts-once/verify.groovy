def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.count('Upgraded 6 migrations') == 1
assert log.count('Current: 20250101000006 (create market data)') == 1
assert log.contains('module-b')
assert db.changelogIds().size() == 6
