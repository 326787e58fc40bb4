package ai.glimpse.pipeline;

import ai.glimpse.evaluation.metrics.BlindBaseline;
import ai.glimpse.evaluation.metrics.MultipleChoiceAccuracy;
import ai.glimpse.evaluation.metrics.RelationalAccuracy;
import ai.glimpse.evaluation.metrics.VqaAccuracy;
import ai.glimpse.evaluation.metrics.VqaEvaluation;
import ai.glimpse.evaluation.metrics.VqaEvaluator;
import ai.glimpse.evaluation.metrics.VqaResult;
import ai.glimpse.evaluation.report.Provenance;
import ai.glimpse.evaluation.report.ReportWriter;
import ai.glimpse.evaluation.report.VqaReport;
import ai.glimpse.onnx.predict.Predictor;
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
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code glimpse evaluate}: answers every question of a prepared split with an exported model
 * in ONNX Runtime, scores the answers with the official VQA accuracy, multiple-choice accuracy
 * and the blind baseline (the most frequent training answer per question type), and writes the
 * report.
 */
public final class OnnxEvaluation {
  private static final Logger LOG = LoggerFactory.getLogger(OnnxEvaluation.class);
  private static final int BATCH = 128;

  private OnnxEvaluation() {}

  /** Evaluates {@code model} on {@code split} of the prepared data and writes {@code reportDir}. */
  public static VqaReport run(Path model, Path prepared, String split, Path reportDir) throws IOException {
    PreparedDataset data = PreparedDataset.open(prepared);
    try (Predictor predictor = Predictor.load(model)) {
      VqaReport report = evaluate(predictor, model, data, split);
      ReportWriter.write(report, reportDir);
      return report;
    }
  }

  /** Evaluates a loaded predictor; {@code modelFile} is recorded in the provenance. */
  public static VqaReport evaluate(Predictor predictor, Path modelFile, PreparedDataset data, String split)
      throws IOException {
    ModelMetadata meta = predictor.metadata();
    FeatureShape expected = predictor.imageShape();
    FeatureShape found = data.featureShape(expected.kind());
    if (!expected.equals(found)) {
      throw new IllegalArgumentException("model " + modelFile + " expects " + expected + " images, prepared data "
          + data.dir() + " holds " + data.manifest().features().stream().map(f -> f.shape().toString()).toList());
    }
    try (PreparedSplit s = data.split(split).select(expected.kind())) {
      return evaluate(predictor, modelFile, data, split, s, meta);
    }
  }

  private static VqaReport evaluate(Predictor predictor, Path modelFile, PreparedDataset data, String split,
      PreparedSplit s, ModelMetadata meta) throws IOException {
    List<Question> questions = VqaJson.readQuestions(s.questionsFile());
    List<Annotation> gold = VqaJson.readAnnotations(s.annotationsFile());
    List<VqaResult> results = answer(predictor, questions, s);

    VqaEvaluation evaluation = new VqaEvaluator().evaluate(results, gold);
    VqaAccuracy accuracy = evaluation.accuracy();
    Optional<RelationalAccuracy> relational = RelationalAccuracy.of(evaluation.perQuestion());
    double mc = new MultipleChoiceAccuracy().evaluate(results, gold,
        MultipleChoiceAccuracy.UnkPolicy.COUNT_AS_WRONG);
    List<Annotation> train = VqaJson.readAnnotations(data.annotationsFile("train"));
    VqaAccuracy blind = new VqaEvaluator().evaluate(BlindBaseline.fit(train).predict(gold), gold).accuracy();
    JsonNode config = new ObjectMapper().readTree(meta.configJson());
    Provenance provenance = Provenance.of(modelFile.toString(), Provenance.sha256(modelFile),
        data.manifest().dataSha256(), config.isObject() ? config : new ObjectMapper().createObjectNode(),
        Instant.now());
    LOG.info("{} on {} {}: VQA accuracy {} (blind baseline {}), multiple choice {}", meta.model(),
        split, questions.size(), accuracy.overall(), blind.overall(), mc);
    return new VqaReport(meta.model(), split, questions.size(), accuracy, mc, blind,
        meta.provenance().parityMaxAbsDiff(), provenance,
        relational.map(RelationalAccuracy::relational).orElse(null),
        relational.map(RelationalAccuracy::nonRelational).orElse(null));
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
