def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
assert db.changelogIds() == ['20250101000001', '20250101000002']
assert db.tables() == ['changelog', 'fills', 'orders']
