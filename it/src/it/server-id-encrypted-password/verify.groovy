def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Credentials: <server> quantagent-it of settings.xml')
assert log.contains('as ' + pgUser + ' (password ****)')
assert log.contains('Upgraded 6 migrations')
assert db.changelogIds().size() == 6
