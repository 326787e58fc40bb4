package ai.glimpse.tf.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.prepare.PrepareConfig;
import ai.glimpse.preprocessing.prepare.PreparedDataset;
import ai.glimpse.preprocessing.prepare.Preparer;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.tf.zoo.DataShape;
import ai.glimpse.tf.zoo.Models;
import ai.glimpse.tf.zoo.SaaaConfig;
import ai.glimpse.tf.zoo.VqaModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A tiny real training run: synthetic data, prepare, SAAA in TF Java. */
class TrainerTest {
  @TempDir
  static Path tmp;
  static PreparedDataset data;
  static VqaModel model;

  @BeforeAll
  static void prepare() throws IOException {
    Path synth = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 40, 10, 5, 0.1), synth);
    new Preparer(PrepareConfig.forLayout(synth).withImageSize(32)).prepare(tmp.resolve("prepared"));
    data = PreparedDataset.open(tmp.resolve("prepared"));
    DataShape shape = new DataShape(data.vocabulary().size(), data.manifest().maxQuestionLength(),
        data.answers().size(), 32);
    model = Models.create(new SaaaConfig(shape, 32, 48, List.of(16, 16, 24), true, 32, SaaaConfig.Fusion.CONCAT, 4.0, 2, 64, 0.1, 9L));
  }

  private static TrainConfig config(Path run, int epochs) {
    return new TrainConfig(epochs, 32, 2, 3e-3, OptimizerKind.ADAMAX, null, 10.0, null, 0, 0, 0, 9L, 2, run);
  }

  @Test
  void lossFallsAndRunDirectoryIsComplete() throws IOException {
    Path run = tmp.resolve("run");
    List<Double> stepLosses = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batches, long step, double loss) {
        stepLosses.add(loss);
      }
    };
    TrainResult r = new Trainer(config(run, 4), List.of(listener)).train(model, data);
    assertEquals(4, r.epochs().size());
    double first = r.epochs().get(0).loss();
    double last = r.epochs().get(3).loss();
    // 400 questions, 4 epochs: the mean epoch loss must drop by a clear margin, not by noise.
    assertTrue(last < 0.9 * first, "loss fell from " + first + " to " + last);
    assertEquals(4 * 13, stepLosses.size(), "13 batches of 32 per epoch");
    RunDirectory dir = new RunDirectory(run);
    for (Path p : List.of(dir.configFile(), dir.vocabFile(), dir.answersFile(), dir.metricsFile(),
        dir.lastCheckpoint(), dir.bestCheckpoint())) {
      assertTrue(Files.isRegularFile(p), p.toString());
    }
    assertEquals(4, Files.readAllLines(dir.metricsFile()).size());
    RunConfig config = dir.readConfig();
    assertEquals(model.config(), config.model(), "config.json round-trips the model config");
    assertEquals(config(run, 4), config.train());
    Checkpoint last4 = Checkpoint.read(dir.lastCheckpoint());
    assertEquals(4, last4.epoch());
    assertEquals(52, last4.step());
  }

  @Test
  void resumesAfterTheLastCompletedEpoch() throws IOException {
    Path full = tmp.resolve("full");
    TrainResult uninterrupted = new Trainer(config(full, 3), List.of()).train(model, data);

    Path resumed = tmp.resolve("resumed");
    new Trainer(config(resumed, 2), List.of()).train(model, data);
    List<Integer> trainedEpochs = new ArrayList<>();
    TrainingListener l = new TrainingListener() {
      @Override
      public void onEpoch(EpochMetrics m) {
        trainedEpochs.add(m.epoch());
      }
    };
    TrainResult second = new Trainer(config(resumed, 3), List.of(l)).train(model, data);
    assertEquals(List.of(3), trainedEpochs, "only the missing epoch is trained");
    assertEquals(3, second.epochs().size());
    assertEquals(3, Files.readAllLines(new RunDirectory(resumed).metricsFile()).size());
    // Same seed, same shuffles, same weights: epochs 1-2 identical; epoch 3 differs only by the
    // dropout masks, whose random stream restarts with the new session.
    assertEquals(uninterrupted.epochs().get(1).loss(), second.epochs().get(1).loss(), 1e-9);
    assertEquals(uninterrupted.epochs().get(2).loss(), second.epochs().get(2).loss(), 0.15);
  }

  @Test
  void refusesToResumeAnotherConfiguration() throws IOException {
    Path run = tmp.resolve("other");
    new Trainer(config(run, 1), List.of()).train(model, data);
    TrainConfig otherBatch = config(run, 2).withBatchSize(16);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Trainer(otherBatch, List.of()).train(model, data));
    assertTrue(e.getMessage().contains(run.toString()), e.getMessage());
  }

  @Test
  void stopsEarlyAndKeepsTheBestCheckpoints() throws IOException {
    Path run = tmp.resolve("patience");
    // A learning rate too small to learn: validation accuracy only wanders (batch-norm averages
    // still move), so patience 2 stops the run two epochs after its best one, well before 8.
    TrainConfig tiny = config(run, 8).withLearningRate(1e-12)
        .withPolicy(LearningRateSchedule.CONSTANT, 2, 2, 0);
    TrainResult r = new Trainer(tiny, List.of()).train(model, data);
    List<EpochMetrics> epochs = r.epochs();
    int best = 1;
    for (EpochMetrics m : epochs) {
      if (m.valAccuracy() > epochs.get(best - 1).valAccuracy()) {
        best = m.epoch();
      }
    }
    assertEquals(best, r.bestEpoch(), "the first epoch with the highest accuracy");
    for (EpochMetrics m : epochs) {
      assertTrue(m.stepSeconds() > 0, "steps are timed: " + m);
      assertTrue(m.inputWaitSeconds() >= 0 && m.stepSeconds() + m.inputWaitSeconds() <= m.seconds(),
          "step and input-wait time are parts of the epoch's time: " + m);
    }
    if (r.stoppedEarly()) {
      assertEquals(best + 2, epochs.size(), "stopped two epochs after the best");
    } else {
      assertEquals(8, epochs.size());
    }
    // The two best epochs (ties to the earlier) are kept, the others deleted.
    List<EpochMetrics> ranked = new ArrayList<>(epochs);
    ranked.sort(java.util.Comparator.comparingDouble(EpochMetrics::valAccuracy).reversed()
        .thenComparingInt(EpochMetrics::epoch));
    RunDirectory dir = new RunDirectory(run);
    for (int i = 0; i < ranked.size(); i++) {
      assertEquals(i < 2, Files.isRegularFile(dir.bestCheckpoint(ranked.get(i).epoch())),
          "epoch " + ranked.get(i).epoch() + " of rank " + i);
    }
    assertEquals(best, Checkpoint.read(dir.bestCheckpoint()).epoch());
  }

  @Test
  void aListenerStopsTrainingAfterAnEpochAndSeesTheHistory() throws IOException {
    Path run = tmp.resolve("listener-stop");
    List<Integer> seenHistorySizes = new ArrayList<>();
    TrainingListener stopAfterTwo = new TrainingListener() {
      @Override
      public boolean stopAfter(EpochMetrics latest, List<EpochMetrics> history) {
        seenHistorySizes.add(history.size());
        assertEquals(latest, history.get(history.size() - 1));
        return latest.epoch() == 2;
      }
    };
    TrainResult r = new Trainer(config(run, 5), List.of(stopAfterTwo)).train(model, data);
    assertTrue(r.stoppedEarly());
    assertEquals(2, r.epochs().size());
    assertEquals(List.of(1, 2), seenHistorySizes);
    assertEquals(2, Files.readAllLines(new RunDirectory(run).metricsFile()).size());
    assertEquals(2, Checkpoint.read(new RunDirectory(run).lastCheckpoint()).epoch());
  }

  @Test
  void aRunConfigOfANewerMajorFormatIsRefusedByName() throws IOException {
    Path future = tmp.resolve("future-run");
    new RunDirectory(future).initialize(new RunConfig(RunConfig.FORMAT_VERSION, model.config(), config(future, 1),
        data.dir().toString(), data.manifest().dataSha256()), data);
    String json = Files.readString(new RunDirectory(future).configFile());
    assertTrue(json.contains("\"formatVersion\" : \"1.1\""), json);
    Files.writeString(new RunDirectory(future).configFile(),
        json.replace("\"formatVersion\" : \"1.1\"", "\"formatVersion\" : \"2.0\""));
    IOException e = assertThrows(IOException.class, () -> new RunDirectory(future).readConfig());
    assertTrue(e.getMessage().contains("config.json: format version 2.0 is newer than this Glimpse reads"),
        e.getMessage());
  }

  @Test
  void patienceStopsARunThatStopsImproving() throws IOException {
    Path run = tmp.resolve("patience1");
    TrainConfig tiny = config(run, 12).withLearningRate(1e-12)
        .withPolicy(LearningRateSchedule.CONSTANT, 1, 0, 0);
    TrainResult r = new Trainer(tiny, List.of()).train(model, data);
    // With patience 1, every epoch must improve on the best; twelve improving epochs in a row
    // from a run that cannot learn would be a coincidence the test would rather see fail.
    assertTrue(r.stoppedEarly(), "ran all " + r.epochs().size() + " epochs");
    assertEquals(r.bestEpoch() + 1, r.epochs().size());
  }

  @Test
  void resumesMidEpochFromAStepCheckpoint() throws IOException {
    // Checkpoints every 5 steps: 13 batches per epoch, so the last one of epoch 1 is at batch 10.
    Path run = tmp.resolve("mid");
    TrainConfig every5 = config(run, 1).withPolicy(LearningRateSchedule.CONSTANT, 0, 0, 5);
    new Trainer(every5, List.of()).train(model, data);
    RunDirectory dir = new RunDirectory(run);
    // Pretend the process died at step 10 of epoch 1: the step checkpoint is what it left.
    Path copy = tmp.resolve("mid-killed");
    TrainConfig killedConfig = config(copy, 1).withPolicy(LearningRateSchedule.CONSTANT, 0, 0, 5);
    List<Long> steps = new ArrayList<>();
    TrainingListener stopper = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batches, long step, double loss) {
        steps.add(step);
        if (step == 12) {
          throw new IllegalStateException("simulated crash");
        }
      }
    };
    assertThrows(IllegalStateException.class, () -> new Trainer(killedConfig, List.of(stopper)).train(model, data));
    Checkpoint left = Checkpoint.read(new RunDirectory(copy).lastCheckpoint());
    assertEquals(0, left.epoch());
    assertEquals(10, left.batch());
    assertEquals(10, left.step());
    List<Long> resumedSteps = new ArrayList<>();
    TrainingListener counter = new TrainingListener() {
      @Override
      public void onStep(int epoch, int batch, int batches, long step, double loss) {
        resumedSteps.add(step);
      }
    };
    TrainResult r = new Trainer(killedConfig, List.of(counter)).train(model, data);
    assertEquals(List.of(11L, 12L, 13L), resumedSteps, "the resumed run trains only batches 11-13");
    assertEquals(1, r.epochs().size());
    assertEquals(13, r.epochs().get(0).step());
    assertEquals(Checkpoint.read(dir.lastCheckpoint()).epoch(), 1);
  }

  @Test
  void trainsWithBinaryCrossEntropy() throws IOException {
    Path run = tmp.resolve("bce");
    TrainConfig bce = new TrainConfig(3, 32, 2, 3e-3, OptimizerKind.ADAMAX,
        LossKind.BINARY_CROSS_ENTROPY, 10.0, null, 0, 0, 0, 9L, 2, run);
    TrainResult r = new Trainer(bce, List.of()).train(model, data);
    double first = r.epochs().get(0).loss();
    double last = r.epochs().get(2).loss();
    // BCE sums over every answer: it starts near answers * log 2 and falls as the logits of the
    // wrong answers go negative.
    assertTrue(last < 0.8 * first, "loss fell from " + first + " to " + last);
    assertEquals(LossKind.BINARY_CROSS_ENTROPY, new RunDirectory(run).readConfig().train().loss());
  }
}
