package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.UrlMasker;
import io.quantagent.migrations.events.EventLog;
import org.apache.maven.plugin.logging.Log;

/** The engine's events on Maven's log; every line passes the URL masker on its way out. */
final class MavenEventLog implements EventLog {
  private final Log log;

  MavenEventLog(Log log) {
    this.log = log;
  }

  @Override
  public void info(String message) {
    log.info(UrlMasker.mask(message));
  }

  @Override
  public void warn(String message) {
    log.warn(UrlMasker.mask(message));
  }

  @Override
  public void debug(String message) {
    if (log.isDebugEnabled()) {
      log.debug(UrlMasker.mask(message));
    }
  }
}
