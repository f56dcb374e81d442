def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Scripts: directory ' + new File(basedir, 'migrations') + '\n')
assert db.tables() == ['changelog', 'from_property'] // not the schema module's orders, fills, ...
