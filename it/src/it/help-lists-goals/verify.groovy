def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert !log.contains('[INFO]') // -q was in effect
assert log.contains('This plugin has 15 goals:')
['check', 'create', 'current', 'dev', 'diff', 'downgrade', 'help', 'history', 'lint', 'repair', 'setup', 'stamp', 'start', 'stop', 'upgrade'].each {
  assert log.contains('\nquantagent:' + it + '\n')
}
assert log.contains('    target (Default: head)\n')
assert log.contains('      User property: quantagent.password\n')
