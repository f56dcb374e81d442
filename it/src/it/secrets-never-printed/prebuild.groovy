// A database of this case's own; .env with a URL password and another secret; a settings.xml server with the
// real password, encrypted as mvn --encrypt-password does.
def db = new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath())
db.recreate()
new File(basedir, '.env').text = "DATABASE_URL=postgresql://${pgUser}:Env%40s3cret-3@127.0.0.1:${pgPort}/secrets_never_printed\n" +
    "PGPASSWORD=Env-s3cret-6\n"
io.quantagent.it.EncryptedServerSettings.write(basedir.toPath(), 'quantagent-it', pgUser, pgPassword)
