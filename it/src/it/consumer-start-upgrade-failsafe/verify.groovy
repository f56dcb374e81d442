def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Started PostgreSQL for this build at jdbc:postgresql://127.0.0.1:')
assert log.contains('(from the database quantagent:start started)')
assert log.contains('Upgraded 6 migrations')
assert log =~ /Tests run: 1, Failures: 0, Errors: 0, Skipped: 0/
assert log.contains('Stopped the embedded PostgreSQL on port')
// Nothing outlives the build: the throwaway data directory (and with it the server) is gone.
assert !new File(basedir, 'target/quantagent-postgres').exists()
