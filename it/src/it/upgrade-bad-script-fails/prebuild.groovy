// No database: the goal must fail before it would need one.
