package io.quantagent.migrations.engine;

import java.util.List;

/** What stamp recorded: the revision, the changelog rows added and removed, and whether the schema was verified. */
public record StampResult(MigrationInfo revision, List<MigrationInfo> recorded, List<MigrationInfo> removed,
    boolean verified) {}
