def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException: ')
assert log.contains('password authentication failed for user')
assert log.contains('Check the user and password')
assert db.tables() == []
