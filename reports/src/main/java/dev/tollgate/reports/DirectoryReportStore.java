package dev.tollgate.reports;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes report files under a folder, keeping their relative names; each file is written to a
 * temporary file first and moved into place, so a reader never sees half a report.
 */
public final class DirectoryReportStore implements ReportStore {
  private final Path root;

  public DirectoryReportStore(Path root) {
    this.root = root;
  }

  @Override
  public String write(ReportFile file) throws IOException {
    Path target = root.resolve(file.name()).normalize();
    if (!target.startsWith(root.normalize())) {
      throw new IOException("report file name escapes the output folder: " + file.name());
    }
    Path parent = target.getParent();
    Path dir = parent == null ? root : parent;
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".tollgate-", ".tmp");
    try {
      Files.write(tmp, file.bytes());
      try {
        Files.move(
            tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
    return target.toString();
  }
}
