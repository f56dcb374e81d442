// A database of this case's own on the server the it module started, at its first migration.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
db.migrate('20250101000001')
