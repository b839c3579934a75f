package dev.tollgate.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** Writes Event Hubs Capture files (the Avro schema Capture documents) for tests. */
final class CaptureFiles {
  /** The EventData schema Event Hubs Capture documents for its Avro files. */
  static final Schema CAPTURE =
      new Schema.Parser()
          .parse(
              """
              {"type":"record","name":"EventData","namespace":"Microsoft.ServiceBus.Messaging",
               "fields":[
                {"name":"SequenceNumber","type":"long"},
                {"name":"Offset","type":"string"},
                {"name":"EnqueuedTimeUtc","type":"string"},
                {"name":"SystemProperties","type":{"type":"map","values":["long","double","string","bytes"]}},
                {"name":"Properties","type":{"type":"map","values":["long","double","string","bytes","null"]}},
                {"name":"Body","type":["null","bytes"]}]}
              """);

  private CaptureFiles() {}

  /**
   * One record per body, sequence numbers from {@code firstSeq}. With {@code oneBlockEach}, Avro's
   * smallest sync interval puts every record in a block of its own, so a cut or a broken block
   * loses a known set of records.
   */
  static Path write(Path file, List<byte[]> bodies, long firstSeq, boolean oneBlockEach)
      throws IOException {
    Files.createDirectories(file.getParent());
    try (DataFileWriter<GenericRecord> w =
        new DataFileWriter<>(new GenericDatumWriter<>(CAPTURE))) {
      if (oneBlockEach) {
        w.setSyncInterval(32);
      }
      w.create(CAPTURE, file.toFile());
      long seq = firstSeq;
      for (byte[] body : bodies) {
        GenericRecord r = new GenericData.Record(CAPTURE);
        r.put("SequenceNumber", seq);
        r.put("Offset", String.valueOf(seq * 1000));
        r.put("EnqueuedTimeUtc", "11/20/2026 9:00:05 AM");
        r.put("SystemProperties", Map.of());
        r.put("Properties", Map.of());
        r.put("Body", ByteBuffer.wrap(body));
        w.append(r);
        seq++;
      }
    }
    return file;
  }

  /** Where each block of an intact file ends (its sync marker included), in order. */
  static List<Long> blockEnds(Path file) throws IOException {
    List<Long> ends = new ArrayList<>();
    try (DataFileReader<GenericRecord> r =
        new DataFileReader<>(file.toFile(), new GenericDatumReader<>())) {
      long last = r.previousSync();
      while (r.hasNext()) {
        r.next();
        if (r.previousSync() != last) {
          last = r.previousSync();
          ends.add(last);
        }
      }
    }
    return ends;
  }
}
