def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert !log.contains('Database:') : 'create without autogenerate connects to nothing'
def files = new File(basedir, 'src/main/resources/quantagent/migrations').listFiles()
assert files.length == 1 && files[0].name.endsWith('_first.sql')
