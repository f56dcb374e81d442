package io.quantagent.migrations.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where a script's text is: a file of the scripts directory, or a resource of the class path (jar or folder). */
sealed interface ScriptLocation {

  /** The file's bytes, as stored ({@link ScriptText} makes them text). */
  byte[] read() throws IOException;

  /** For messages and for naming the jar a script came from. */
  URL url();

  /**
   * A file found by listing a directory. Its URL is made only when asked: making one per file (a {@code stat} and
   * two parses) was half the time of listing 10,000 scripts.
   */
  record File(Path path) implements ScriptLocation {
    @Override
    public byte[] read() throws IOException {
      return Files.readAllBytes(path);
    }

    @Override
    public URL url() {
      try {
        return path.toUri().toURL();
      } catch (MalformedURLException e) {
        throw new UncheckedIOException("Not a file URL: " + path, e);
      }
    }
  }

  record Resource(URL url) implements ScriptLocation {
    @Override
    public byte[] read() throws IOException {
      if ("file".equals(url.getProtocol())) {
        try {
          return new ScriptLocation.File(Path.of(url.toURI())).read();
        } catch (URISyntaxException e) {
          throw new IllegalStateException("Not a file URL: " + url, e);
        }
      }
      URLConnection connection = url.openConnection();
      // Maven's class realms keep jars open; a cached JarFile would be shared and closed under us.
      connection.setUseCaches(false);
      try (InputStream in = connection.getInputStream()) {
        return in.readAllBytes();
      }
    }
  }
}
