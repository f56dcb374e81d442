def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
['upgrade', 'downgrade', 'current', 'history', 'create', 'check', 'repair', 'dev', 'start', 'stop'].each {
  assert log.contains('quantagent:' + it)
}
true
