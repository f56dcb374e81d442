// Needs the machine's PostgreSQL 15 as the "live" server; skipped where it is not installed.
return io.quantagent.it.SystemPostgres15.available()
