def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Cannot upgrade to 19990101000000: no migration has that id.')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert db.tables() == []
