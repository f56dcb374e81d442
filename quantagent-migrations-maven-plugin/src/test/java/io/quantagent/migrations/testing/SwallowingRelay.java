package io.quantagent.migrations.testing;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A TCP relay in front of a test server that loses a connection the way a network, a proxy or a killed server does,
 * without a word from the server, after the server did the work: once a session's server says {@code NOTICE:
 * <marker>} (a script's {@code RAISE NOTICE}), the client hears nothing more; the server runs the rest of the round
 * trip, commits included, and when it is ready for the next query the relay drops both ends. The client then knows
 * only the answers it got before the notice. Other sessions pass through untouched. It reads the protocol's
 * messages, so its URL turns off SSL and GSS encryption. Like PgBouncer, whose server connection broke, it may say
 * its own last word first: {@code FATAL: server conn crashed?}, SQLSTATE 08P01, the proxy's, not the server's.
 */
public final class SwallowingRelay implements AutoCloseable {
  private static final byte NOTICE = 'N';
  private static final byte READY_FOR_QUERY = 'Z';
  private static final byte ERROR = 'E';

  private final int serverPort;
  private final byte[] marker;
  private final ServerSocket listener;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final CountDownLatch dropped = new CountDownLatch(1);
  private final boolean likePgBouncer;

  /** @param likePgBouncer whether it tells the client that the server connection crashed, as PgBouncer does */
  public SwallowingRelay(TestServer server, String marker, boolean likePgBouncer) throws IOException {
    this.serverPort = server.port();
    this.marker = marker.getBytes(StandardCharsets.UTF_8);
    this.likePgBouncer = likePgBouncer;
    this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    ThreadPerTask.EXECUTOR.execute(this::acceptAll);
  }

  /** A URL of {@code database} through the relay, for {@code DatabaseUrl.parse}. */
  public String jdbcUrl(String database) {
    return "jdbc:postgresql://127.0.0.1:" + listener.getLocalPort() + "/" + database
        + "?sslmode=disable&gssEncMode=disable";
  }

  /** Whether a session met the marker and was dropped once its server was ready again; waits a minute at most. */
  public boolean awaitDropped() throws InterruptedException {
    return dropped.await(1, TimeUnit.MINUTES);
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket socket : open) {
      socket.close();
    }
  }

  private void acceptAll() {
    while (!listener.isClosed()) {
      try {
        Socket client = track(listener.accept());
        Socket server = track(new Socket(InetAddress.getLoopbackAddress(), serverPort));
        ThreadPerTask.EXECUTOR.execute(() -> copy(client, server));
        ThreadPerTask.EXECUTOR.execute(() -> answers(server, client));
      } catch (IOException closed) {
        return;
      }
    }
  }

  private Socket track(Socket socket) {
    open.add(socket);
    return socket;
  }

  /** The client's messages, as they come. */
  private void copy(Socket client, Socket server) {
    try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException ended) {
      // one end closed: the other follows
    } finally {
      closeBoth(client, server);
    }
  }

  /** The server's messages, one by one, until the marker: from there on, none, and the end of the connection. */
  private void answers(Socket server, Socket client) {
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(server.getInputStream()));
        OutputStream out = client.getOutputStream()) {
      boolean swallowing = false;
      while (true) {
        byte type = in.readByte();
        int length = in.readInt();
        byte[] body = in.readNBytes(length - 4);
        swallowing |= type == NOTICE && contains(body, marker);
        if (!swallowing) {
          out.write(type);
          out.write(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
          out.write(body);
          out.flush();
        } else if (type == READY_FOR_QUERY) {
          if (likePgBouncer) {
            byte[] fields = "SFATAL\0C08P01\0Mserver conn crashed?\0\0".getBytes(StandardCharsets.US_ASCII);
            out.write(ERROR);
            out.write(new byte[] {0, 0, 0, (byte) (4 + fields.length)});
            out.write(fields);
            out.flush();
          }
          closeBoth(client, server);
          dropped.countDown();
          return;
        }
      }
    } catch (IOException ended) {
      // one end closed: the other follows
    } finally {
      closeBoth(client, server);
    }
  }

  private void closeBoth(Socket a, Socket b) {
    for (Socket socket : new Socket[] {a, b}) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // already gone
      }
      open.remove(socket);
    }
  }

  private static boolean contains(byte[] text, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= text.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (text[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }
}
