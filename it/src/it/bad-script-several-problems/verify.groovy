def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('have the same id 20250101000001')
assert log.contains('create-positions.sql is not a migration script name')
assert log.contains("20250101000002_create_signals.sql does not start with a '-- // description' header")
assert log.contains("20250101000003_create_trades.sql has no '-- //@UNDO' line")
assert log.contains('20250101000004_create_market_data.sql is empty')
assert db.tables() == [] : 'a refused run creates nothing, not even the changelog'
