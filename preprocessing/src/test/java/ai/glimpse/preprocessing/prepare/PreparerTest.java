package ai.glimpse.preprocessing.prepare;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.batch.Batch;
import ai.glimpse.preprocessing.batch.BatchIterator;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.features.ImageLoader;
import ai.glimpse.preprocessing.synth.Preset;
import ai.glimpse.preprocessing.synth.SynthConfig;
import ai.glimpse.preprocessing.synth.SyntheticGenerator;
import ai.glimpse.preprocessing.text.Tokenizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparerTest {
  @TempDir
  static Path tmp;
  static Path dataset;
  static Path prepared;
  static Manifest manifest;

  @BeforeAll
  static void prepareSmallDataset() throws IOException {
    dataset = tmp.resolve("data");
    SyntheticGenerator.generate(new SynthConfig(Preset.SHAPES, 12, 5, 3, 0.1), dataset);
    prepared = tmp.resolve("prepared");
    manifest = new Preparer(PrepareConfig.forLayout(dataset)).prepare(prepared);
  }

  @Test
  void writesTheDocumentedLayout() {
    for (String f : List.of("manifest.json", "vocab.json", "answers.json", "train/encoded.h5",
        "train/features.h5", "train/questions.json", "train/annotations.json", "val/encoded.h5",
        "val/features.h5", "val/questions.json", "val/annotations.json")) {
      assertTrue(Files.isRegularFile(prepared.resolve(f)), f);
    }
    assertEquals(120, manifest.splits().get("train").questions());
    assertEquals(12, manifest.splits().get("train").images());
    assertEquals(50, manifest.splits().get("val").questions());
    assertEquals(64, manifest.imageSize());
    assertEquals(64, manifest.dataSha256().length());
  }

  @Test
  void vocabulariesComeFromTheTrainingSplitOnly() throws IOException {
    PreparedDataset data = PreparedDataset.open(prepared);
    Tokenizer tok = new Tokenizer(true);
    Set<String> trainWords = new HashSet<>();
    for (Question q : VqaJson.readQuestions(dataset.resolve("train/questions.json"))) {
      trainWords.addAll(tok.tokenize(q.question()));
    }
    List<String> words = new ArrayList<>(data.vocabulary().tokens().subList(2, data.vocabulary().size()));
    assertEquals(trainWords, new HashSet<>(words));
  }

  @Test
  void encodedSplitMatchesQuestionsAndImages() throws IOException {
    PreparedDataset data = PreparedDataset.open(prepared);
    PreparedSplit val = data.split("val");
    List<Question> questions = VqaJson.readQuestions(dataset.resolve("val/questions.json"));
    assertEquals(questions.size(), val.size());
    ImageLoader loader = new ImageLoader(64);
    Question q = questions.get(7);
    assertEquals(q.questionId(), val.encoded().questionIds()[7]);
    assertArrayEquals(data.vocabulary().encode(q.question()),
        java.util.Arrays.copyOfRange(val.encoded().tokens(), 7 * 14, 8 * 14));
    float[] expected;
    try (Stream<Path> files = Files.list(dataset.resolve("val/images"))) {
      Path image = files.filter(p -> p.getFileName().toString().endsWith(String.format("%012d.png", q.imageId())))
          .findFirst().orElseThrow();
      expected = loader.load(image);
    }
    float[] row = new float[val.features().shape().length()];
    val.features().readRow(val.encoded().imageRows()[7], row, 0);
    assertArrayEquals(expected, row, 0f);
  }

  @Test
  void batchesCoverEverySplitQuestionOnceWithDenseTargets() throws IOException {
    PreparedDataset data = PreparedDataset.open(prepared);
    PreparedSplit train = data.split("train");
    int answers = data.answers().size();
    BatchIterator it = new BatchIterator(train, 32, answers, 42L);
    assertEquals(4, it.batchCount());
    Set<Long> seen = new HashSet<>();
    int covered = 0;
    while (it.hasNext()) {
      Batch b = it.next();
      for (int i = 0; i < b.size(); i++) {
        assertTrue(seen.add(b.questionIds()[i]));
        float max = 0;
        for (int a = 0; a < answers; a++) {
          max = Math.max(max, b.targets()[i * answers + a]);
        }
        covered += max > 0 ? 1 : 0;
      }
    }
    assertEquals(120, seen.size());
    // with 10% noise the majority answer (>= 3 annotators) always scores 1
    assertEquals(120, covered);
    long[] first = new BatchIterator(train, 32, answers, 42L).next().questionIds().clone();
    long[] again = new BatchIterator(train, 32, answers, 42L).next().questionIds();
    long[] other = new BatchIterator(train, 32, answers, 43L).next().questionIds();
    assertArrayEquals(first, again, "same seed, same order");
    assertFalse(java.util.Arrays.equals(first, other), "another seed, another order");
  }

  @Test
  void groupedBatchesShareEachImageAmongItsQuestions() throws IOException {
    PreparedSplit train = PreparedDataset.open(prepared).split("train");
    int answers = PreparedDataset.open(prepared).answers().size();
    int len = train.features().shape().length();
    BatchIterator it = BatchIterator.grouped(train, 32, answers, 5L, 4);
    Set<Long> seen = new HashSet<>();
    int images = 0;
    int batches = 0;
    long[] firstIds = null;
    float[] expected = new float[len];
    while (it.hasNext()) {
      Batch b = it.next();
      batches++;
      if (firstIds == null) {
        firstIds = b.questionIds().clone();
      }
      images += b.imageCount();
      assertTrue(b.imageCount() <= b.size());
      for (int i = 0; i < b.size(); i++) {
        assertTrue(seen.add(b.questionIds()[i]));
        int q = indexOf(train.encoded().questionIds(), b.questionIds()[i]);
        // The question's image row holds exactly its image's pixels.
        train.features().readRow(train.encoded().imageRows()[q], expected, 0);
        float[] actual = java.util.Arrays.copyOfRange(b.images(), b.imageIndex()[i] * len,
            (b.imageIndex()[i] + 1) * len);
        assertArrayEquals(expected, actual, 0f, "question " + b.questionIds()[i]);
      }
    }
    assertEquals(120, seen.size());
    assertEquals(4, batches);
    // 12 images of 10 questions make 36 groups (4 + 4 + 2): at most one image row per group, and
    // fewer where groups of one image meet in a batch; never one row per question (120).
    assertTrue(images >= 12 && images <= 36, "image rows " + images);
    assertArrayEquals(firstIds, BatchIterator.grouped(train, 32, answers, 5L, 4).next().questionIds(),
        "same seed, same order");
  }

  private static int indexOf(long[] ids, long id) {
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == id) {
        return i;
      }
    }
    throw new AssertionError("no question " + id);
  }

  @Test
  void questionWithoutImageNamesItAndLeavesNoOutput() throws IOException {
    Path broken = tmp.resolve("broken");
    copyTree(dataset, broken);
    Path image;
    try (Stream<Path> files = Files.list(broken.resolve("val/images"))) {
      image = files.sorted().findFirst().orElseThrow();
    }
    Files.delete(image);
    Path out = tmp.resolve("broken-prepared");
    IOException e = assertThrows(IOException.class,
        () -> new Preparer(PrepareConfig.forLayout(broken)).prepare(out));
    String id = image.getFileName().toString().replaceAll("\\D", "").replaceFirst("^0+", "");
    assertTrue(e.getMessage().contains("image_id " + id), e.getMessage());
    assertTrue(e.getMessage().contains("question_id"), e.getMessage());
    assertFalse(Files.exists(out));
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().contains("tmp")), "no temporary left");
    }
  }

  @Test
  void preparingAgainReplacesTheOldDirectoryAndLeavesNoHiddenCopies() throws IOException {
    Path out = tmp.resolve("again");
    new Preparer(PrepareConfig.forLayout(dataset)).prepare(out);
    Path stale = Files.writeString(out.resolve("stale.txt"), "from an earlier run");
    Manifest again = new Preparer(PrepareConfig.forLayout(dataset)).prepare(out);
    assertFalse(Files.exists(stale), "the old directory is gone as a whole");
    assertTrue(Files.isRegularFile(out.resolve("train/encoded.h5")));
    assertEquals(manifest.splits().get("train").questions(), again.splits().get("train").questions());
    try (Stream<Path> siblings = Files.list(tmp)) {
      assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".again")),
          "neither the temporary nor the old copy is left");
    }
  }

  @Test
  void malformedJsonAndMissingFilesAreNamed() throws IOException {
    Path broken = tmp.resolve("malformed");
    copyTree(dataset, broken);
    Files.writeString(broken.resolve("train/annotations.json"), "{\"annotations\": [ {\"question_id\": 1,");
    IOException e = assertThrows(IOException.class,
        () -> new Preparer(PrepareConfig.forLayout(broken)).prepare(tmp.resolve("malformed-out")));
    assertTrue(e.getMessage().contains("annotations.json"), e.getMessage());
    assertFalse(Files.exists(tmp.resolve("malformed-out")));

    Files.copy(dataset.resolve("train/annotations.json"), broken.resolve("train/annotations.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.delete(broken.resolve("val/questions.json"));
    NoSuchFileException missing = assertThrows(NoSuchFileException.class,
        () -> new Preparer(PrepareConfig.forLayout(broken)).prepare(tmp.resolve("missing-out")));
    assertTrue(missing.getFile().endsWith("questions.json"));
  }

  @Test
  void openRefusesDirectoriesThatAreNotPrepared() {
    NoSuchFileException e = assertThrows(NoSuchFileException.class,
        () -> PreparedDataset.open(tmp.resolve("nothing-here")));
    assertTrue(e.getMessage().contains("nothing-here"));
  }

  @Test
  void theManifestStatesItsFormatVersionAndANewerMajorIsRefused() throws IOException {
    String json = Files.readString(prepared.resolve("manifest.json"));
    assertTrue(json.contains("\"formatVersion\" : \"1.1\""), json);
    Path future = tmp.resolve("future-prepared");
    copyTree(prepared, future);
    Files.writeString(future.resolve("manifest.json"),
        json.replace("\"formatVersion\" : \"1.1\"", "\"formatVersion\" : \"2.0\""));
    IOException e = assertThrows(IOException.class, () -> PreparedDataset.open(future));
    assertTrue(e.getMessage().contains("manifest.json: format version 2.0 is newer than this Glimpse reads"),
        e.getMessage());
    Files.writeString(future.resolve("manifest.json"),
        json.replace("\"formatVersion\" : \"1.1\"", "\"formatVersion\" : 1"));
    assertEquals(1, PreparedDataset.open(future).manifest().formatVersion().major(),
        "directories prepared before minor versions read as 1.0");
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
