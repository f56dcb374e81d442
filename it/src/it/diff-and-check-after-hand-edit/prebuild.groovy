// Migrated to head by the plugin's engine, then edited by hand.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrateToHead()
db.execute("ALTER TABLE trades ADD COLUMN risk_level NUMERIC(10,2)")
db.execute("DROP INDEX idx_timestamp")
// A hand-made view whose definition holds a password: diff, check and the JSON document show it masked.
db.execute("CREATE VIEW risk_feed AS SELECT 'host=risk user=reader password=Risk-s3cret-9'::text AS conninfo")
