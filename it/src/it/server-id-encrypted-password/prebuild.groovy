// A database of this case's own, and settings as mvn --encrypt-password would leave them.
new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()).recreate()
io.quantagent.it.EncryptedServerSettings.write(basedir.toPath(), 'quantagent-it', pgUser, pgPassword)
