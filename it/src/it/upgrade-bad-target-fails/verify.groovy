def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('-Dtarget=tip is not a valid upgrade target')
assert !log.contains('embedded development database')
assert !new File(basedir, '.quantagent').exists() : 'a bad target must fail before the development database starts'
