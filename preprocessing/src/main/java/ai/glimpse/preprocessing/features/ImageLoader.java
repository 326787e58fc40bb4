package ai.glimpse.preprocessing.features;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Turns PNG or JPEG images into pixel tensors {@code [3, size, size]} (channels R, G, B, values
 * in [0, 1]), resizing with bilinear interpolation when the image is not already
 * {@code size × size}. Training, evaluation and prediction all load images through this class,
 * so a model sees the same pixels everywhere.
 */
public final class ImageLoader {
  private final int size;

  /**
   * Creates a loader producing {@code [3, size, size]} tensors.
   *
   * @param size the side of the output tensors in pixels, at least 1
   * @throws IllegalArgumentException if {@code size} is less than 1
   */
  public ImageLoader(int size) {
    if (size < 1) {
      throw new IllegalArgumentException("image size must be >= 1, got " + size);
    }
    this.size = size;
  }

  /**
   * Returns the side length of the produced tensors, in pixels.
   *
   * @return the size given to the constructor
   */
  public int size() {
    return size;
  }

  /**
   * Returns the number of floats of one image tensor, {@code 3 * size * size}.
   *
   * @return {@code 3 * size * size}
   */
  public int tensorLength() {
    return 3 * size * size;
  }

  /**
   * Reads an image file and returns its pixel tensor, flat in {@code [C, H, W]} order.
   *
   * @param file a PNG or JPEG file (any format {@link ImageIO} reads)
   * @return a new array of {@link #tensorLength()} floats in [0, 1], channels R, G, B
   * @throws IOException if the file does not exist ({@link NoSuchFileException}) or cannot be
   *     decoded as an image; the message names the file
   */
  public float[] load(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new NoSuchFileException(file.toString(), null, "image file not found");
    }
    BufferedImage image;
    try {
      image = ImageIO.read(file.toFile());
    } catch (IOException e) {
      throw new IOException(file + ": cannot decode image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IOException(file + ": not a PNG or JPEG image");
    }
    return toTensor(image);
  }

  /**
   * Decodes PNG or JPEG bytes and returns the pixel tensor; {@code source} names them in errors.
   *
   * @param bytes the encoded image, e.g. a request body
   * @param source what the bytes are, for error messages (a file name, {@code "request image"})
   * @return a new array of {@link #tensorLength()} floats in [0, 1], flat {@code [3, size, size]}
   * @throws IOException if the bytes are not an image {@link ImageIO} can decode; the message
   *     starts with {@code source}
   */
  public float[] decode(byte[] bytes, String source) throws IOException {
    BufferedImage image;
    try {
      image = ImageIO.read(new ByteArrayInputStream(bytes));
    } catch (IOException e) {
      throw new IOException(source + ": cannot decode image: " + e.getMessage(), e);
    }
    if (image == null) {
      throw new IOException(source + ": not a PNG or JPEG image");
    }
    return toTensor(image);
  }

  /**
   * Converts a decoded image to a {@code [3, size, size]} tensor in [0, 1].
   *
   * @param image the image, any size and type; alpha is ignored and grey images give three equal
   *     channels
   * @return a new array of {@link #tensorLength()} floats, flat {@code [3, size, size]} (R, G, B)
   */
  public float[] toTensor(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
    float[] out = new float[tensorLength()];
    int plane = size * size;
    if (w == size && h == size) {
      for (int i = 0; i < plane; i++) {
        int p = rgb[i];
        out[i] = ((p >> 16) & 0xff) / 255f;
        out[plane + i] = ((p >> 8) & 0xff) / 255f;
        out[2 * plane + i] = (p & 0xff) / 255f;
      }
      return out;
    }
    // Bilinear sampling with pixel centres aligned (as in common resize implementations).
    double sy = (double) h / size;
    double sx = (double) w / size;
    for (int y = 0; y < size; y++) {
      double fy = Math.max(0, (y + 0.5) * sy - 0.5);
      int y0 = Math.min((int) fy, h - 1);
      int y1 = Math.min(y0 + 1, h - 1);
      double wy = fy - y0;
      for (int x = 0; x < size; x++) {
        double fx = Math.max(0, (x + 0.5) * sx - 0.5);
        int x0 = Math.min((int) fx, w - 1);
        int x1 = Math.min(x0 + 1, w - 1);
        double wx = fx - x0;
        for (int c = 0; c < 3; c++) {
          int shift = 16 - 8 * c;
          double v00 = (rgb[y0 * w + x0] >> shift) & 0xff;
          double v01 = (rgb[y0 * w + x1] >> shift) & 0xff;
          double v10 = (rgb[y1 * w + x0] >> shift) & 0xff;
          double v11 = (rgb[y1 * w + x1] >> shift) & 0xff;
          double v = (1 - wy) * ((1 - wx) * v00 + wx * v01) + wy * ((1 - wx) * v10 + wx * v11);
          out[c * plane + y * size + x] = (float) (v / 255.0);
        }
      }
    }
    return out;
  }
}
