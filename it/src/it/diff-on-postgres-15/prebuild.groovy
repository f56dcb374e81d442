io.quantagent.it.SystemPostgres15.startEditedLiveDatabase(basedir.toPath())
