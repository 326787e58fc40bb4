package ai.glimpse.tf.caption;

import ai.glimpse.preprocessing.captions.CaptionSearch;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.captions.Caption;
import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CaptionImage;
import ai.glimpse.tf.train.OptimizerKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trains a tiny captioner on 64 images with one distinct caption each and checks that it
 * memorizes them, that a run resumes, and that beam width 1 and near-zero temperature sampling
 * give the greedy captions.
 */
class CaptionTrainingTest {
  /** A grid input of 16 channels on 4×4 cells: memorizing needs no stem to learn first. */
  static final ShowAttendTellConfig SMALL = new ShowAttendTellConfig(
      ShowAttendTellConfig.ImageInput.GRID, List.of(16, 4, 4), List.of(), 8, 32, 64, 32, 0.0,
      1.0, 5L);

  /** 64 distinct captions "a red circle left of a blue square" ..., on seeded random feature grids [16, 4, 4]. */
  static CaptionCorpus corpus64() {
    String[] colors = {"red", "blue", "green", "yellow"};
    String[] shapes = {"circle", "square"};
    String[] relations = {"left of", "above"};
    List<String> all = new ArrayList<>();
    for (String c1 : colors) {
      for (String s1 : shapes) {
        for (String r : relations) {
          for (String c2 : colors) {
            for (String s2 : shapes) {
              all.add("a " + c1 + " " + s1 + " " + r + " a " + c2 + " " + s2);
            }
          }
        }
      }
    }
    Collections.shuffle(all, new Random(3));
    List<CaptionImage> images = new ArrayList<>();
    List<Caption> captions = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<float[]> pixels = new ArrayList<>();
    List<List<String>> texts = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      long id = 100 + i;
      images.add(new CaptionImage(id, "grid" + i + ".png", 4, 4));
      captions.add(new Caption(1000 + i, id, all.get(i)));
      ids.add(id);
      // Each image: seeded random features in [-1, 1] on each of its 16 cells.
      float[] p = ShowAttendTellGradientTest.random(16 * 4 * 4, 77 + i, 1.0);
      pixels.add(p);
      texts.add(List.of(all.get(i)));
    }
    return new CaptionCorpus(new CaptionDataset(images, captions), ids, pixels, texts);
  }

  @Test
  void memorizes64CaptionsResumesAndBeamOneIsGreedy(@TempDir Path tmp) throws Exception {
    CaptionCorpus data = corpus64();
    Path run = tmp.resolve("run");
    CaptionTrainConfig first = new CaptionTrainConfig(40, 8, 0.01, OptimizerKind.ADAM, 5, 1, 0, 9);
    CaptionTrainer.Result r1 = new CaptionTrainer(first, CaptionScorer.exactMatch()).train(SMALL, data, data, run);
    assertEquals(40, r1.metrics().size());
    // Resuming with more epochs continues after epoch 40 from last.h5 and keeps the history.
    CaptionTrainer.Result r2 = new CaptionTrainer(first.withEpochs(80), CaptionScorer.exactMatch())
        .train(SMALL, data, data, run);
    assertEquals(80, r2.metrics().size());
    assertEquals(80, r2.metrics().get(79).epoch());
    assertEquals(80, Files.readAllLines(run.resolve("metrics.jsonl")).size());
    double exact = r2.bestScore();
    // A model that ignores the image says one caption for all, right for at most 1 of the 64
    // distinct captions (1.6%); memorization must reach 80%.
    assertTrue(exact >= 0.8, "exact match " + exact + ", metrics " + r2.metrics().get(79));
    assertTrue(r2.metrics().get(79).crossEntropy() < 0.3 * r2.metrics().get(0).crossEntropy(),
        "cross-entropy fell from " + r2.metrics().get(0).crossEntropy() + " to " + r2.metrics().get(79).crossEntropy());
    // Another configuration in the same run directory is refused, naming the difference.
    java.io.IOException e = assertThrows(java.io.IOException.class, () -> new CaptionTrainer(first,
        CaptionScorer.exactMatch()).train(SMALL.withSeed(6), data, data, run));
    assertTrue(e.getMessage().contains("another model configuration"), e.getMessage());

    CaptionRun saved = new CaptionRun(run);
    assertTrue(CaptionRun.isCaptionRun(run));
    try (CaptionDecoder decoder = saved.openDecoder()) {
      float[][] px = data.pixels().subList(0, 8).toArray(float[][]::new);
      List<CaptionSearch.Generated> greedy = decoder.greedy(px);
      for (int i = 0; i < 8; i++) {
        CaptionSearch.Generated b1 = decoder.beam(px[i], 1);
        assertArrayEquals(greedy.get(i).words(), b1.words(), "image " + i);
        assertEquals(greedy.get(i).logProbability(), b1.logProbability(), 1e-9);
        CaptionSearch.Generated cold = decoder.sample(px[i], 1e-3, 42);
        assertArrayEquals(greedy.get(i).words(), cold.words(), "sampling at T = 0.001, image " + i);
        CaptionSearch.Generated b3 = decoder.beam(px[i], 3);
        assertTrue(b3.logProbability() / b3.scoredTokens()
            >= greedy.get(i).logProbability() / greedy.get(i).scoredTokens() - 1e-9
            || b3.words().length > 0, "beam 3 returns a caption");
        assertEquals(b3.words().length, b3.attention().length);
        for (float[] alpha : b3.attention()) {
          double sum = 0;
          for (float a : alpha) {
            sum += a;
          }
          assertEquals(1.0, sum, 1e-5, "attention over " + SMALL.locations() + " cells sums to 1");
          assertEquals(SMALL.locations(), alpha.length);
        }
      }
    }
  }

  @Test
  void aDivergingRunStopsWithTheEpochAndBatchAndKeepsNoBrokenCheckpoint(@TempDir Path tmp) {
    CaptionCorpus data = corpus64();
    Path run = tmp.resolve("run");
    // Adam moves every weight by about the learning rate per step: 1e38 overflows float32 at once.
    CaptionTrainConfig wild = new CaptionTrainConfig(2, 8, 1e38, OptimizerKind.ADAM, 5, 1, 0, 9);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new CaptionTrainer(wild, CaptionScorer.exactMatch()).train(SMALL, data, data, run));
    assertTrue(e.getMessage().contains("at epoch 1 batch"), e.getMessage());
    assertTrue(e.getMessage().contains("lower the learning rate"), e.getMessage());
    assertFalse(Files.exists(run.resolve("best.h5")), "no epoch finished, so no best checkpoint");
    assertFalse(Files.exists(run.resolve("last.h5")));
  }

  @Test
  void beamWidthOneIsGreedyOnAnUntrainedModel() {
    // Untrained, the word distributions are flat, so ties and near-ties are common.
    ShowAttendTell model = new ShowAttendTell(SMALL, 12);
    CaptionCorpus data = corpus64();
    try (CaptionDecoder decoder = CaptionDecoder.initialized(model)) {
      float[][] px = data.pixels().subList(0, 6).toArray(float[][]::new);
      List<CaptionSearch.Generated> greedy = decoder.greedy(px);
      for (int i = 0; i < px.length; i++) {
        assertArrayEquals(greedy.get(i).words(), decoder.beam(px[i], 1).words(), "image " + i);
        assertTrue(greedy.get(i).words().length <= SMALL.maxWords());
      }
      CaptionSearch.Generated a = decoder.sample(px[0], 1.0, 7);
      CaptionSearch.Generated b = decoder.sample(px[0], 1.0, 7);
      assertArrayEquals(a.words(), b.words(), "sampling is repeatable from its seed");
    }
  }
}
