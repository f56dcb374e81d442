def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert !log.contains('not marked as thread-safe')
assert log.count('Started PostgreSQL for this build') == 2
assert log.count('Upgraded 6 migrations') == 2
assert log.count('Stopped the embedded PostgreSQL on port') == 2
['module-a', 'module-b'].each { assert !new File(basedir, it + '/target/quantagent-postgres').exists() }
true
