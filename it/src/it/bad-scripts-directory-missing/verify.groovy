def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('No migration scripts: the scripts directory')
assert log.contains('no-such-folder does not exist')
assert log.contains('add the schema jar')
assert db.tables() == []
