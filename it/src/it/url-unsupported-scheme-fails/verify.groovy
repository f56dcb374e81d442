def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains("the scheme 'mysql' is not PostgreSQL")
assert log.contains('The database URL from the DATABASE_URL environment variable cannot be used')
assert !log.contains('hunter2')
assert log.contains('For development, remove that DATABASE_URL (the variable, and its line in .env): with no URL' +
    ' anywhere, every goal uses the embedded development database')
assert !log.contains('percent-encoded')
