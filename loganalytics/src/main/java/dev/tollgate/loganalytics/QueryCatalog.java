package dev.tollgate.loganalytics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The KQL files of the top-level {@code queries/} folder, read from the classpath where this
 * module's build packages them (under {@code queries/}): the code runs the single source, never a
 * copy.
 */
public final class QueryCatalog {
  /** The classpath folder holding the {@code .kql} files. */
  public static final String ROOT = "queries/";

  private final ClassLoader loader;

  private QueryCatalog(ClassLoader loader) {
    this.loader = loader;
  }

  /** The catalog packaged with this module. */
  public static QueryCatalog classpath() {
    return new QueryCatalog(QueryCatalog.class.getClassLoader());
  }

  /** The catalog on another class loader's classpath (tests). */
  public static QueryCatalog classpath(ClassLoader loader) {
    return new QueryCatalog(Objects.requireNonNull(loader, "loader"));
  }

  /**
   * One query by file name ({@code .kql} may be left out).
   *
   * @throws IllegalArgumentException naming the known queries when there is no such file, or when
   *     the file's header or parameters are malformed
   */
  public KqlQuery get(String name) {
    String file = name.strip();
    if (!file.endsWith(".kql")) {
      file = file + ".kql";
    }
    if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
      throw new IllegalArgumentException("query names are plain file names: '" + name + "'");
    }
    try (InputStream in = loader.getResourceAsStream(ROOT + file)) {
      if (in == null) {
        throw new IllegalArgumentException(
            "no query '" + file + "' in " + ROOT + " (known: " + String.join(", ", names()) + ")");
      }
      return KqlQuery.parse(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + ROOT + file, e);
    }
  }

  /** Every query file name, sorted. */
  public List<String> names() {
    URL url = loader.getResource(ROOT);
    if (url == null) {
      return List.of();
    }
    TreeSet<String> names = new TreeSet<>();
    try {
      if ("file".equals(url.getProtocol())) {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".kql"))
              .forEach(names::add);
        }
      } else if ("jar".equals(url.getProtocol())) {
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = ((JarURLConnection) connection).getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(ROOT)
                && entry.endsWith(".kql")
                && entry.indexOf('/', ROOT.length()) < 0) {
              names.add(entry.substring(ROOT.length()));
            }
          }
        }
      } else {
        throw new IllegalStateException("cannot list " + url);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + url, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot list " + url, e);
    }
    return List.copyOf(names);
  }

  /** Every query, parsed. */
  public List<KqlQuery> all() {
    List<KqlQuery> all = new ArrayList<>();
    for (String n : names()) {
      all.add(get(n));
    }
    return all;
  }
}
