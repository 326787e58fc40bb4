package ai.glimpse.onnx.serve;

/**
 * A request the server refuses, with the HTTP status to answer and a message naming the bad
 * field or value; the server sends it as {@code {"error": message}}.
 */
public final class RequestException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  /** The HTTP status code to answer with, in [400, 599]. */
  private final int status;

  /**
   * Creates a refusal with a 4xx or 5xx {@code status}.
   *
   * @param status the HTTP status code to answer with, in [400, 599]
   * @param message the text sent to the client as {@code {"error": message}}; names the bad field or value
   * @throws IllegalArgumentException if {@code status} is outside [400, 599]
   */
  public RequestException(int status, String message) {
    super(message);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("status must be a 4xx or 5xx code, got " + status);
    }
    this.status = status;
  }

  /**
   * Returns the HTTP status code.
   *
   * @return the status given at construction, in [400, 599]
   */
  public int status() {
    return status;
  }
}
