def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('20250101000001_create_orders.sql was edited after it was applied')
assert log.contains('mvn quantagent:repair')
assert db.tables() == ['changelog', 'orders']
assert db.changelogIds() == ['20250101000001']
