def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
// settings.xml held the IT server's password (encrypted): it must not show, and neither must -Dquantagent.password.
def log = db.buildLog(basedir.toPath(), 'build.log', pgPassword)
assert log.contains('Credentials: <server> quantagent-it of settings.xml')
assert log.contains('as ' + pgUser + ' (password ****)')
assert log.contains('Upgraded 6 migrations')
assert db.changelogIds().size() == 6
assert log.contains('Credentials come from both -Dquantagent.serverId=quantagent-it and quantagent.user/quantagent.password')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
