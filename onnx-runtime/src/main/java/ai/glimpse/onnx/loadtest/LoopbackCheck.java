package ai.glimpse.onnx.loadtest;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Refuses load tests against hosts other than this machine's loopback interface. */
final class LoopbackCheck {
  private LoopbackCheck() {}

  /** Throws when {@code host} does not resolve only to loopback addresses. */
  static void require(String host) {
    String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    InetAddress[] addresses;
    try {
      addresses = InetAddress.getAllByName(h);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("cannot resolve host '" + host + "': " + e.getMessage(), e);
    }
    for (InetAddress a : addresses) {
      if (!a.isLoopbackAddress()) {
        throw new IllegalArgumentException("refusing to load-test '" + host + "' (" + a.getHostAddress()
            + "): only loopback hosts such as 127.0.0.1 or localhost are allowed");
      }
    }
  }
}
