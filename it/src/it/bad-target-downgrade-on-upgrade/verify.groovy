def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains("upgrade cannot go to 'base'")
assert log.contains('mvn quantagent:downgrade -Dtarget=base')
assert db.tables() == []
