def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log', 'hunter2')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains("The database URL from the DATABASE_URL environment variable cannot be used: 'local host' is not a host[:port].")
assert log.contains("The database URL from -Dquantagent.url cannot be used: the host part (characters 14 to 26) is" +
    " not a host[:port]: what follows its ':' is no port (0 to 65535), so it may be user:password cut short before" +
    " its '@' (a shell ends an unquoted value at &, ; or a space")
assert log.contains("The database URL from -Dquantagent.url cannot be used: it is a libpq keyword/value string" +
    " (keys dbname, host, password, user), which psql reads and this plugin does not. Write it as a URL:" +
    " postgresql://quant:<password>@127.0.0.1:5432/trading, the password percent-encoded")
assert !log.contains('quant:h')
assert !new File(basedir, '.quantagent').exists() : 'a bad URL must not fall back to the embedded database'
