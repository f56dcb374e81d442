def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains("20250101000003_create_trades.sql has no '-- //@UNDO' line")
assert !log.contains('embedded development database')
assert !new File(basedir, '.quantagent').exists() : 'a bad script must fail before the development database starts'
