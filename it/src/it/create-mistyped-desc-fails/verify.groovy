def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('-Ddescription is no property of this plugin: did you mean -Ddesc? Nothing was run:'
    + ' quantagent:create would have run as if it were not given.')
assert !log.contains('The description is empty')
assert !new File(basedir, 'src').exists()
