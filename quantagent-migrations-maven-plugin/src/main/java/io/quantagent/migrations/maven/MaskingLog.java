package io.quantagent.migrations.maven;

import io.quantagent.migrations.db.KnownSecrets;
import org.apache.maven.plugin.logging.Log;

/** Maven's log with every line, and every exception printed with one, passed through the run's secret mask. */
final class MaskingLog implements Log {
  private final Log log;
  private final KnownSecrets secrets;

  MaskingLog(Log log, KnownSecrets secrets) {
    this.log = log;
    this.secrets = secrets;
  }

  private String mask(CharSequence text) {
    return text == null ? null : secrets.mask(text.toString());
  }

  private Throwable mask(Throwable error) {
    return PrintableCause.of(error, secrets);
  }

  @Override
  public boolean isDebugEnabled() {
    return log.isDebugEnabled();
  }

  // Without -X a debug line is dropped: not masking it first spares a run of 10,000 migrations 10,000 maskings of SQL.
  @Override
  public void debug(CharSequence content) {
    if (log.isDebugEnabled()) {
      log.debug(mask(content));
    }
  }

  @Override
  public void debug(CharSequence content, Throwable error) {
    if (log.isDebugEnabled()) {
      log.debug(mask(content), mask(error));
    }
  }

  @Override
  public void debug(Throwable error) {
    if (log.isDebugEnabled()) {
      log.debug(mask(error));
    }
  }

  @Override
  public boolean isInfoEnabled() {
    return log.isInfoEnabled();
  }

  @Override
  public void info(CharSequence content) {
    log.info(mask(content));
  }

  @Override
  public void info(CharSequence content, Throwable error) {
    log.info(mask(content), mask(error));
  }

  @Override
  public void info(Throwable error) {
    log.info(mask(error));
  }

  @Override
  public boolean isWarnEnabled() {
    return log.isWarnEnabled();
  }

  @Override
  public void warn(CharSequence content) {
    log.warn(mask(content));
  }

  @Override
  public void warn(CharSequence content, Throwable error) {
    log.warn(mask(content), mask(error));
  }

  @Override
  public void warn(Throwable error) {
    log.warn(mask(error));
  }

  @Override
  public boolean isErrorEnabled() {
    return log.isErrorEnabled();
  }

  @Override
  public void error(CharSequence content) {
    log.error(mask(content));
  }

  @Override
  public void error(CharSequence content, Throwable error) {
    log.error(mask(content), mask(error));
  }

  @Override
  public void error(Throwable error) {
    log.error(mask(error));
  }
}
