def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
// buildLog fails if the server's password, or any secret invoker.properties and prebuild.groovy placed, shows
def log = db.buildLog(basedir.toPath(), 'build.log', 'Url@s3cret-1', 'Url%40s3cret-1', 'Ssl-s3cret-2',
    'Env@s3cret-3', 'Env%40s3cret-3', 'Wr0ng-s3cret-4', 'Zq9vK', 's3cret-5', 'Env-s3cret-6', 'Role-s3cret-7')
// -X was on, and shows the password parameter as the expression it was given
assert log.contains("[DEBUG] Configuring mojo execution 'io.quantagent:quantagent-migrations-maven-plugin")
assert log.contains('(f) password = <password>${quantagent.password}</password>')
assert log.contains('(f) scratchUrl = <scratchUrl>${quantagent.scratchUrl}</scratchUrl>')
// 1 and 2 did their work
assert log.contains('?sslpassword=**** as ' + pgUser + ' (password ****) (from -Dquantagent.url)')
assert log.contains('Upgraded 6 migrations')
assert log.contains('Stamped')
assert log.contains('Credentials: <server> quantagent-it of settings.xml')
assert log.contains('(from DATABASE_URL in the .env file)')
assert db.changelogIds().size() == 6
// 3 and 4 failed, each as what it is: a URL to fix (BUILD FAILURE), a server that refused (BUILD ERROR)
assert log.contains("Caused by: org.apache.maven.plugin.MojoFailureException: The database URL from -Dquantagent.url" +
    " cannot be used: it has 2 '@' before the host")
assert log.contains('Caused by: org.apache.maven.plugin.MojoExecutionException: Cannot connect to')
assert log.contains('password authentication failed')
// 5 failed on the script's statement, which the log shows with its password literal masked
assert log.contains("20990101000000_create_app_role.sql, statement 1 of 1 (line 2): CREATE ROLE quantagent_it_app LOGIN" +
    " PASSWORD '****' VALID UNTIL 'not a date';")
