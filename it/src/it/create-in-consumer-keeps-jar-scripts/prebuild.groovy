// The case's database, migrated to the schema jar's head.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrateToHead()
