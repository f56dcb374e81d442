def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
assert log.contains('-Dquantagent.target is no property of this plugin: did you mean -Dtarget?'
    + ' -Dtaget is no property of this plugin: did you mean -Dtarget?'
    + ' Nothing was run: quantagent:upgrade would have run as if it were not given.')
assert !log.contains('Applying ')
assert db.changelogIds() == ['20250101000001']
