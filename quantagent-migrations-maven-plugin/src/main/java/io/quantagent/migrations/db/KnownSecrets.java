package io.quantagent.migrations.db;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets one run knows (the passwords it resolved), masked wherever they appear as a whole word, on top of
 * {@link UrlMasker}'s patterns: the net under every log line and failure message, for text that names a secret
 * in a form no pattern foresaw. A secret shorter than four characters is not looked for as a word, or every
 * "1" of a log would turn into a mask; the patterns still hide it where it sits in a URL.
 */
public final class KnownSecrets {
  private static final int SHORTEST = 4;

  private final Set<String> secrets = ConcurrentHashMap.newKeySet();

  public void add(String secret) {
    if (secret != null && secret.length() >= SHORTEST) {
      secrets.add(secret);
      secrets.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
    }
  }

  /** The text with every URL password, secret parameter and known secret replaced by {@link UrlMasker#MASK}. */
  public String mask(String text) {
    String masked = UrlMasker.mask(text);
    if (masked == null) {
      return null;
    }
    for (String secret : secrets) {
      if (masked.contains(secret)) {
        masked = Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(secret) + "(?![A-Za-z0-9])").matcher(masked)
            .replaceAll(Matcher.quoteReplacement(UrlMasker.MASK));
      }
    }
    return masked;
  }
}
