// Migrated to head by the plugin's engine, then edited by hand.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrateToHead()
db.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)")
db.execute("DROP INDEX idx_timestamp")
