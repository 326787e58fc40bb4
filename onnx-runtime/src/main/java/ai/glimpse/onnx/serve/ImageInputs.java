package ai.glimpse.onnx.serve;

import ai.glimpse.onnx.features.GridFeatureExtractor;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.ImageLoader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a request's image into the model's image tensor ({@link Predictor#imageShape()}): an
 * uploaded PNG or JPEG is decoded and resized like {@link Predictor#imageLoader()} for pixel
 * models, or run through the CNN extractor for grid models; an image id is looked up in the
 * feature store. Safe for concurrent callers: store reads and CNN runs are serialized because
 * neither the store nor the extractor is thread-safe. Closes nothing; the caller owns the
 * store and the extractor.
 */
final class ImageInputs {
  private final Predictor predictor;
  private final FeatureSource features;
  private final GridFeatureExtractor cnn;
  private final ImageLoader cnnLoader;
  private final long maxImagePixels;
  private final FeatureShape shape;

  /**
   * Checks that the store and the CNN produce what the model takes.
   *
   * @throws IllegalArgumentException when the store's shape or the CNN's grid differs from the
   *     model's input, or a CNN is given for a model that does not take grids
   * @throws IOException when the CNN cannot run its probe image
   */
  ImageInputs(Predictor predictor, FeatureSource features, GridFeatureExtractor cnn, long maxImagePixels)
      throws IOException {
    this.predictor = predictor;
    this.features = features;
    this.cnn = cnn;
    this.maxImagePixels = maxImagePixels;
    this.shape = predictor.imageShape();
    if (features != null && !features.shape().equals(shape)) {
      throw new IllegalArgumentException("the feature store holds " + features.shape() + " features but the "
          + predictor.metadata().model() + " model takes " + shape);
    }
    if (cnn != null) {
      if (shape.kind() != FeatureKind.GRID) {
        throw new IllegalArgumentException("a CNN extractor serves grid models only; the "
            + predictor.metadata().model() + " model takes " + shape);
      }
      int[] grid = cnn.gridShape();
      if (!Arrays.equals(grid, shape.dims().stream().mapToInt(Integer::intValue).toArray())) {
        throw new IllegalArgumentException("the CNN " + cnn.model() + " produces grid features "
            + Arrays.toString(grid) + " but the model takes " + shape);
      }
      this.cnnLoader = new ImageLoader(cnn.options().imageSize());
    } else {
      this.cnnLoader = null;
    }
  }

  /** Whether {@code image_id} requests can be served. */
  boolean hasFeatureStore() {
    return features != null;
  }

  /** Whether uploaded images can be served. */
  boolean acceptsImages() {
    return shape.kind() == FeatureKind.PIXELS || cnn != null;
  }

  /**
   * Decodes uploaded PNG or JPEG bytes into the model's image tensor; {@code field} names the
   * JSON field in errors.
   *
   * @throws RequestException 422 when the model cannot take uploaded images or the bytes are no
   *     PNG or JPEG image, 413 when the image has too many pixels
   */
  float[] fromImage(byte[] bytes, String field) {
    if (shape.kind() == FeatureKind.OBJECTS) {
      throw new RequestException(422, "field '" + field + "': the " + predictor.metadata().model()
          + " model takes object features " + shape.dims() + ", not images; send 'image_id' instead");
    }
    if (shape.kind() == FeatureKind.GRID && cnn == null) {
      throw new RequestException(422, "field '" + field + "': the " + predictor.metadata().model()
          + " model takes grid features " + shape.dims() + " and the server has no CNN (start it with --cnn);"
          + " send 'image_id' instead");
    }
    BufferedImage image = decode(bytes, field);
    if (shape.kind() == FeatureKind.PIXELS) {
      return predictor.imageLoader().toTensor(image);
    }
    float[] pixels = cnnLoader.toTensor(image);
    synchronized (cnn) {
      try {
        return cnn.features(pixels);
      } catch (IOException e) {
        throw new UncheckedIOException("CNN feature extraction failed: " + e.getMessage(), e);
      }
    }
  }

  private BufferedImage decode(byte[] bytes, String field) {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new RequestException(422, "field '" + field + "' is not a PNG or JPEG image ("
            + bytes.length + " bytes of unknown format)");
      }
      ImageReader reader = readers.next();
      try {
        String format = reader.getFormatName().toLowerCase(Locale.ROOT);
        if (!format.equals("png") && !format.equals("jpeg") && !format.equals("jpg")) {
          throw new RequestException(422, "field '" + field + "' is a " + format + " image; expected PNG or JPEG");
        }
        reader.setInput(in, true, true);
        long w = reader.getWidth(0);
        long h = reader.getHeight(0);
        if (w * h > maxImagePixels) {
          throw new RequestException(413, "field '" + field + "' is a " + w + " x " + h + " image ("
              + w * h + " pixels); the limit is " + maxImagePixels + " pixels");
        }
        BufferedImage image = reader.read(0);
        if (image == null || image.getWidth() < 1 || image.getHeight() < 1) {
          throw new RequestException(422, "field '" + field + "' holds an empty image");
        }
        return image;
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof RequestException re) {
        throw re;
      }
      throw new RequestException(422, "field '" + field + "' is not a decodable " + "PNG or JPEG image: "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
  }

  /**
   * Reads the tensor of image {@code imageId} from the feature store; {@code field} names the
   * JSON field in errors.
   *
   * @throws RequestException 422 when the server has no store or the store has no such image
   */
  float[] fromId(long imageId, String field) {
    if (features == null) {
      throw new RequestException(422, "field '" + field + "': the server has no feature store (start it with "
          + "--features FILE.h5); send 'image' instead");
    }
    float[] out = new float[shape.length()];
    synchronized (features) {
      int row = features.row(imageId);
      if (row < 0) {
        throw new RequestException(422, "field '" + field + "': unknown image id " + imageId
            + "; the feature store holds " + features.size() + " images");
      }
      features.readRow(row, out, 0);
    }
    return out;
  }
}
