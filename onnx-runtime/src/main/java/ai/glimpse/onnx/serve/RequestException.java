package ai.glimpse.onnx.serve;

/**
 * A request the server refuses, with the HTTP status to answer and a message naming the bad
 * field or value; the server sends it as {@code {"error": message}}.
 */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;

  /** Creates a refusal with a 4xx or 5xx {@code status}. */
  public RequestException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be a 4xx or 5xx code, got " + status);
    }
    this.status = status;
  }

  /** Returns the HTTP status code. */
  public int status() {
    return status;
  }
}
