def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
def log = db.buildLog(basedir.toPath(), 'build.log')
def warning = "[WARNING] The POM's <url> holds a secret, and Maven prints it: mvn -X and mvn help:effective-pom show" +
    " the plugin's configuration with every \${...} in it expanded, \${env.*} included. Remove <url> from the POM and" +
    " give it as -Dquantagent.url, in the DATABASE_URL environment variable or in .env."
assert log.count(warning) == 1 : 'warned once in the build, not once per goal or module'
assert log.count('Current: base') == 3 : 'current ran in the root and in both modules'
assert log.contains('(from <url> in the POM)')
assert log.contains('Current: base')
