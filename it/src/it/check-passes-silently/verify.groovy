def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.count('BUILD SUCCESS') == 2
assert !log.contains('quantagent:check failed')
