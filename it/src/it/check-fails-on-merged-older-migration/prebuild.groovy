// A database of this case's own, at head: the schema jar's migrations ran before the branch was merged.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrateToHead()
