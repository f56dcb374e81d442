def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
// line 1 starts with the byte-order mark a Windows editor writes: accepted; line 2 is named without its text
assert log.contains(".env line 2 is not NAME=value: there is no '=' right after the name in columns 1 to 12.")
assert !log.contains('quant:')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
