def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Cannot upgrade to 20250101000002 (create fills): it is below the current migration')
assert log.contains('mvn quantagent:downgrade -Dtarget=20250101000002')
assert db.changelogIds().size() == 6
