def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException: ')
assert log.contains('Cannot connect to jdbc:postgresql://no-such-host.invalid:5432/db')
assert log.contains('unknown host no-such-host.invalid')
assert log.contains('Check that PostgreSQL is running')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
