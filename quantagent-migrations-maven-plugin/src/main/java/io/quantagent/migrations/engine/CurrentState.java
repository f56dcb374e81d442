package io.quantagent.migrations.engine;

import java.util.Optional;

/** Where the database stands: the last applied migration (empty at base) and how many are pending. */
public record CurrentState(Optional<MigrationInfo> current, int applied, int pending) {}
