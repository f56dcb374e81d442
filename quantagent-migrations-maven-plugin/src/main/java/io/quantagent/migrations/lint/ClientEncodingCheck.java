package io.quantagent.migrations.lint;

import io.quantagent.migrations.engine.ClientEncoding;

/** A client encoding other than UTF8, read as the runner reads it ({@link ClientEncoding}). */
final class ClientEncodingCheck implements Check {

  @Override
  public void check(StatementContext context) {
    ClientEncoding.setTo(context.statement()).ifPresent(encoding -> context.report(Rule.CLIENT_ENCODING,
        context.statement().firstLine() + " sets the client encoding to " + encoding + ", and the runner's driver"
            + " works in UTF8 only: upgrade refuses the script before anything runs."));
  }
}
