package ai.glimpse.cli;

import ai.glimpse.evaluation.captions.CaptionEvaluation;
import ai.glimpse.evaluation.captions.CaptionEvaluator;
import ai.glimpse.evaluation.captions.CaptionResultsJson;
import ai.glimpse.preprocessing.captions.CocoCaptionsJson;
import ai.glimpse.preprocessing.io.AtomicFiles;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code glimpse eval-captions}: scores a COCO caption results file with BLEU-1..4, ROUGE-L and
 * CIDEr-D as the COCO caption evaluation computes them.
 */
@Command(name = "eval-captions", mixinStandardHelpOptions = true,
    description = "Score generated captions [{\"image_id\", \"caption\"}] against COCO-format"
        + " references with BLEU-1..4, ROUGE-L and CIDEr-D (COCO caption evaluation).")
final class EvalCaptionsCommand implements Callable<Integer> {
  @Option(names = "--references", required = true,
      description = "Reference captions in the COCO captions format (e.g. captions_val2014.json).")
  Path references;

  @Option(names = "--candidates", required = true,
      description = "Generated captions, a JSON list of {\"image_id\", \"caption\"}.")
  Path candidates;

  @Option(names = "--out", description = "Write {\"captionMetrics\": {...}} as JSON to this file.")
  Path out;

  @Override
  public Integer call() throws Exception {
    CaptionEvaluation e;
    try {
      e = new CaptionEvaluator().evaluate(CaptionResultsJson.read(candidates),
          CocoCaptionsJson.read(references));
    } catch (IllegalArgumentException ex) {
      throw new IllegalArgumentException(candidates + " against " + references + ": "
          + ex.getMessage(), ex);
    }
    System.out.printf("Bleu_1: %.3f%nBleu_2: %.3f%nBleu_3: %.3f%nBleu_4: %.3f%n",
        e.bleu1(), e.bleu2(), e.bleu3(), e.bleu4());
    System.out.printf("ROUGE_L: %.3f%nCIDEr-D: %.3f%n", e.rougeL(), e.ciderD());
    if (out != null) {
      String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(Map.of("captionMetrics", e));
      AtomicFiles.writeString(out, json + "\n");
    }
    return 0;
  }
}
