def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException: ')
assert log.contains('Cannot connect to jdbc:postgresql://127.0.0.1:1/db')
assert log.contains('refused')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
