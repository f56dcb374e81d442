// Needs the machine's PostgreSQL 15 as the "live" server: skipped where it is not installed, but run
// (and so failed, naming it) under CI=true.
return io.quantagent.it.SystemPostgres15.selected()
