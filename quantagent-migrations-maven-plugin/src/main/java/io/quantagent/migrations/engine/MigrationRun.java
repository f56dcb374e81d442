package io.quantagent.migrations.engine;

import java.time.Duration;

/** One migration applied or undone, and how long it took. */
public record MigrationRun(MigrationInfo migration, Duration duration) {}
