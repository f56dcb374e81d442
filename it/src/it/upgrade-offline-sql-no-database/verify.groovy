def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('(no database needed)')
assert log.contains('target/upgrade.sql; the database was not changed.')
def sql = new File(basedir, 'target/upgrade.sql').text
assert sql.startsWith('-- QuantAgent Migrations: upgrade from base to 20250101000006 (create market data)')
assert sql.count('BEGIN;') == 6 && sql.count('COMMIT;') == 6
assert sql.contains("INSERT INTO changelog (id, applied_at, description, checksum) VALUES (20250101000001, to_char(now(), 'YYYY-MM-DD HH24:MI:SS'), 'create orders', '")
assert db.tables() == []
// The file is the real thing: run it, and the database is at head with checksums that upgrade accepts.
db.execute(sql)
assert db.changelogIds().size() == 6
assert db.tables().contains('market_data')
// The engine's own upgrade validates every applied script's checksum first: a checksum the file wrote that the engine
// would not have fails here ("applied migrations changed since they ran"), as it would fail every later upgrade.
db.migrate('head')
assert db.changelogIds().size() == 6
