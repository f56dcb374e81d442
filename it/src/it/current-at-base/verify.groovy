def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Current: base')
assert log.contains('Pending: 6 migrations')
assert db.tables() == []
assert !log.contains('The scripts directory') : 'the default folder, absent where the scripts come from the jar, is no typo'
