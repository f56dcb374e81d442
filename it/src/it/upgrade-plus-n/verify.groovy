def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Upgraded 2 migrations')
assert log.contains('20250101000002 (create fills) -> 20250101000004 (create signals)')
assert db.changelogIds() == ['20250101000001', '20250101000002', '20250101000003', '20250101000004']
assert db.tables() == ['changelog', 'fills', 'orders', 'positions', 'signals']
