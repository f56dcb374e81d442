def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException: ')
assert log.contains('database "no_such_database" does not exist')
assert log.contains('Create the database first')
assert db.column("select count(*) from pg_database where datname = 'no_such_database'") == ['0'] : 'nothing creates the missing database'
