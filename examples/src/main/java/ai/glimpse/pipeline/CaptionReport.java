package ai.glimpse.pipeline;

import ai.glimpse.evaluation.captions.CaptionEvaluation;
import ai.glimpse.evaluation.captions.CaptionEvaluator;
import ai.glimpse.evaluation.captions.CaptionResult;
import ai.glimpse.evaluation.captions.CaptionResultsJson;
import ai.glimpse.evaluation.captions.MostFrequentCaptionBaseline;
import ai.glimpse.onnx.caption.OnnxCaptioner;
import ai.glimpse.preprocessing.captions.Caption;
import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CaptionImage;
import ai.glimpse.preprocessing.captions.CocoCaptionsJson;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code glimpse evaluate} for a captioner: greedy captions of every image of a split of a
 * captions directory (a {@code glimpse synth} output: {@code DIR/{split}/captions.json} and
 * {@code DIR/{split}/images}) decoded on ONNX Runtime, scored with BLEU-1..4, ROUGE-L and CIDEr-D
 * against the split's references, beside the baseline that always answers the most frequent
 * training caption. Writes {@code report.json} ({@code captionMetrics}, {@code captionBaseline})
 * and the captions as {@code results.json} in the official results format.
 */
public final class CaptionReport {
  private static final int BATCH = 32;

  private CaptionReport() {}

  /**
   * The figures of one evaluation.
   *
   * @param model the captioner directory
   * @param split the evaluated split
   * @param images how many images were captioned
   * @param captionMetrics the model's greedy captions' scores
   * @param captionBaseline the most frequent training caption's scores
   * @param baselineCaption that caption
   */
  public record Result(String model, String split, int images, CaptionEvaluation captionMetrics,
      CaptionEvaluation captionBaseline, String baselineCaption) {}

  /**
   * Evaluates the ONNX captioner in {@code modelDir} on {@code split} of {@code data}; writes
   * {@code out}. Images are captioned in batches of 32; the captioner is opened and closed here.
   *
   * @param modelDir the directory the captioner was exported to (opened with
   *     {@link OnnxCaptioner#open}); its image input must be square RGB pixels {@code [3, S, S]}
   * @param data a {@code glimpse synth} captions directory; besides {@code split} it must hold
   *     {@code train/captions.json}, which the most-frequent-caption baseline is fitted on
   * @param split the split to caption and score, e.g. {@code "val"}: {@code data/split/captions.json}
   *     gives the images and the references, {@code data/split/images} the image files
   * @param out the report directory, created if needed; {@code report.json} and {@code results.json}
   *     in it are replaced atomically
   * @return the scores of the model and of the baseline; {@code model} is {@code modelDir} as given
   * @throws java.nio.file.NoSuchFileException if {@code data/split/captions.json} or
   *     {@code data/train/captions.json} is missing
   * @throws IOException if a captions file is malformed, an image cannot be read, the captioner
   *     cannot be opened or a report file cannot be written; the message names the file
   * @throws IllegalArgumentException if the captioner's image input is not square 3-channel pixels
   */
  public static Result run(Path modelDir, Path data, String split, Path out) throws IOException {
    CaptionDataset references = CocoCaptionsJson.read(require(data.resolve(split).resolve("captions.json")));
    CaptionDataset train = CocoCaptionsJson.read(require(data.resolve("train").resolve("captions.json")));
    List<CaptionResult> results = new ArrayList<>();
    try (OnnxCaptioner captioner = OnnxCaptioner.open(modelDir)) {
      int[] dims = captioner.imageDims();
      if (dims[0] != 3 || dims[1] != dims[2]) {
        throw new IllegalArgumentException(modelDir + " reads " + java.util.Arrays.toString(dims)
            + " inputs; evaluating on images needs a captioner on square pixels");
      }
      ImageLoader loader = new ImageLoader(dims[1]);
      List<CaptionImage> images = references.images();
      for (int from = 0; from < images.size(); from += BATCH) {
        List<CaptionImage> batch = images.subList(from, Math.min(images.size(), from + BATCH));
        float[][] pixels = new float[batch.size()][];
        for (int i = 0; i < batch.size(); i++) {
          pixels[i] = loader.load(data.resolve(split).resolve("images").resolve(batch.get(i).fileName()));
        }
        var captions = captioner.greedy(pixels);
        for (int i = 0; i < batch.size(); i++) {
          results.add(new CaptionResult(batch.get(i).id(), captions.get(i).text()));
        }
      }
    }
    CaptionEvaluator evaluator = new CaptionEvaluator();
    CaptionEvaluation metrics = evaluator.evaluate(results, references);
    MostFrequentCaptionBaseline baseline = MostFrequentCaptionBaseline.fit(
        train.captions().stream().map(Caption::caption).toList());
    CaptionEvaluation baselineMetrics = evaluator.evaluate(
        baseline.predict(references.images().stream().map(CaptionImage::id).toList()), references);
    Result r = new Result(modelDir.toString(), split, results.size(), metrics, baselineMetrics, baseline.caption());
    Files.createDirectories(out);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("model", r.model());
    json.put("split", split);
    json.put("images", r.images());
    json.put("captionMetrics", metrics);
    json.put("captionBaseline", baselineMetrics);
    json.put("baselineCaption", baseline.caption());
    String text = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(json);
    AtomicFiles.writeString(out.resolve("report.json"), text + "\n");
    CaptionResultsJson.write(out.resolve("results.json"), results);
    return r;
  }

  private static Path require(Path file) throws NoSuchFileException {
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null, "no COCO captions file (glimpse synth writes one per split)");
    }
    return file;
  }
}
