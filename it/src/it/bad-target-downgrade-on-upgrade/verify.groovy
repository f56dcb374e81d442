def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('BUILD FAILURE') || log.contains('BUILD ERROR') || log.contains('[ERROR]')
assert log.contains("upgrade cannot go to 'base'")
assert log.contains('mvn quantagent:downgrade -Dtarget=base')
assert db.tables() == []
