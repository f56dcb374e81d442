def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains("The database URL from the DATABASE_URL environment variable cannot be used: 'local host' is not a host[:port].")
assert !log.contains('quant:')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
