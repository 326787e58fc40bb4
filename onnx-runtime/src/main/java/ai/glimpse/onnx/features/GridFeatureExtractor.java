package ai.glimpse.onnx.features;

import ai.glimpse.onnx.OrtCleanup;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.preprocessing.io.Hdf5StreamWriter;
import ai.glimpse.preprocessing.io.Hdf5Type;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import ai.onnxruntime.ValueInfo;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Extracts grid image features with a CNN in ONNX Runtime (CPU), the Java counterpart of the VQA
 * seeds' feature extraction scripts. Images are resized to a square ({@link ImageLoader}),
 * normalized per channel ({@code (x - mean[c]) / std[c]}) and run in batches through the model's
 * single float input {@code [batch, 3, H, W]}; the chosen output must be a feature map
 * {@code [batch, C, h, w]}. The features are streamed into an HDF5 file with datasets
 * {@code image_ids} (int64 {@code [N]}, ascending) and {@code features} (float16 or float32
 * {@code [N, C, h, w]}), the layout {@link ai.glimpse.preprocessing.features.GridFeatureStore}
 * reads; the file appears under its name only once complete.
 *
 * <p>An extractor owns its ONNX Runtime session and closes it in {@link #close()}; it is not
 * thread-safe.
 */
public final class GridFeatureExtractor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(GridFeatureExtractor.class);
  /** The ids dataset of the written file. */
  public static final String IDS_DATASET = "image_ids";
  /** The features dataset of the written file. */
  public static final String FEATURES_DATASET = "features";

  private final Path model;
  private final FeatureExtractionOptions options;
  private final OrtEnvironment env;
  private final OrtSession.SessionOptions sessionOptions;
  private final OrtSession session;
  private final String inputName;
  private final String outputName;
  private final int batchSize;
  private final boolean fixedBatch;
  private final ImageLoader loader;
  private final FloatBuffer pixels;
  private final float[] mean;
  private final float[] std;

  /** One batch's output: {@code rows} images of {@code [channels, height, width]} features. */
  private record BatchFeatures(float[] values, int rows, int channels, int height, int width) {
    int rowLength() {
      return channels * height * width;
    }
  }

  private GridFeatureExtractor(Path model, FeatureExtractionOptions options, OrtEnvironment env,
      OrtSession.SessionOptions sessionOptions, OrtSession session, String inputName, String outputName,
      int batchSize, boolean fixedBatch) {
    this.model = model;
    this.options = options;
    this.env = env;
    this.sessionOptions = sessionOptions;
    this.session = session;
    this.inputName = inputName;
    this.outputName = outputName;
    this.batchSize = batchSize;
    this.fixedBatch = fixedBatch;
    this.loader = new ImageLoader(options.imageSize());
    this.pixels = ByteBuffer.allocateDirect(4 * batchSize * loader.tensorLength())
        .order(ByteOrder.nativeOrder()).asFloatBuffer();
    this.mean = options.mean();
    this.std = options.std();
  }

  /**
   * Loads a CNN. A missing file, a file ONNX Runtime cannot load, or a model whose inputs and
   * outputs do not fit ({@code [batch, 3, H, W]} in, rank-4 float features out) is refused with
   * an {@link IOException} naming the model and what was expected. A model input with a fixed batch
   * dimension overrides {@link FeatureExtractionOptions#batchSize()}.
   *
   * @param model the CNN's {@code .onnx} file
   * @param options the image size, normalization, output and storage settings; not null
   * @return a ready extractor; the caller closes it
   * @throws IOException if the file is missing ({@link NoSuchFileException}), cannot be loaded by ONNX
   *     Runtime, has not exactly one float input {@code [batch, 3, H, W]} matching the image size, or
   *     lacks a float rank-4 output of the requested name; the message names the model
   */
  public static GridFeatureExtractor load(Path model, FeatureExtractionOptions options) throws IOException {
    Objects.requireNonNull(options, "options");
    if (!Files.isRegularFile(model)) {
      throw new NoSuchFileException(model.toString(), null, "CNN model file not found");
    }
    OrtEnvironment env = OrtEnvironment.getEnvironment();
    OrtSession.SessionOptions so = new OrtSession.SessionOptions();
    OrtSession session = null;
    try {
      session = env.createSession(model.toString(), so);
      String input = checkInput(session, model, options.imageSize());
      long batchDim = ((TensorInfo) session.getInputInfo().get(input).getInfo()).getShape()[0];
      boolean fixedBatch = batchDim > 0;
      int batch = fixedBatch ? Math.toIntExact(batchDim) : options.batchSize();
      String output = checkOutput(session, model, options.outputName());
      GridFeatureExtractor x = new GridFeatureExtractor(model, options, env, so, session, input, output,
          batch, fixedBatch);
      LOG.info("loaded CNN {}: input '{}', output '{}', {} px images, batches of {}{}", model, input, output,
          options.imageSize(), batch, fixedBatch ? " (fixed by the model)" : "");
      return x;
    } catch (OrtException e) {
      OrtCleanup.closeQuietly(session, so);
      throw new IOException(model + ": not a loadable ONNX model: " + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      OrtCleanup.closeQuietly(session, so);
      throw e;
    }
  }

  private static String checkInput(OrtSession session, Path model, int imageSize) throws OrtException, IOException {
    Map<String, NodeInfo> inputs = session.getInputInfo();
    if (inputs.size() != 1) {
      throw new IOException(model + ": expected a CNN with one image input [batch, 3, H, W], found "
          + inputs.size() + " inputs " + describe(inputs));
    }
    NodeInfo input = inputs.values().iterator().next();
    ValueInfo info = input.getInfo();
    if (!(info instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT || t.getShape().length != 4) {
      throw new IOException(model + ": input '" + input.getName() + "' is " + describe(info)
          + "; expected float images [batch, 3, H, W]");
    }
    long[] shape = t.getShape();
    if (shape[1] > 0 && shape[1] != 3) {
      throw new IOException(model + ": input '" + input.getName() + "' has shape " + Arrays.toString(shape)
          + "; expected 3 (RGB) channels [batch, 3, H, W]");
    }
    if ((shape[2] > 0 && shape[2] != imageSize) || (shape[3] > 0 && shape[3] != imageSize)) {
      throw new IOException(model + ": input '" + input.getName() + "' expects images of shape "
          + Arrays.toString(shape) + " but the image size is " + imageSize + " px; use an image size of "
          + (shape[2] > 0 ? shape[2] : shape[3]));
    }
    return input.getName();
  }

  private static String checkOutput(OrtSession session, Path model, String requested)
      throws OrtException, IOException {
    Map<String, NodeInfo> outputs = session.getOutputInfo();
    String name = requested != null ? requested : session.getOutputNames().iterator().next();
    NodeInfo output = outputs.get(name);
    if (output == null) {
      throw new IOException(model + ": no output '" + name + "'; found " + describe(outputs));
    }
    ValueInfo info = output.getInfo();
    // A rank of 0 means ONNX Runtime does not know the shape statically; the first batch checks it.
    if (!(info instanceof TensorInfo t) || t.type != OnnxJavaType.FLOAT
        || (t.getShape().length != 0 && t.getShape().length != 4)) {
      throw new IOException(model + ": output '" + name + "' is " + describe(info)
          + "; expected float grid features [batch, C, h, w] (outputs: " + describe(outputs) + ")");
    }
    return name;
  }

  private static String describe(Map<String, NodeInfo> nodes) {
    List<String> parts = new ArrayList<>();
    nodes.forEach((name, node) -> parts.add("'" + name + "' " + describe(node.getInfo())));
    return parts.toString();
  }

  private static String describe(ValueInfo info) {
    if (info instanceof TensorInfo t) {
      return t.type.toString().toLowerCase(Locale.ROOT) + " " + Arrays.toString(t.getShape());
    }
    return info.getClass().getSimpleName().replace("Info", "").toLowerCase(Locale.ROOT);
  }

  /**
   * Returns the model file.
   *
   * @return the path the CNN was loaded from
   */
  public Path model() {
    return model;
  }

  /**
   * Returns the options in use.
   *
   * @return the options given to {@link #load(Path, FeatureExtractionOptions)} (see {@link #batchSize()}
   *     for the effective batch size)
   */
  public FeatureExtractionOptions options() {
    return options;
  }

  /**
   * Returns the name of the model input the images go to.
   *
   * @return the name of the CNN's only input
   */
  public String inputName() {
    return inputName;
  }

  /**
   * Returns the name of the model output the features come from.
   *
   * @return the requested output, or the model's first output when none was requested
   */
  public String outputName() {
    return outputName;
  }

  /**
   * Returns the number of images per run: the options' batch size, or the model's fixed one.
   *
   * @return the effective batch size, at least 1
   */
  public int batchSize() {
    return batchSize;
  }

  /**
   * Extracts the features of every image under {@code imageDir} ({@link ImageDirectory}) into
   * {@code out}, reporting progress to {@code progress}. An image that cannot be decoded fails
   * the extraction with an {@link IOException} naming it, and {@code out} is left untouched.
   *
   * @param imageDir the directory scanned recursively for PNG and JPEG files named with an image id
   * @param out the HDF5 file to write; replaced atomically once complete
   * @param progress receives the number of images done after each batch; not null
   *     ({@link ExtractionProgress#NONE} to ignore)
   * @return the file written and the feature shape {@code [N, C, h, w]}
   * @throws IOException if the directory cannot be scanned or holds no images with ids, an image cannot
   *     be decoded, ONNX Runtime fails or the output changes shape, or {@code out} cannot be written
   */
  public ExtractedFeatures extract(Path imageDir, Path out, ExtractionProgress progress) throws IOException {
    List<ImageDirectory.Image> images = ImageDirectory.scan(imageDir);
    if (images.isEmpty()) {
      throw new IOException(imageDir + ": no PNG or JPEG images whose names end with an image id");
    }
    return extract(images, out, progress);
  }

  /**
   * Extracts the features of {@code images}, in this order (ids must be distinct), into
   * {@code out}; see {@link #extract(Path, Path, ExtractionProgress)}.
   *
   * @param images the images to process, in the order their features are written; not empty
   * @param out the HDF5 file to write; replaced atomically once complete
   * @param progress receives the number of images done after each batch; not null
   * @return the file written and the feature shape {@code [N, C, h, w]}
   * @throws IOException if an image cannot be decoded, ONNX Runtime fails or the output changes
   *     shape, or {@code out} cannot be written; {@code out} is then left untouched
   * @throws IllegalArgumentException if {@code images} is empty or holds an id twice
   */
  public ExtractedFeatures extract(List<ImageDirectory.Image> images, Path out, ExtractionProgress progress)
      throws IOException {
    Objects.requireNonNull(progress, "progress");
    if (images.isEmpty()) {
      throw new IllegalArgumentException("no images to extract features from");
    }
    int total = images.size();
    long[] ids = new long[total];
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < total; i++) {
      ids[i] = images.get(i).id();
      if (!seen.add(ids[i])) {
        throw new IllegalArgumentException("image id " + ids[i] + " appears twice, the second time for "
            + images.get(i).file());
      }
    }
    ExtractedFeatures[] result = new ExtractedFeatures[1];
    long started = System.nanoTime();
    progress.update(0, total);
    AtomicFiles.writeWithPath(out, tmp -> {
      Hdf5StreamWriter writer = null;
      boolean complete = false;
      try {
        BatchFeatures first = null;
        for (int start = 0; start < total; start += batchSize) {
          List<ImageDirectory.Image> batch = images.subList(start, Math.min(total, start + batchSize));
          BatchFeatures f = run(batch);
          if (writer == null) {
            first = f;
            writer = open(tmp, total, f);
          } else if (f.channels() != first.channels() || f.height() != first.height()
              || f.width() != first.width()) {
            throw new IOException(model + ": output '" + outputName + "' changed shape from ["
                + first.channels() + ", " + first.height() + ", " + first.width() + "] to [" + f.channels()
                + ", " + f.height() + ", " + f.width() + "] at image " + batch.get(0).file());
          }
          writer.writeLongs(IDS_DATASET, ids, start, batch.size());
          writer.writeFloats(FEATURES_DATASET, f.values(), 0, batch.size() * f.rowLength());
          progress.update(start + batch.size(), total);
        }
        writer.close();
        complete = true;
        result[0] = new ExtractedFeatures(out, total, first.channels(), first.height(), first.width(),
            options.float16());
      } finally {
        if (!complete && writer != null) {
          writer.abort();
        }
      }
    });
    ExtractedFeatures r = result[0];
    LOG.info("wrote features of {} images [{}, {}, {}] ({}) to {} in {} s", r.images(), r.channels(), r.height(),
        r.width(), r.float16() ? "float16" : "float32", out, (System.nanoTime() - started) / 1_000_000_000L);
    return r;
  }

  private Hdf5StreamWriter open(Path tmp, int total, BatchFeatures f) throws IOException {
    Hdf5StreamWriter writer = Hdf5StreamWriter.builder(tmp)
        .dataset(IDS_DATASET, Hdf5Type.INT64, total)
        .dataset(FEATURES_DATASET, options.float16() ? Hdf5Type.FLOAT16 : Hdf5Type.FLOAT32,
            total, f.channels(), f.height(), f.width())
        .open();
    writer.setAttribute(Hdf5StreamWriter.ROOT, "model", ascii(model.getFileName().toString()));
    writer.setAttribute(Hdf5StreamWriter.ROOT, "output", ascii(outputName));
    writer.setAttribute(Hdf5StreamWriter.ROOT, "image_size", (long) options.imageSize());
    writer.setAttribute(Hdf5StreamWriter.ROOT, "mean", toDoubles(mean));
    writer.setAttribute(Hdf5StreamWriter.ROOT, "std", toDoubles(std));
    return writer;
  }

  /**
   * Computes the grid features {@code [C, h, w]} (flat) of one image given as a pixel tensor
   * {@code [3, S, S]} in [0, 1], S being {@link FeatureExtractionOptions#imageSize()} (see
   * {@link ImageLoader}); the tensor is normalized here and left unchanged. Not thread-safe, like
   * the extractor.
   *
   * @param pixelTensor the image, flat {@code [3, S, S]} with values in [0, 1]; not modified
   * @return the features, flat {@code [C, h, w]}
   * @throws IllegalArgumentException when the tensor does not have {@code 3 * S * S} values
   * @throws IOException when ONNX Runtime fails or the output is not a grid
   */
  public float[] features(float[] pixelTensor) throws IOException {
    Objects.requireNonNull(pixelTensor, "pixelTensor");
    if (pixelTensor.length != loader.tensorLength()) {
      throw new IllegalArgumentException("pixel tensor has " + pixelTensor.length + " values, the CNN takes [3, "
          + options.imageSize() + ", " + options.imageSize() + "] = " + loader.tensorLength());
    }
    return runPixels(List.of(pixelTensor.clone()), "an in-memory image").values();
  }

  /**
   * Returns the grid shape {@code [C, h, w]} this CNN produces, found by running one black image.
   *
   * @return a new three-element array {@code [channels, height, width]}
   * @throws IOException when ONNX Runtime fails on the probe image or the output is not a grid
   */
  public int[] gridShape() throws IOException {
    BatchFeatures f = runPixels(List.of(new float[loader.tensorLength()]), "a black probe image");
    return new int[] {f.channels(), f.height(), f.width()};
  }

  /** Loads, normalizes and runs one batch of images. */
  private BatchFeatures run(List<ImageDirectory.Image> batch) throws IOException {
    List<float[]> images = new ArrayList<>(batch.size());
    for (ImageDirectory.Image img : batch) {
      images.add(load(img.file()));
    }
    String what = batch.size() == 1 ? "image " + batch.get(0).file()
        : "images " + batch.get(0).file() + " .. " + batch.get(batch.size() - 1).file();
    return runPixels(images, what);
  }

  /** Normalizes (in place) and runs one batch of pixel tensors; {@code what} names them in errors. */
  private BatchFeatures runPixels(List<float[]> batch, String what) throws IOException {
    int len = loader.tensorLength();
    int plane = len / 3;
    int rows = fixedBatch ? batchSize : batch.size();
    pixels.clear();
    for (float[] image : batch) {
      for (int c = 0; c < 3; c++) {
        float m = mean[c];
        float s = std[c];
        for (int i = c * plane; i < (c + 1) * plane; i++) {
          image[i] = (image[i] - m) / s;
        }
      }
      pixels.put(image);
    }
    if (rows > batch.size()) {
      // A model with a fixed batch size gets zero images after the last one; their output is dropped.
      pixels.put(new float[(rows - batch.size()) * len]);
    }
    pixels.flip();
    long[] shape = {rows, 3, options.imageSize(), options.imageSize()};
    try (OnnxTensor input = OnnxTensor.createTensor(env, pixels, shape);
        OrtSession.Result result = session.run(Map.of(inputName, input), Set.of(outputName))) {
      OnnxValue value = result.get(outputName)
          .orElseThrow(() -> new IOException(model + ": the run returned no output '" + outputName + "'"));
      if (!(value instanceof OnnxTensor t) || t.getInfo().type != OnnxJavaType.FLOAT) {
        throw new IOException(model + ": output '" + outputName + "' is " + describe(value.getInfo())
            + "; expected float grid features [batch, C, h, w]");
      }
      long[] out = t.getInfo().getShape();
      if (out.length != 4 || out[0] != rows) {
        throw new IOException(model + ": output '" + outputName + "' has shape " + Arrays.toString(out)
            + " for a batch of " + rows + "; expected grid features [" + rows + ", C, h, w]");
      }
      long rowLength = out[1] * out[2] * out[3];
      if (rowLength < 1 || rowLength * batchSize > Integer.MAX_VALUE) {
        throw new IOException(model + ": output '" + outputName + "' shape " + Arrays.toString(out)
            + " is empty or too large for batches of " + batchSize);
      }
      float[] values = new float[(int) (batch.size() * rowLength)];
      t.getFloatBuffer().get(values);
      return new BatchFeatures(values, batch.size(), (int) out[1], (int) out[2], (int) out[3]);
    } catch (OrtException e) {
      throw new IOException(model + ": inference failed on " + what + ": " + e.getMessage(), e);
    }
  }

  private float[] load(Path file) throws IOException {
    try {
      return loader.load(file);
    } catch (RuntimeException e) {
      throw new IOException(file + ": cannot decode image: " + e, e);
    }
  }

  private static double[] toDoubles(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  /** Replaces characters HDF5 ASCII attributes cannot hold. */
  private static String ascii(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      b.append(c > 0 && c < 0x80 ? c : '?');
    }
    return b.toString();
  }

  /** Closes the ONNX Runtime session; the shared environment stays open. */
  @Override
  public void close() throws IOException {
    try {
      session.close();
    } catch (OrtException e) {
      throw new IOException(model + ": closing the ONNX Runtime session failed: " + e.getMessage(), e);
    } finally {
      sessionOptions.close();
    }
  }
}
