def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def sql = new File(basedir, 'target/downgrade.sql').text
assert sql.contains('-- 20250101000006_create_market_data.sql (undo)')
assert sql.contains('DELETE FROM changelog WHERE id = 20250101000005;')
assert !sql.contains('20250101000004_create_signals.sql')
assert db.changelogIds().size() == 6
assert log.contains('the database was not changed')
// The file is the real thing: run it, and the database is two migrations down, its changelog rows and tables gone.
db.execute(sql)
assert db.changelogIds() == ['20250101000001', '20250101000002', '20250101000003', '20250101000004']
assert !db.tables().contains('market_data') && !db.tables().contains('trades')
assert db.tables().contains('signals')
