package ai.glimpse.evaluation.metrics;

import ai.glimpse.evaluation.report.Provenance;
import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.data.Annotation;
import com.oracle.labs.mlrg.olcut.provenance.primitives.StringProvenance;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.baseline.DummyClassifierTrainer;
import org.tribuo.classification.evaluation.ConfusionMatrix;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.DataProvenance;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Scores answers as single-label classification with Tribuo's {@link LabelEvaluator}: accuracy,
 * macro and micro F1, per-answer precision and recall, and the confusion matrix of the most
 * frequent answers.
 *
 * <p>Each question becomes a Tribuo {@link Prediction}: its output is the {@link Label} of the
 * normalized predicted answer ({@code <unk>} is kept as the label {@code <unk>}), and its
 * example's output the label of the normalized {@code multiple_choice_answer}. Tribuo evaluates a
 * {@link Model}; the evaluated ONNX model is not one, so a stand-in Tribuo model (a
 * most-frequent {@link DummyClassifierTrainer} model) supplies the label domain and carries the
 * {@link Provenance} (model file, model and data SHA-256, config, time) in its run provenance,
 * where {@link LabelEvaluation#getProvenance()} reports it.
 *
 * <p>Tribuo's confusion matrix is dense, {@code [labels, labels]}; when predicted and gold answers
 * together exceed {@link #MAX_LABELS} labels, the gold answers that were never predicted are
 * pooled into the one label {@value #POOLED}. This changes neither accuracy, micro F1, nor the
 * precision and recall of any predicted answer (a never-predicted answer can only be missed);
 * macro F1 is then averaged over the predicted answers and the pooled label.
 *
 * <p>Stateless and thread-safe.
 */
public final class AnswerLabelEvaluator {

  /** The largest label domain evaluated without pooling. */
  public static final int MAX_LABELS = 4000;

  /** The label of pooled gold answers that no question was given as prediction. */
  public static final String POOLED = "<never predicted>";

  /** How many of the most frequent gold answers the confusion matrix of the summary shows. */
  public static final int CONFUSION_ANSWERS = 10;

  private static final Logger LOG = LoggerFactory.getLogger(AnswerLabelEvaluator.class);

  private static final LabelFactory FACTORY = new LabelFactory();

  /** Creates an evaluator. */
  public AnswerLabelEvaluator() {}

  /**
   * Evaluates the answers and summarizes Tribuo's evaluation.
   *
   * @param results one prediction per annotated question, in any order
   * @param gold the annotations
   * @param provenance where the predictions come from; recorded in the Tribuo model and the result
   * @return the summary, with the confusion matrix of the {@value #CONFUSION_ANSWERS} most frequent
   *     gold answers
   * @throws IllegalArgumentException if the result ids are not exactly the annotation ids, an id
   *     repeats, or there are no annotations
   */
  public AnswerClassification evaluate(List<VqaResult> results, List<Annotation> gold,
      Provenance provenance) {
    return summarize(tribuoEvaluation(results, gold, provenance), provenance, CONFUSION_ANSWERS);
  }

  /**
   * Builds the Tribuo predictions and runs Tribuo's {@link LabelEvaluator}; see the class comment
   * for the labels and the stand-in model.
   *
   * @param results one prediction per annotated question, in any order
   * @param gold the annotations; their order is the order of Tribuo's predictions
   * @param provenance where the predictions come from; not null; its time becomes the data provenance
   *     time and its fields the stand-in model's run provenance
   * @return Tribuo's full evaluation, for {@link #summarize} or direct inspection
   * @throws IllegalArgumentException as {@link #evaluate}
   */
  public LabelEvaluation tribuoEvaluation(List<VqaResult> results, List<Annotation> gold,
      Provenance provenance) {
    Objects.requireNonNull(provenance, "provenance");
    Map<Long, VqaResult> byId = ResultMatching.index(results, gold);
    List<String> golds = new ArrayList<>(gold.size());
    List<String> predicted = new ArrayList<>(gold.size());
    Set<String> predictedSet = new HashSet<>();
    Set<String> goldSet = new HashSet<>();
    for (Annotation a : gold) {
      String g = AnswerProcessor.normalizeCached(a.multipleChoiceAnswer());
      String p = label(byId.get(a.questionId()).answer());
      golds.add(g);
      predicted.add(p);
      goldSet.add(g);
      predictedSet.add(p);
    }
    Set<String> domain = new HashSet<>(predictedSet);
    domain.addAll(goldSet);
    boolean pool = domain.size() > MAX_LABELS;
    if (pool) {
      golds.replaceAll(g -> predictedSet.contains(g) ? g : POOLED);
      domain = new HashSet<>(predictedSet);
      domain.add(POOLED);
      LOG.info("{} distinct answers exceed {}: gold answers never predicted are pooled as {}",
          predictedSet.size() + goldSet.size(), MAX_LABELS, POOLED);
    }
    Map<String, Label> labels = new HashMap<>();
    for (String l : domain) {
      labels.put(l, new Label(l));
    }

    OffsetDateTime time = OffsetDateTime.parse(provenance.createdAt());
    SimpleDataSourceProvenance dataProvenance = new SimpleDataSourceProvenance(
        "VQA annotations, data SHA-256 " + provenance.dataSha256(), time, FACTORY);
    MutableDataset<Label> domainData = new MutableDataset<>(dataProvenance, FACTORY);
    String[] bias = {"bias"};
    double[] one = {1.0};
    domain.stream().sorted().forEach(l ->
        domainData.add(new ArrayExample<>(labels.get(l), bias, one)));
    Map<String, com.oracle.labs.mlrg.olcut.provenance.Provenance> run = new LinkedHashMap<>();
    run.put("modelFile", new StringProvenance("modelFile", provenance.modelFile()));
    run.put("modelSha256", new StringProvenance("modelSha256", provenance.modelSha256()));
    run.put("dataSha256", new StringProvenance("dataSha256", provenance.dataSha256()));
    run.put("config", new StringProvenance("config", provenance.config().toString()));
    run.put("createdAt", new StringProvenance("createdAt", provenance.createdAt()));
    Model<Label> model = DummyClassifierTrainer.createMostFrequentTrainer().train(domainData, run);

    List<Prediction<Label>> predictions = new ArrayList<>(gold.size());
    for (int i = 0; i < golds.size(); i++) {
      predictions.add(new Prediction<>(labels.get(predicted.get(i)), 0,
          new ArrayExample<>(labels.get(golds.get(i)))));
    }
    DataProvenance evalData = dataProvenance;
    LabelEvaluation e = new LabelEvaluator().evaluate(model, predictions, evalData);
    LOG.info("Tribuo label evaluation over {} questions and {} labels: accuracy {}, macro F1 {}",
        gold.size(), domain.size(), e.accuracy(), e.macroAveragedF1());
    return e;
  }

  /**
   * Summarizes a Tribuo evaluation: accuracy, F1, per-answer scores ordered by gold frequency
   * (ties by answer), and the confusion matrix of the {@code topAnswers} most frequent gold
   * answers.
   *
   * @param e a Tribuo evaluation, e.g. from {@link #tribuoEvaluation}
   * @param provenance the provenance to carry into the result; not null
   * @param topAnswers how many of the most frequent gold answers the confusion matrix keeps, at least 1
   * @return the summary; labels of the domain that are neither gold nor predicted are left out of the
   *     per-answer scores
   * @throws IllegalArgumentException if {@code topAnswers} is below 1
   */
  public static AnswerClassification summarize(LabelEvaluation e, Provenance provenance,
      int topAnswers) {
    if (topAnswers < 1) {
      throw new IllegalArgumentException("topAnswers must be >= 1, got " + topAnswers);
    }
    ConfusionMatrix<Label> cm = e.getConfusionMatrix();
    List<Label> domain = new ArrayList<>();
    cm.getDomain().forEach(p -> domain.add(p.getB()));
    Map<Label, Long> predictedCounts = new HashMap<>();
    for (Prediction<Label> p : e.getPredictions()) {
      predictedCounts.merge(p.getOutput(), 1L, Long::sum);
    }
    List<Label> byFrequency = new ArrayList<>(domain);
    byFrequency.removeIf(l -> cm.support(l) == 0 && !predictedCounts.containsKey(l));
    byFrequency.sort(Comparator.comparingDouble((Label l) -> -cm.support(l))
        .thenComparing(Label::getLabel));
    Map<String, AnswerClassification.AnswerScores> perAnswer = new LinkedHashMap<>();
    boolean pooled = false;
    for (Label l : byFrequency) {
      pooled |= POOLED.equals(l.getLabel());
      perAnswer.put(l.getLabel(), new AnswerClassification.AnswerScores(
          finite(e.precision(l)), finite(e.recall(l)), finite(e.f1(l)), (long) cm.support(l),
          predictedCounts.getOrDefault(l, 0L)));
    }
    List<Label> top = new ArrayList<>();
    for (Label l : byFrequency) {
      if (top.size() < topAnswers && cm.support(l) > 0) {
        top.add(l);
      }
    }
    long[][] counts = new long[top.size()][top.size()];
    for (int i = 0; i < top.size(); i++) {
      for (int j = 0; j < top.size(); j++) {
        counts[i][j] = (long) cm.confusion(top.get(j), top.get(i));
      }
    }
    int pooledQuestions = 0;
    if (pooled) {
      pooledQuestions = (int) Math.round(cm.support(new Label(POOLED)));
    }
    return new AnswerClassification(e.getPredictions().size(),
        VqaAccuracy.round2(100 * e.accuracy()), finite(e.macroAveragedF1()),
        finite(e.microAveragedF1()), domain.size(), pooledQuestions, perAnswer,
        new AnswerClassification.Confusion(top.stream().map(Label::getLabel).toList(), counts),
        provenance);
  }

  /** Returns the Tribuo label of a predicted answer: {@code <unk>} as is, else normalized. */
  static String label(String prediction) {
    return MultipleChoiceAccuracy.isUnk(prediction)
        ? MultipleChoiceAccuracy.UNK : AnswerProcessor.normalizeCached(prediction);
  }

  // Tribuo reports 0/0 (an answer never predicted has no precision) as NaN; JSON has no NaN.
  private static double finite(double v) {
    return Double.isNaN(v) ? 0.0 : v;
  }
}
