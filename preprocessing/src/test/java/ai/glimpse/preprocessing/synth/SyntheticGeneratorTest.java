package ai.glimpse.preprocessing.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glimpse.preprocessing.answers.AnswerProcessor;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.features.ObjectFeatureStore;
import ai.glimpse.preprocessing.features.ObjectFeatures;
import ai.glimpse.preprocessing.synth.SynthTestData.Obj;
import ai.glimpse.preprocessing.synth.SynthTestData.SceneData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticGeneratorTest {
  private static final SynthConfig SMALL = new SynthConfig(Preset.SHAPES, 12, 4, 42L, 0.1);

  @TempDir Path dir;

  @Test
  void sameConfigGivesByteIdenticalFilesAndAnotherSeedDoesNot() throws IOException {
    Path a = SyntheticGenerator.generate(SMALL, dir.resolve("a")).root();
    Path b = SyntheticGenerator.generate(SMALL, dir.resolve("b")).root();
    Map<String, byte[]> filesA = contents(a);
    Map<String, byte[]> filesB = contents(b);
    assertEquals(filesA.keySet(), filesB.keySet());
    assertEquals(2 * 5 + SMALL.trainImages() + SMALL.valImages(), filesA.size());
    for (String name : filesA.keySet()) {
      assertArrayEquals(filesA.get(name), filesB.get(name), name);
    }

    Path c = SyntheticGenerator.generate(SMALL.withSeed(43L), dir.resolve("c")).root();
    Map<String, byte[]> filesC = contents(c);
    assertFalse(java.util.Arrays.equals(filesA.get("train/questions.json"),
        filesC.get("train/questions.json")));
    assertFalse(java.util.Arrays.equals(filesA.get("train/images/synth_train_000000000001.png"),
        filesC.get("train/images/synth_train_000000000001.png")));
  }

  @Test
  void objectFeaturesHoldEachObjectsBoxSpatialFeaturesAndPatch() throws IOException {
    Path root = SyntheticGenerator.generate(SMALL, dir.resolve("o")).root();
    Map<Long, SceneData> scenes = SynthTestData.readScenes(root.resolve("train/scenes.json"));
    try (ObjectFeatureStore store = ObjectFeatureStore.open(root.resolve("train/objects.h5"))) {
      assertEquals(SMALL.trainImages(), store.size());
      assertEquals(Preset.SHAPES.maxObjects(), store.maxBoxes());
      assertEquals(3 * 8 * 8, store.featureDim());
      int checkedCenters = 0;
      for (SceneData scene : scenes.values()) {
        ObjectFeatures f = store.read(scene.imageId());
        assertEquals(scene.objects().size(), f.boxCount());
        for (int k = 0; k < f.maxBoxes(); k++) {
          if (k >= f.boxCount()) {
            for (int j = 0; j < 6; j++) {
              assertEquals(0f, f.spatial()[k * 6 + j], "padding slot " + k + " of image " + scene.imageId());
            }
            continue;
          }
          Obj o = scene.objects().get(k);
          float x1 = o.x() - o.radius() - 1;
          float y1 = o.y() - o.radius() - 1;
          float x2 = o.x() + o.radius() + 2;
          float y2 = o.y() + o.radius() + 2;
          assertArrayEquals(new float[] {x1, y1, x2, y2}, java.util.Arrays.copyOfRange(f.boxes(), k * 4, k * 4 + 4));
          float w = scene.width();
          assertArrayEquals(new float[] {x1 / w, y1 / w, x2 / w, y2 / w, (x2 - x1) / w, (y2 - y1) / w},
              java.util.Arrays.copyOfRange(f.spatial(), k * 6, k * 6 + 6), 1e-6f);
          if (!o.shape().equals("triangle")) {
            // The patch's central cells lie inside a circle or square: the object's color.
            int plane = 64;
            int center = 4 * 8 + 4;
            int base = k * 192;
            assertEquals(((o.rgb() >> 16) & 0xff) / 255f, f.features()[base + center], 0.02f);
            assertEquals(((o.rgb() >> 8) & 0xff) / 255f, f.features()[base + plane + center], 0.02f);
            assertEquals((o.rgb() & 0xff) / 255f, f.features()[base + 2 * plane + center], 0.02f);
            checkedCenters++;
          }
        }
      }
      assertTrue(checkedCenters > 10, "checked " + checkedCenters + " objects");
    }
  }

  @Test
  void sortOfClevrIsDeterministicToo() throws IOException {
    SynthConfig config = new SynthConfig(Preset.SORT_OF_CLEVR, 5, 2, 3L, 0.2);
    Map<String, byte[]> a = contents(SyntheticGenerator.generate(config, dir.resolve("a")).root());
    Map<String, byte[]> b = contents(SyntheticGenerator.generate(config, dir.resolve("b")).root());
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertArrayEquals(a.get(name), b.get(name), name);
    }
  }

  @Test
  void writesTheLayoutIdsAndCounts() throws IOException {
    SynthDataset data = SyntheticGenerator.generate(SMALL, dir.resolve("out"));
    assertEquals(dir.resolve("out").toAbsolutePath(), data.root());
    checkSplit(data.train(), "train", 1L, SMALL.trainImages(), Preset.SHAPES.questionsPerImage());
    checkSplit(data.val(), "val", 1_000_001L, SMALL.valImages(), Preset.SHAPES.questionsPerImage());
    // Nothing but the output directory is left next to it: no staging directory.
    try (Stream<Path> siblings = Files.list(dir)) {
      assertEquals(List.of(dir.resolve("out")), siblings.toList());
    }
  }

  @Test
  void sortOfClevrHasTwentyQuestionsPerImageHalfRelational() throws IOException {
    SynthConfig config = new SynthConfig(Preset.SORT_OF_CLEVR, 6, 3, 9L, 0.1);
    SynthDataset data = SyntheticGenerator.generate(config, dir.resolve("soc"));
    checkSplit(data.train(), "train", 1L, 6, 20);
    checkSplit(data.val(), "val", 1_000_001L, 3, 20);
    List<Annotation> annotations = VqaJson.readAnnotations(data.train().annotationsFile());
    Map<Long, List<Annotation>> byImage =
        annotations.stream().collect(Collectors.groupingBy(Annotation::imageId));
    for (List<Annotation> perImage : byImage.values()) {
      assertEquals(10, perImage.stream().filter(a -> SortOfClevr.isRelational(a.questionType()))
          .count());
    }
    for (SceneData s : SynthTestData.readScenes(data.train().scenesFile()).values()) {
      assertEquals(75, s.width());
      assertEquals(List.of("red", "green", "blue", "orange", "gray", "yellow"),
          s.objects().stream().map(Obj::color).toList());
      assertTrue(s.objects().stream().allMatch(
          o -> (o.shape().equals("circle") || o.shape().equals("square"))
              && o.radius() == s.objects().get(0).radius()));
    }
  }

  private static void checkSplit(SynthDataset.Split split, String name, long firstId, int images,
      int perImage) throws IOException {
    assertEquals(name, split.name());
    assertEquals(images, split.images());
    assertEquals(images * perImage, split.questions());
    List<Question> questions = VqaJson.readQuestions(split.questionsFile());
    List<Annotation> annotations = VqaJson.readAnnotations(split.annotationsFile());
    assertEquals(images * perImage, questions.size());
    assertEquals(images * perImage, annotations.size());
    assertTrue(Files.readString(split.questionsFile()).contains("\"data_subtype\":\"synth-" + name + "\""));
    Set<String> texts = new HashSet<>();
    for (int i = 0; i < questions.size(); i++) {
      Question q = questions.get(i);
      long imageId = firstId + i / perImage;
      assertEquals(imageId, q.imageId());
      assertEquals(imageId * 1000 + i % perImage, q.questionId());
      assertEquals(q.questionId(), annotations.get(i).questionId());
      assertEquals(10, annotations.get(i).answers().size());
      assertTrue(texts.add(q.imageId() + " " + q.question()), "repeated question " + q);
    }
    Map<Long, SceneData> scenes = SynthTestData.readScenes(split.scenesFile());
    assertEquals(images, scenes.size());
    try (Stream<Path> files = Files.list(split.imagesDir())) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(images, names.size());
      assertEquals(String.format("synth_%s_%012d.png", name, firstId), names.get(0));
      for (SceneData s : scenes.values()) {
        assertTrue(names.contains(s.fileName()), s.fileName());
        assertTrue(s.fileName().endsWith(String.format("%012d.png", s.imageId())));
      }
    }
  }

  @Test
  void renderedObjectsHaveTheirExactColorAndNoOtherColorsAppear() throws IOException {
    for (Preset preset : Preset.values()) {
      SynthDataset data = SyntheticGenerator.generate(
          new SynthConfig(preset, 8, 2, 1L, 0.0), dir.resolve(preset.cliName()));
      for (SceneData s : SynthTestData.readScenes(data.train().scenesFile()).values()) {
        BufferedImage image = ImageIO.read(data.train().imagesDir().resolve(s.fileName()).toFile());
        assertEquals(preset.imageSize(), image.getWidth());
        assertEquals(preset.imageSize(), image.getHeight());
        Set<Integer> allowed = new HashSet<>();
        allowed.add(s.background());
        for (Obj o : s.objects()) {
          allowed.add(o.rgb());
          assertEquals(o.rgb(), image.getRGB(o.x(), o.y()) & 0xFFFFFF, s.fileName() + " " + o);
          // The object keeps off the border.
          assertTrue(o.x() - o.radius() >= 1 && o.x() + o.radius() <= s.width() - 2, o.toString());
          assertTrue(o.y() - o.radius() >= 1 && o.y() + o.radius() <= s.height() - 2, o.toString());
        }
        for (int y = 0; y < image.getHeight(); y++) {
          for (int x = 0; x < image.getWidth(); x++) {
            int rgb = image.getRGB(x, y) & 0xFFFFFF;
            assertTrue(allowed.contains(rgb),
                s.fileName() + " has a blended color at " + x + "," + y);
            if (x == 0 || y == 0 || x == image.getWidth() - 1 || y == image.getHeight() - 1) {
              assertEquals(s.background(), rgb, "border pixel " + x + "," + y);
            }
          }
        }
        // Bounding boxes are disjoint, so objects neither overlap nor touch.
        for (Obj o : s.objects()) {
          for (Obj p : s.objects()) {
            if (o != p) {
              int reach = o.radius() + p.radius() + 1;
              assertTrue(Math.abs(o.x() - p.x()) > reach || Math.abs(o.y() - p.y()) > reach,
                  o + " touches " + p);
            }
          }
        }
      }
    }
  }

  @Test
  void noiseKeepsQuestionsAndCorruptsAboutTheRightShareOfAnswers() throws IOException {
    SynthConfig noisy = new SynthConfig(Preset.SHAPES, 50, 2, 8L, 0.1);
    SynthDataset clean = SyntheticGenerator.generate(noisy.withNoise(0.0), dir.resolve("clean"));
    SynthDataset data = SyntheticGenerator.generate(noisy, dir.resolve("noisy"));
    // The answers draw from their own random stream: the questions do not depend on the noise.
    assertArrayEquals(Files.readAllBytes(clean.train().questionsFile()),
        Files.readAllBytes(data.train().questionsFile()));

    List<Annotation> truths = VqaJson.readAnnotations(clean.train().annotationsFile());
    List<Annotation> answers = VqaJson.readAnnotations(data.train().annotationsFile());
    int total = 0;
    int exact = 0;
    int wrong = 0;
    int normalizedBack = 0;
    int yes = 0;
    int yesNo = 0;
    Map<String, Integer> types = new TreeMap<>();
    for (int i = 0; i < truths.size(); i++) {
      String truth = truths.get(i).multipleChoiceAnswer();
      Annotation a = answers.get(i);
      assertEquals(truths.get(i).questionType(), a.questionType());
      types.merge(a.answerType(), 1, Integer::sum);
      if (a.answerType().equals("yes/no")) {
        yesNo++;
        yes += truth.equals("yes") ? 1 : 0;
      }
      for (String raw : a.answers()) {
        total++;
        if (raw.equals(truth)) {
          exact++;
        } else {
          wrong++;
          normalizedBack += AnswerProcessor.normalize(raw).equals(truth) ? 1 : 0;
        }
      }
    }
    assertTrue(total >= 4000, "total " + total);
    double exactShare = exact / (double) total;
    // 1 - noise, within about 4 standard deviations of a binomial share over 5000 answers.
    assertEquals(0.9, exactShare, 0.02, "share of answers equal to the truth");
    // About half of the deviations are format variants, most of which normalize to the truth.
    double variantShare = normalizedBack / (double) wrong;
    assertTrue(variantShare > 0.3 && variantShare < 0.6, "variant share " + variantShare);

    assertEquals(Set.of("yes/no", "number", "other"), types.keySet());
    double questions = truths.size();
    assertEquals(1.0 / 3, types.get("yes/no") / questions, 0.08, types.toString());
    assertEquals(1.0 / 4, types.get("number") / questions, 0.08, types.toString());
    double yesShare = yes / (double) yesNo;
    assertTrue(yesShare >= 0.35 && yesShare <= 0.65, "yes share " + yesShare);
  }

  @Test
  void refusesANonEmptyOutputDirectoryAndLeavesItAlone() throws IOException {
    Path out = Files.createDirectories(dir.resolve("taken"));
    Files.writeString(out.resolve("keep.txt"), "mine");
    FileAlreadyExistsException e = assertThrows(FileAlreadyExistsException.class,
        () -> SyntheticGenerator.generate(SMALL, out));
    assertTrue(e.getMessage().contains("taken"), e.getMessage());
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of(out.resolve("keep.txt")), files.toList());
    }
    Path empty = Files.createDirectories(dir.resolve("empty"));
    SynthDataset data = SyntheticGenerator.generate(SMALL.withImages(1, 1), empty);
    assertTrue(Files.isRegularFile(data.val().annotationsFile()));
    assertNotEquals(data.train().dir(), data.val().dir());
  }

  /** Returns every file under {@code root} by its relative path with forward slashes. */
  private static Map<String, byte[]> contents(Path root) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
      }
    }
    return out;
  }
}
