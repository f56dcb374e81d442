// A database of this case's own on the server the it module started.
new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()).recreate()
