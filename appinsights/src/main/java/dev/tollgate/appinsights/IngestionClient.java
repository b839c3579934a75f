package dev.tollgate.appinsights;

import java.io.IOException;

/** Sends one batch of envelopes to the track API. The edge behind which HTTP lives. */
public interface IngestionClient {
  /**
   * @param body the envelopes, newline-delimited JSON, gzip-compressed
   * @throws IOException when no answer came (connection dropped, time-out)
   */
  TrackResponse send(byte[] body) throws IOException;
}
