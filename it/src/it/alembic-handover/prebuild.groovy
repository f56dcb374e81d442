// The six tables and their indexes made outside the plugin, plus alembic_version, as Alembic left them.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
io.quantagent.it.AlembicBuiltDatabase.create(db)
