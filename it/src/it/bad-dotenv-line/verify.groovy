def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('BUILD FAILURE') || log.contains('BUILD ERROR') || log.contains('[ERROR]')
assert log.contains('.env line 2 is not KEY=value')
assert log.contains('postgresql://quant:****@localhost/db')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
