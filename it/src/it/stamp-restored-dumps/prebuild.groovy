// A 15 database dumped, restored, dumped and restored again (named in .env); the first dump restored into 17 here.
io.quantagent.it.RestoredDumps.prepare(basedir.toPath(), new io.quantagent.it.ItDatabase(pgPort, pgUser, pgPassword, basedir.toPath()))
