def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('-Dtarget=-0 asks for zero migrations')
assert db.tables() == []
