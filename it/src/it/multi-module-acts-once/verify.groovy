def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
// The reactor's part of the log per project, from its "Building <project>" line to the next one.
def parts = log.split(/\[INFO\] Building /).drop(1).collectEntries { [(it.tokenize(' ')[0]): it] }
assert parts.keySet() == ['multi-module-acts-once', 'module-a', 'module-b'] as Set
assert parts['multi-module-acts-once'].contains('Upgraded 6 migrations')
assert parts['multi-module-acts-once'].contains('Current: 20250101000006 (create market data)')
['module-a', 'module-b'].each { module ->
  // The goals were invoked in each module (Maven does that) but did not act there: not even a connection.
  assert parts[module] =~ /quantagent:[^:]+:upgrade \(default-cli\) @ ${module}/
  assert !parts[module].contains('Database:') : module + ' connected to the database'
  assert !parts[module].contains('Nothing to upgrade') && !parts[module].contains('Current:')
}
assert db.changelogIds().size() == 6
