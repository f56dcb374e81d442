def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('BUILD FAILURE')
assert log.contains('20250101000002_index_orders_symbol.sql line 4: CREATE INDEX CONCURRENTLY idx_orders_symbol ON orders (symbol); cannot run inside a transaction')
assert log.contains("Put the line '-- quantagent:no-transaction' in the script")
assert db.tables() == [], 'nothing ran, not even the first migration'
