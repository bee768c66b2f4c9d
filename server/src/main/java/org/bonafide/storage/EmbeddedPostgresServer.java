package org.bonafide.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL server run by this process on a data directory that outlives it. The first start
 * runs {@code initdb}; later starts reuse the directory as it is.
 */
final class EmbeddedPostgresServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresServer.class);

  /** Replaced when the watchdog restarts a server that died. */
  private volatile EmbeddedPostgres postgres;
  private final Path dataDirectory;
  /** The port the server listens on; a restart keeps it, so the connection pool reconnects. */
  private final int port;
  private volatile boolean closing;
  /** Held while this process serves the directory; null when another process held it at start. */
  private final FileLock owner;

  private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, FileLock owner) {
    this.postgres = postgres;
    this.dataDirectory = dataDirectory;
    this.owner = owner;
    this.port = postgres.getPort();
    watch();
  }

  /** Restart attempts after the server died, one every {@link #RESTART_PAUSE}. */
  static final int RESTART_ATTEMPTS = 10;

  static final Duration RESTART_PAUSE = Duration.ofSeconds(2);

  /** The postmaster's pid, from its pid file; -1 when unknown. */
  long serverPid() {
    return PidFile.read(dataDirectory).map(PidFile::pid).orElse(-1L);
  }

  /**
   * What a running postmaster writes in {@code postmaster.pid}: its pid (first line) and its data
   * directory (second line).
   */
  record PidFile(long pid, Path dataDirectory) {
    /** The file on {@code dir}; empty when there is none or it cannot be read. */
    static Optional<PidFile> read(Path dir) {
      try {
        List<String> lines = Files.readAllLines(dir.resolve("postmaster.pid"));
        if (lines.size() < 2) {
          return Optional.empty();
        }
        return Optional.of(
            new PidFile(Long.parseLong(lines.get(0).trim()), Path.of(lines.get(1).trim()).toAbsolutePath().normalize()));
      } catch (IOException | RuntimeException e) {
        return Optional.empty();
      }
    }
  }

  /**
   * Watches the postmaster: when it dies while the service runs (killed, out of memory), the server
   * is started again on the same folder and port, so the connection pool finds it again; requests
   * meanwhile get 503 {@code database-unavailable}. If it cannot be started again the process
   * exits (status 70), so that a supervisor restarts the whole service rather than it answering
   * 503 forever.
   */
  private void watch() {
    // the restart sleeps between attempts: on a thread of its own, not the one that saw the exit
    ProcessHandle.of(serverPid())
        .ifPresent(
            server ->
                server
                    .onExit()
                    .thenRunAsync(
                        this::serverExited,
                        task -> {
                          Thread t = new Thread(task, "embedded-postgres-watchdog");
                          t.setDaemon(true);
                          t.start();
                        }));
  }

  private void serverExited() {
    if (closing) {
      return;
    }
    log.error("The embedded PostgreSQL on {} stopped unexpectedly; starting it again on port {}", dataDirectory, port);
    for (int attempt = 1; attempt <= RESTART_ATTEMPTS && !closing; attempt++) {
      try {
        Thread.sleep(RESTART_PAUSE.toMillis());
        try {
          postgres.close(); // releases the library's lock on the folder; the stop itself fails
        } catch (IOException | RuntimeException e) {
          log.debug("closing the dead server: {}", e.toString());
        }
        postgres = builder(dataDirectory, port).start();
        log.info("The embedded PostgreSQL is running again on port {} (attempt {})", port, attempt);
        watch();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (IOException | RuntimeException e) {
        log.warn("Starting the embedded PostgreSQL again failed (attempt {}): {}", attempt, e.toString());
      }
    }
    if (!closing) {
      log.error("The embedded PostgreSQL on {} could not be started again; exiting so that a supervisor restarts the service", dataDirectory);
      System.exit(70);
    }
  }

  private static void release(FileLock lock) {
    if (lock == null) {
      return;
    }
    try {
      lock.channel().close();
    } catch (IOException e) {
      log.debug("releasing the owner lock: {}", e.toString());
    }
  }

  /**
   * PostgreSQL's buffer pool for a machine with this much memory: a quarter of it (PostgreSQL's
   * own advice for a dedicated server), at least 128 MB, at most 8 GB. The graph inserts keys
   * spread over its whole link index, so every leaf page is dirtied again and again: with a pool
   * smaller than the index (512 MB against 1.5 GB at 350,000 applications), pages were written out
   * and read back constantly (5 GB written by the background writer, disk writes at 8.7 ms each
   * saturating the disk) and records waited 100 ms and more on inserts. In the pool, a page is
   * written once per checkpoint.
   */
  static long sharedBuffersMb(long physicalBytes) {
    long quarter = physicalBytes / 4 / (1024 * 1024);
    return Math.max(128, Math.min(8192, quarter));
  }

  private static long physicalMemory() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 0; // unknown: the minimum
  }

  /**
   * Starts PostgreSQL on {@code dataDirectory}, creating it on first use.
   *
   * @param port TCP port on localhost, or 0 for a free one
   */
  static EmbeddedPostgresServer start(Path dataDirectory, int port) {
    Path dir = dataDirectory.toAbsolutePath().normalize();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot create the embedded database folder "
              + dir
              + ": "
              + e.getMessage()
              + ". Set BONAFIDE_DATA_DIR to a writable folder, or BONAFIDE_DB_URL to use an external"
              + " PostgreSQL.",
          e);
    }
    FileLock owner = lockOwner(dir);
    if (owner != null) {
      stopOrphan(dir);
    }
    try {
      EmbeddedPostgres postgres = builder(dir, port).start();
      log.info("Embedded PostgreSQL on port {} with data in {}", postgres.getPort(), dir);
      return new EmbeddedPostgresServer(postgres, dir, owner);
    } catch (IOException | RuntimeException e) {
      release(owner);
      throw new IllegalStateException(
          "The embedded PostgreSQL did not start on "
              + dir
              + ": "
              + e.getMessage()
              + ". If another Bonafide process uses this folder, stop it or set BONAFIDE_DATA_DIR"
              + " to another folder.",
          e);
    }
  }

  /** How long an orphaned server is given to shut down before the start gives up. */
  static final Duration ORPHAN_STOP_WAIT = Duration.ofSeconds(60);

  /**
   * The file beside the data directory (not in it: {@code initdb} wants an empty folder) that a
   * running Bonafide holds locked while it serves the directory: {@code postgres.owner.lock}.
   */
  static Path ownerLockFile(Path dir) {
    return dir.resolveSibling(dir.getFileName() + ".owner.lock");
  }

  /**
   * Locks {@link #ownerLockFile} for this process, or returns null when another live process holds
   * it. The operating system releases the lock when its holder dies, however it dies.
   */
  static java.nio.channels.FileLock lockOwner(Path dir) {
    try {
      java.nio.channels.FileChannel channel =
          java.nio.channels.FileChannel.open(
              ownerLockFile(dir),
              java.nio.file.StandardOpenOption.CREATE,
              java.nio.file.StandardOpenOption.WRITE);
      java.nio.channels.FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (java.nio.channels.OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
      }
      return lock;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + ownerLockFile(dir), e);
    }
  }

  /**
   * Stops a PostgreSQL left running on {@code dir} by a Bonafide process that died without stopping
   * it (kill -9, a crash): the caller holds the owner lock, so no live Bonafide serves {@code dir},
   * yet its {@code postmaster.pid} names a live postgres process on this very directory. Without
   * this every restart failed on the lock file until someone killed the server by hand. The orphan
   * gets a fast shutdown (SIGINT: sessions end, a checkpoint, a clean stop), so no data is lost.
   */
  static void stopOrphan(Path dir) {
    Optional<PidFile> file = PidFile.read(dir);
    if (file.isEmpty()) {
      return; // none, or unreadable: PostgreSQL's own start will say what is wrong
    }
    long pid = file.get().pid();
    Optional<ProcessHandle> process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    if (process.isEmpty()
        || !file.get().dataDirectory().equals(dir)
        || !process.get().info().command().orElse("").endsWith("postgres")) {
      return; // gone, another directory's, or the pid reused: PostgreSQL handles a stale file itself
    }
    log.warn("An embedded PostgreSQL (pid {}) is still running on {} from a Bonafide process that is gone; stopping it", pid, dir);
    try {
      new ProcessBuilder("kill", "-INT", Long.toString(pid)).start().waitFor();
      process.get().onExit().get(ORPHAN_STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
      log.info("The orphaned embedded PostgreSQL (pid {}) stopped", pid);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | ExecutionException | TimeoutException e) {
      log.warn("The orphaned embedded PostgreSQL (pid {}) did not stop: {}", pid, e.toString());
    }
  }

  /** The server's settings on {@code dir} and {@code port} (0: a free one). */
  private static EmbeddedPostgres.Builder builder(Path dir, int port) {
    return EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(false)
        .setPort(port)
        // The library is made for throwaway test databases: it starts the server with -F
        // (no fsync) and asynchronous commit. Here the data must survive a crash.
        .setServerConfig("fsync", "on")
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("max_connections", "50")
        // PostgreSQL's defaults (128 MB of buffers, a checkpoint every 1 GB of WAL or 5
        // minutes) fit a small shared server. At a million applications the graph's tables
        // and indexes pass 2 GB and take a write for every record: a checkpoint every few
        // minutes then rewrites whole pages into the WAL after it (full-page writes) and
        // the records around it wait. Fewer, spread checkpoints and compressed page images
        // keep the record time flat; a crash replays at most 4 GB of WAL.
        .setServerConfig("shared_buffers", sharedBuffersMb(physicalMemory()) + "MB")
        .setServerConfig("max_wal_size", "4GB")
        .setServerConfig("checkpoint_timeout", "15min")
        .setServerConfig("checkpoint_completion_target", "0.9")
        .setServerConfig("wal_compression", "on")
        // Spring closes the server after the connection pool; the library's own JVM hook
        // could stop it first, under requests still in flight.
        .setRegisterShutdownHook(false);
  }

  /** JDBC URL of the default database as the superuser (trust authentication, localhost only). */
  String jdbcUrl() {
    return postgres.getJdbcUrl("postgres", "postgres");
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  /**
   * Stops the server. A checkpoint first: the stop waits only 5 s for the shutdown checkpoint,
   * which with a large buffer pool full of dirty pages takes longer (a 10 GB graph with a 6 GB pool
   * did), and the stop is then reported as failed while the server finishes on its own.
   */
  @Override
  public void close() {
    closing = true;
    long start = System.nanoTime();
    try (java.sql.Connection connection = postgres.getPostgresDatabase().getConnection();
        java.sql.Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
      log.info("Embedded PostgreSQL checkpointed in {} ms", (System.nanoTime() - start) / 1_000_000);
    } catch (java.sql.SQLException e) {
      log.warn("Embedded PostgreSQL checkpoint before the stop failed: {}", e.getMessage());
    }
    try {
      postgres.close();
      log.info("Embedded PostgreSQL stopped");
    } catch (IOException e) {
      throw new UncheckedIOException("The embedded PostgreSQL did not stop cleanly", e);
    } finally {
      release(owner);
    }
  }
}
