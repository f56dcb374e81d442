def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert db.changelogIds() == ['20250101000001', '20250101000002']
assert db.tables() == ['changelog', 'fills', 'orders']
assert log.contains('20250101000006 (create market data) -> 20250101000002 (create fills)')
