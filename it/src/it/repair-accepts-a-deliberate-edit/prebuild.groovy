// Five of six applied; the first as if its script had been edited since (another checksum); a column added by hand.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrate('+5')
db.execute("update changelog set checksum = '" + '0' * 64 + "' where id = 20250101000001")
db.execute("alter table trades add column risk_level numeric(10,2)")
