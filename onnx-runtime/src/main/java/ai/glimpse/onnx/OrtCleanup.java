package ai.glimpse.onnx;

import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Releases ONNX Runtime resources after a load failed, keeping the load's error as the one reported. */
public final class OrtCleanup {
  private static final Logger LOG = LoggerFactory.getLogger(OrtCleanup.class);

  private OrtCleanup() {}

  /**
   * Closes {@code session} and {@code options}, either of which may be null; a failure to close is only
   * logged.
   *
   * @param session a session that failed to finish loading, or null if it was never created
   * @param options the session's options, or null; closed after the session
   */
  public static void closeQuietly(OrtSession session, OrtSession.SessionOptions options) {
    try {
      if (session != null) {
        session.close();
      }
    } catch (OrtException e) {
      LOG.debug("closing a half-loaded session failed", e);
    }
    if (options != null) {
      options.close();
    }
  }
}
