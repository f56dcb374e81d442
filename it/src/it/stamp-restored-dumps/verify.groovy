def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def stamped = 'Stamped 20250101000006 (create market data): the schema matches; 6 migrations recorded as applied without running them'
assert log.contains('(from DATABASE_URL in the .env file)')
assert log.contains('Building the migrations\' schema on a throwaway embedded PostgreSQL 15')
assert log.contains('(from -Dquantagent.url)')
assert log.count(stamped) == 2
assert log.contains('No drift: the database\'s schema is what the migrations build up to 20250101000006 (create market data).')
assert db.column("select distinct stamp from changelog") == ['verified']
assert db.changelogIds().size() == 6
true
