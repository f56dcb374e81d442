def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('(from -Dquantagent.url)')
assert log.contains('as ' + pgUser + ' (password ****)')
assert db.changelogIds().size() == 6
