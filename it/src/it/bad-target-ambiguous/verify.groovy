def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Cannot upgrade to 2025: it is the start of 6 migration ids')
assert log.contains('Give more digits')
assert db.tables() == []
