package ai.glimpse.pipeline;

import ai.glimpse.evaluation.charts.GalleryItem;
import ai.glimpse.evaluation.charts.ScoredAnswer;
import ai.glimpse.evaluation.charts.TrainingHistory;
import ai.glimpse.evaluation.metrics.AnswerClassification;
import ai.glimpse.evaluation.metrics.AnswerLabelEvaluator;
import ai.glimpse.evaluation.metrics.BlindBaseline;
import ai.glimpse.evaluation.metrics.MultipleChoiceAccuracy;
import ai.glimpse.evaluation.metrics.RelationalAccuracy;
import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.metrics.VqaEvaluation;
import ai.glimpse.evaluation.metrics.VqaEvaluator;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.evaluation.report.Provenance;
import ai.glimpse.evaluation.report.ReportFigures;
import ai.glimpse.evaluation.report.ReportWriter;
import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import ai.glimpse.onnx.predict.VqaQuery;
import ai.glimpse.preprocessing.features.FeatureKind;
import ai.glimpse.preprocessing.features.FeatureSource;
import ai.glimpse.preprocessing.features.FeatureShape;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.format.ModelMetadata;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.PreparedSplit;
import ai.glimpse.preprocessing.text.Vocabulary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code glimpse evaluate}: answers every question of a prepared split with an exported model
 * in ONNX Runtime, scores the answers with the official VQA accuracy, multiple-choice accuracy
 * (counting and not counting {@code <unk>} predictions), Tribuo's label evaluation and the blind
 * baseline (the most frequent training answer per question type), and writes the report
 * ({@code report.json}, {@code report.md}, {@code report.html} with charts and a gallery).
 */
public final class OnnxEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEvaluation.class);
  private static final int BATCH = 128;
  private static final int TOP_ANSWERS = 3;

  /**
   * What the HTML report shows beyond the numbers.
   *
   * @param run the training run directory whose {@code metrics.jsonl} gives the training curves,
   *     or {@code null} for none
   * @param gallery how many validation questions the gallery shows (0 for none)
   * @param seed the seed of the gallery's choice of questions
   */
  public record Options(Path run, int gallery, long seed) {
    /**
     * Checks the gallery size.
     *
     * @param run the training run directory for the curves, or {@code null} for none
     * @param gallery how many validation questions the gallery shows; 0 for none
     * @param seed the seed of the gallery's choice of questions
     * @throws IllegalArgumentException if {@code gallery} is negative
     */
    public Options {
      if (gallery < 0) {
        throw new IllegalArgumentException("gallery must be >= 0, got " + gallery);
      }
    }

    /**
     * No training curves, a gallery of 12 questions chosen with seed 7.
     *
     * @return a new {@code Options(null, 12, 7)}
     */
    public static Options defaults() {
      return new Options(null, 12, 7);
    }
  }

  /**
   * A report and its figures.
   *
   * @param report the numbers
   * @param figures the training curves and gallery for {@code report.html}
   */
  public record Evaluated(VqaReport report, ReportFigures figures) {}

  private OnnxEvaluation() {}

  /**
   * Evaluates {@code model} on {@code split} of the prepared data and writes {@code reportDir}
   * with {@link Options#defaults()}: no training curves, a gallery of 12 questions.
   *
   * @param model the exported ONNX file
   * @param prepared the prepared data directory; it must hold the image input the model reads
   *     and the {@code train} annotations (for the blind baseline)
   * @param split the split to evaluate, e.g. {@code "val"}
   * @param reportDir the report directory, created if needed; {@code report.json},
   *     {@code report.md} and {@code report.html} in it are replaced atomically
   * @return the report written
   * @throws IOException if the model, the prepared data or the split cannot be read, or the report
   *     cannot be written
   * @throws IllegalArgumentException if {@code split} is not a split of the prepared data, or the
   *     prepared data lacks the model's image input or features of an image a question refers to
   */
  public static VqaReport run(Path model, Path prepared, String split, Path reportDir) throws IOException {
    return run(model, prepared, split, reportDir, Options.defaults());
  }

  /**
   * Evaluates {@code model} on {@code split} of the prepared data and writes {@code reportDir}
   * with the training curves of {@code options.run()} and a gallery. The run's history is read
   * first, so a bad run directory fails before any question is answered.
   *
   * @param model the exported ONNX file; loaded and closed here
   * @param prepared the prepared data directory; it must hold the image input the model reads
   *     and the {@code train} annotations (for the blind baseline)
   * @param split the split to evaluate, e.g. {@code "val"}
   * @param reportDir the report directory, created if needed; {@code report.json},
   *     {@code report.md} and {@code report.html} in it are replaced atomically
   * @param options the training run for the curves and the gallery's size and seed
   * @return the report written
   * @throws IOException if the run's {@code metrics.jsonl}, the model, the prepared data or the
   *     split cannot be read, or the report cannot be written
   * @throws IllegalArgumentException if {@code split} is not a split of the prepared data, or the
   *     prepared data lacks the model's image input or features of an image a question refers to
   */
  public static VqaReport run(Path model, Path prepared, String split, Path reportDir, Options options)
      throws IOException {
    // Read the run first, so that a bad --run fails before the model is evaluated.
    Optional<TrainingHistory> training = options.run() == null ? Optional.empty()
        : Optional.of(TrainingHistory.read(options.run()));
    PreparedDataset data = PreparedDataset.open(prepared);
    try (Predictor predictor = Predictor.load(model)) {
      Evaluated e = evaluate(predictor, model, data, split, options.gallery(), options.seed());
      ReportWriter.write(e.report(), new ReportFigures(training, e.figures().gallery()), reportDir);
      return e.report();
    }
  }

  /**
   * Evaluates a loaded predictor; {@code modelFile} is recorded in the provenance. Writes nothing.
   *
   * @param predictor the model to evaluate; the caller keeps ownership and closes it
   * @param modelFile the file {@code predictor} was loaded from; its path and SHA-256 go into the
   *     provenance, so it is read again here
   * @param data the prepared data; it must hold the image input the model reads
   * @param split the split to evaluate, e.g. {@code "val"}
   * @return the report, without gallery
   * @throws IOException if the split, its questions or annotations, the {@code train} annotations
   *     or {@code modelFile} cannot be read
   * @throws IllegalArgumentException if {@code split} is not a split of {@code data}, the prepared
   *     data's image input differs from the model's, or an image a question refers to has no features
   */
  public static VqaReport evaluate(Predictor predictor, Path modelFile, PreparedDataset data, String split)
      throws IOException {
    return evaluate(predictor, modelFile, data, split, 0, 0).report();
  }

  /**
   * Evaluates a loaded predictor and collects a gallery of {@code gallery} questions chosen with
   * {@code seed}, each with its attention maps and top answers; no training curves. Writes nothing.
   *
   * @param predictor the model to evaluate; the caller keeps ownership and closes it
   * @param modelFile the file {@code predictor} was loaded from; its path and SHA-256 go into the
   *     provenance, so it is read again here
   * @param data the prepared data; it must hold the image input the model reads
   * @param split the split to evaluate, e.g. {@code "val"}; also the split the gallery is drawn from
   * @param gallery how many questions of the split the gallery shows (0 for none; at most all)
   * @param seed the seed of the gallery's random choice of questions
   * @return the report and figures holding the gallery (the training curves are empty)
   * @throws IOException if the split, its questions or annotations, the {@code train} annotations
   *     or {@code modelFile} cannot be read
   * @throws IllegalArgumentException if {@code split} is not a split of {@code data}, the prepared
   *     data's image input differs from the model's, or an image a question refers to has no features
   */
  public static Evaluated evaluate(Predictor predictor, Path modelFile, PreparedDataset data, String split,
      int gallery, long seed) throws IOException {
    ModelMetadata meta = predictor.metadata();
    FeatureShape expected = predictor.imageShape();
    FeatureShape found = data.featureShape(expected.kind());
    if (!expected.equals(found)) {
      throw new IllegalArgumentException("model " + modelFile + " expects " + expected + " images, prepared data "
          + data.dir() + " holds " + data.manifest().features().stream().map(f -> f.shape().toString()).toList());
    }
    try (PreparedSplit s = data.split(split).select(expected.kind())) {
      return evaluate(predictor, modelFile, data, split, s, meta, gallery, seed);
    }
  }

  private static Evaluated evaluate(Predictor predictor, Path modelFile, PreparedDataset data, String split,
      PreparedSplit s, ModelMetadata meta, int gallery, long seed) throws IOException {
    List<Question> questions = VqaJson.readQuestions(s.questionsFile());
    List<Annotation> gold = VqaJson.readAnnotations(s.annotationsFile());
    List<VqaResult> results = answer(predictor, questions, s);

    VqaEvaluation evaluation = new VqaEvaluator().evaluate(results, gold);
    VqaAccuracy accuracy = evaluation.accuracy();
    Optional<RelationalAccuracy> relational = RelationalAccuracy.of(evaluation.perQuestion());
    double mc = new MultipleChoiceAccuracy().evaluate(results, gold,
        MultipleChoiceAccuracy.UnkPolicy.COUNT_AS_WRONG);
    double mcNoUnk = new MultipleChoiceAccuracy().evaluate(results, gold,
        MultipleChoiceAccuracy.UnkPolicy.EXCLUDE);
    List<Annotation> train = VqaJson.readAnnotations(data.annotationsFile("train"));
    VqaAccuracy blind = new VqaEvaluator().evaluate(BlindBaseline.fit(train).predict(gold), gold).accuracy();
    JsonNode config = new ObjectMapper().readTree(meta.configJson());
    Provenance provenance = Provenance.of(modelFile.toString(), Provenance.sha256(modelFile),
        data.manifest().dataSha256(), config.isObject() ? config : new ObjectMapper().createObjectNode(),
        Instant.now());
    AnswerClassification classification = new AnswerLabelEvaluator().evaluate(results, gold, provenance);
    LOG.info("{} on {} {}: VQA accuracy {} (blind baseline {}), multiple choice {} ({} without <unk>)",
        meta.model(), split, questions.size(), accuracy.overall(), blind.overall(), mc, mcNoUnk);
    VqaReport report = new VqaReport(meta.model(), split, questions.size(), accuracy, mc, blind,
        meta.provenance().parityMaxAbsDiff(), provenance,
        relational.map(RelationalAccuracy::relational).orElse(null),
        relational.map(RelationalAccuracy::nonRelational).orElse(null), mcNoUnk, classification);
    List<GalleryItem> items = gallery(predictor, questions, gold, s, gallery, seed);
    return new Evaluated(report, new ReportFigures(Optional.empty(), items));
  }

  /**
   * Answers {@code n} questions chosen with {@code seed} once more, this time with attention and
   * the top answers, and pairs them with the image (when the split has pixels), the boxes (for
   * object input) and the ground truth.
   */
  private static List<GalleryItem> gallery(Predictor predictor, List<Question> questions,
      List<Annotation> gold, PreparedSplit s, int n, long seed) {
    if (n == 0 || questions.isEmpty()) {
      return List.of();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < questions.size(); i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    List<Integer> chosen = new ArrayList<>(order.subList(0, Math.min(n, order.size())));
    Collections.sort(chosen);
    Map<Long, Annotation> byId = new HashMap<>();
    gold.forEach(a -> byId.put(a.questionId(), a));
    FeatureSource input = s.features();
    FeatureSource pixels = s.sources().get(FeatureKind.PIXELS);
    int len = input.shape().length();
    List<VqaQuery> queries = new ArrayList<>();
    List<float[]> rows = new ArrayList<>();
    for (int i : chosen) {
      Question q = questions.get(i);
      float[] row = new float[len];
      input.readRow(input.row(q.imageId()), row, 0);
      rows.add(row);
      queries.add(new VqaQuery(q.question(), row));
    }
    List<Prediction> predictions = predictor.predict(queries, TOP_ANSWERS);
    List<GalleryItem> items = new ArrayList<>();
    for (int j = 0; j < chosen.size(); j++) {
      Question q = questions.get(chosen.get(j));
      Prediction p = predictions.get(j);
      float[] image = null;
      int side = 0;
      if (pixels != null && pixels.row(q.imageId()) >= 0) {
        int plen = pixels.shape().length();
        side = (int) Math.round(Math.sqrt(plen / 3.0));
        if (3 * side * side == plen) {
          image = new float[plen];
          pixels.readRow(pixels.row(q.imageId()), image, 0);
        } else {
          side = 0;
        }
      }
      FeatureShape inputShape = s.features().shape();
      float[][] boxes = p.gridSize() == 0 && p.attention().length > 0 && image != null
          && inputShape.kind() == FeatureKind.OBJECTS ? inputShape.boxes(rows.get(j)) : null;
      List<ScoredAnswer> top = new ArrayList<>();
      for (RankedAnswer a : p.answers()) {
        top.add(new ScoredAnswer(a.answer(), Math.min(1.0, Math.max(0.0, a.probability()))));
      }
      Annotation a = byId.get(q.questionId());
      items.add(new GalleryItem(q.questionId(), q.question(), image, side, p.attention(),
          p.gridSize(), boxes, top, a.multipleChoiceAnswer(),
          VqaEvaluator.questionAccuracy(p.top().answer(), a.answers())));
    }
    return items;
  }

  /** Answers every question, tokenized with the model's own vocabulary. */
  private static List<VqaResult> answer(Predictor predictor, List<Question> questions, PreparedSplit s) {
    Vocabulary vocab = predictor.vocabulary();
    int t = vocab.config().maxLength();
    int len = s.features().shape().length();
    List<String> answers = predictor.metadata().answers();
    int count = answers.size();
    List<VqaResult> results = new ArrayList<>(questions.size());
    long[] tokens = new long[BATCH * t];
    float[] pixels = new float[BATCH * len];
    for (int start = 0; start < questions.size(); start += BATCH) {
      int n = Math.min(BATCH, questions.size() - start);
      for (int i = 0; i < n; i++) {
        Question q = questions.get(start + i);
        vocab.encodeInto(q.question(), tokens, i * t);
        int row = s.features().row(q.imageId());
        if (row < 0) {
          throw new IllegalArgumentException(s.questionsFile() + ": question_id " + q.questionId()
              + " refers to image_id " + q.imageId() + ", which has no features in the prepared split");
        }
        s.features().readRow(row, pixels, i * len);
      }
      float[] probs = predictor.answerProbs(tokens, pixels, n);
      for (int i = 0; i < n; i++) {
        int best = 0;
        for (int a = 1; a < count; a++) {
          if (probs[i * count + a] > probs[i * count + best]) {
            best = a;
          }
        }
        results.add(new VqaResult(questions.get(start + i).questionId(), answers.get(best)));
      }
    }
    return results;
  }
}
