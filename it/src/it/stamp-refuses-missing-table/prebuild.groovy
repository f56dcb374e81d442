def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
io.quantagent.it.AlembicBuiltDatabase.create(db)
db.execute("drop table market_data")
