def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log =~ /quantagent:[^:]+:upgrade \(default\) @ trading-service-external-db/
assert log.contains('(from the DATABASE_URL environment variable)')
assert log.contains('Upgraded 6 migrations')
assert log.contains('Skipping: skipITs is set and this execution is bound to the build.')
assert log.contains('Skipping: maven.test.skip is set and this execution is bound to the build.')
assert db.changelogIds().size() == 6
