def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('BUILD FAILURE') || log.contains('BUILD ERROR') || log.contains('[ERROR]')
assert log.contains('-Dtarget=-0 asks for zero migrations')
assert db.tables() == []
