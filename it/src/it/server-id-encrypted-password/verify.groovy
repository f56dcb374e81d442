def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
// settings.xml held the IT server's password (encrypted): it must not show, and neither must -Dquantagent.password.
def log = db.buildLog(basedir.toPath(), 'build.log', pgPassword)
// Once by upgrade and once by lint (which asked three times), never by the refused run.
assert log.count('Credentials: <server> quantagent-it of settings.xml') == 2
assert log.contains('as ' + pgUser + ' (password ****)')
assert log.contains('Upgraded 6 migrations')
assert db.changelogIds().size() == 6
assert log.contains('Credentials come from both -Dquantagent.serverId=quantagent-it and quantagent.user/quantagent.password')
assert log.contains('Caused by: org.apache.maven.plugin.MojoFailureException: ')
