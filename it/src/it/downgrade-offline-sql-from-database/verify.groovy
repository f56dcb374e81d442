def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def sql = new File(basedir, 'target/downgrade.sql').text
assert sql.contains('-- 20250101000006_create_market_data.sql (undo)')
assert sql.contains('DELETE FROM changelog WHERE id = 20250101000005;')
assert !sql.contains('20250101000004_create_signals.sql')
assert db.changelogIds().size() == 6
assert log.contains('the database was not changed')
