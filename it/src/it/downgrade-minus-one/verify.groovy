def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Undid 20250101000006 (create market data) in ')
assert log.contains('Downgraded 1 migration')
assert db.changelogIds().size() == 5
assert !db.tables().contains('market_data')
