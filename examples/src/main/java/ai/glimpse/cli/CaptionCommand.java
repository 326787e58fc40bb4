package ai.glimpse.cli;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import ai.glimpse.evaluation.charts.AttentionRenderer;
import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.onnx.caption.GeneratedCaption;
import ai.glimpse.onnx.caption.OnnxCaptioner;
import ai.glimpse.preprocessing.captions.CaptionVocabulary;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.io.AtomicFiles;
import ai.glimpse.tf.caption.CaptionDecoder;
import ai.glimpse.tf.caption.CaptionOnnxExport;
import ai.glimpse.tf.caption.CaptionRun;
import ai.glimpse.tf.caption.ShowAttendTellConfig;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse caption}: captions an image with a Show, Attend and Tell model, either a training
 * run directory (TensorFlow Java) or an ONNX export directory (ONNX Runtime); can also export a
 * run to ONNX and draw the attention of every word.
 */
@Command(name = "caption", mixinStandardHelpOptions = true,
    description = "Caption an image with a show-attend-tell model (a run directory or an ONNX export "
        + "directory), greedily, with beam search or by sampling; optionally draw each word's attention.")
final class CaptionCommand implements Callable<Integer> {
  @Option(names = "--model", required = true,
      description = "A glimpse train --model show-attend-tell run directory, or a directory written by --export.")
  Path model;

  @Option(names = "--image", description = "The image to caption (PNG or JPEG).")
  Path image;

  @Option(names = "--beam", defaultValue = "1", description = "Beam width; 1 is greedy (default: ${DEFAULT-VALUE}).")
  int beam;

  @Option(names = "--temperature", description = "Sample at this temperature instead of searching.")
  Double temperature;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of --temperature sampling (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--attention", description = "Write the image and one attention panel per word to this PNG.")
  Path attention;

  @Option(names = "--export", description = "Export the run directory --model to ONNX in this directory.")
  Path export;

  @Override
  public Integer call() throws Exception {
    if (beam < 1) {
      throw new IllegalArgumentException("--beam must be >= 1, got " + beam);
    }
    if (image == null && export == null) {
      throw new IllegalArgumentException("give --image to caption, --export to export, or both");
    }
    GeneratedCaption caption = null;
    float[] pixels = null;
    int side = 0;
    if (CaptionRun.isCaptionRun(model)) {
      CaptionRun run = new CaptionRun(model);
      CaptionVocabulary vocab = run.readVocabulary();
      try (CaptionDecoder decoder = run.openDecoder()) {
        ShowAttendTellConfig cfg = decoder.model().config();
        if (export != null) {
          CaptionOnnxExport.export(decoder, vocab, export);
          System.out.println("exported " + model + " to " + export);
        }
        if (image != null) {
          side = pixelSide(cfg.imageInput() == ShowAttendTellConfig.ImageInput.PIXELS, cfg.imageDims().get(1));
          pixels = new ImageLoader(side).load(image);
          CaptionSearch.Generated g = temperature != null ? decoder.sample(pixels, temperature, seed)
              : beam == 1 ? decoder.greedy(new float[][] {pixels}).get(0) : decoder.beam(pixels, beam);
          List<String> words = new ArrayList<>();
          for (int id : g.words()) {
            words.add(vocab.token(id));
          }
          caption = new GeneratedCaption(words, g.attention(), cfg.gridHeight(), cfg.gridWidth(), g.logProbability());
        }
      }
    } else if (Files.exists(model.resolve(CaptionOnnxExport.METADATA))) {
      if (export != null) {
        throw new IllegalArgumentException("--export needs a run directory; " + model + " is already an ONNX export");
      }
      try (OnnxCaptioner captioner = OnnxCaptioner.open(model)) {
        int[] dims = captioner.imageDims();
        side = pixelSide(dims[0] == 3 && dims[1] == dims[2], dims[1]);
        pixels = new ImageLoader(side).load(image);
        caption = temperature != null ? captioner.sample(pixels, temperature, seed)
            : beam == 1 ? captioner.greedy(new float[][] {pixels}).get(0) : captioner.beam(pixels, beam);
      }
    } else {
      throw new IllegalArgumentException("--model " + model + " is neither a show-attend-tell run directory "
          + "(config.json, vocab.json, checkpoints/) nor an ONNX captioner export (" + CaptionOnnxExport.METADATA + ")");
    }
    if (caption != null) {
      System.out.printf("%s%n(log-probability %.3f, %d words)%n", caption.text(), caption.logProbability(),
          caption.words().size());
      if (attention != null) {
        writeStrip(caption, pixels, side, attention);
        System.out.println("attention: " + attention);
      }
    }
    return 0;
  }

  private static int pixelSide(boolean pixels, int side) {
    if (!pixels) {
      throw new IllegalArgumentException("this captioner reads feature grids, not images; --image needs a pixel model");
    }
    return side;
  }

  /** The image, then one panel per word: its attention over the grid and the word underneath. */
  static void writeStrip(GeneratedCaption caption, float[] pixels, int side, Path out) throws java.io.IOException {
    int panel = 128;
    int label = 20;
    int n = caption.words().size() + 1;
    BufferedImage strip = new BufferedImage(n * panel, panel + label, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = strip.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
    boolean square = caption.gridHeight() == caption.gridWidth();
    int grid = square ? caption.gridHeight() : 0;
    float[][] att = caption.attention();
    GalleryItem item = new GalleryItem(0, caption.text(), pixels, side, att, grid, null, List.of(), "", 0);
    g.drawImage(AttentionRenderer.image(item, panel), 0, 0, null);
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
    g.drawString("<start>", 4, panel + 15);
    for (int w = 0; w < caption.words().size(); w++) {
      g.drawImage(AttentionRenderer.render(item, w, panel), (w + 1) * panel, 0, null);
      g.drawString(caption.words().get(w), (w + 1) * panel + 4, panel + 15);
    }
    g.dispose();
    AtomicFiles.write(out, os -> ImageIO.write(strip, "png", os));
  }
}
