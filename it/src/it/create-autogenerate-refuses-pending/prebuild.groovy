// Migrated up to 20250101000005 (create trades), 000006 pending, then edited by hand.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrate('20250101000005')
db.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)")
