def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('(from DATABASE_URL in the .env file)')
assert log.contains('Building the migrations\' schema on a throwaway embedded PostgreSQL 15 (the live server\'s major version)')
assert log.contains('trades.risk_level: column in the database, not in the migrations (numeric(10,2))')
assert log.contains('idx_timestamp: index in the migrations, not in the database')
true
