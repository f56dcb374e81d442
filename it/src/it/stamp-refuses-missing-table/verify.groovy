def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('Not stamped: the database\'s schema differs from what the migrations build up to 20250101000006 (create market data)')
assert log.contains('market_data: table in the migrations, not in the database')
assert db.changelogIds() == []
assert db.column("select to_regclass('changelog')") == [null]
