// Not a test (see invoker.properties), but its log is swept for the database password like every case's.
new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()).buildLog(basedir.toPath(), 'build.log')
true
