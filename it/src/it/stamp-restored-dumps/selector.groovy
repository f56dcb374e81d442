// Needs the machine's PostgreSQL 15 (its pg_dump and psql, and a 15 server); skipped where it is not installed.
return io.quantagent.it.SystemPostgres15.available()
