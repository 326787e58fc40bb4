package ai.glimpse.preprocessing.synth;

import ai.glimpse.preprocessing.captions.Caption;
import ai.glimpse.preprocessing.captions.CaptionDataset;
import ai.glimpse.preprocessing.captions.CaptionImage;
import ai.glimpse.preprocessing.captions.CocoCaptionsJson;
import ai.glimpse.preprocessing.data.Annotation;
import ai.glimpse.preprocessing.data.Question;
import ai.glimpse.preprocessing.data.VqaJson;
import ai.glimpse.preprocessing.io.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a synthetic VQA dataset: for each of the splits {@code train} and {@code val}, the PNG
 * images, {@code questions.json} and {@code annotations.json} in the official VQA v2 formats,
 * {@code scenes.json} with the ground truth of every image, and {@code captions.json} with
 * {@value SceneCaptions#PER_IMAGE} captions per image in the COCO captions format.
 *
 * <p>Layout: {@code outDir/{train,val}/{questions.json, annotations.json, scenes.json,
 * captions.json, objects.h5, images/synth_<split>_<12-digit image id>.png}}; {@code objects.h5}
 * holds each
 * object's box, spatial features and pixel patch in the {@code convert-tsv} layout (see
 * {@link SynthObjects}). Training image ids count from 1, validation ids
 * from 1,000,001, and question ids are {@code image_id * 1000 + k} for the k-th question (from 0)
 * of an image; caption ids are {@code image_id * 10 + k} for the k-th caption (from 0). The data
 * subtypes are {@code synth-train} and {@code synth-val}.
 *
 * <p>The output depends on the config alone: the same config gives byte-identical files. Each
 * split draws from its own {@link SplittableRandom} seeded with {@code seed ^ splitConstant}, split
 * once for scenes and questions, once for human answers and once for captions, so that changing the
 * noise changes the answers but not the scenes or questions, and the captions (added last) change
 * nothing else.
 *
 * <p>The dataset is built in a hidden sibling directory and moved to {@code outDir} at the end, so a
 * failed run leaves nothing under {@code outDir}.
 */
public final class SyntheticGenerator {
  private static final Logger LOG = LoggerFactory.getLogger(SyntheticGenerator.class);

  private static final int SCENE_TRIES = 1000;
  /** The object features of a split ({@code DIR/{split}/objects.h5}). */
  public static final String OBJECTS_FILE = "objects.h5";
  /** The captions of a split in the COCO captions format ({@code DIR/{split}/captions.json}). */
  public static final String CAPTIONS_FILE = "captions.json";

  /** The splits, with their first image id and the constant mixed into the seed. */
  private enum SplitSpec {
    TRAIN("train", 1L, 0x9E3779B97F4A7C15L),
    VAL("val", 1_000_001L, 0xC2B2AE3D27D4EB4FL);

    final String name;
    final long firstImageId;
    final long seedConstant;

    SplitSpec(String name, long firstImageId, long seedConstant) {
      this.name = name;
      this.firstImageId = firstImageId;
      this.seedConstant = seedConstant;
    }
  }

  /** One image's scene with its questions. */
  private record Item(Scene scene, List<SynthQuestion> questions) {}

  private SyntheticGenerator() {}

  /**
   * Generates the dataset described by {@code config} into {@code outDir}.
   *
   * @param config the preset, split sizes, seed and noise; the same config gives the same dataset
   * @param outDir the output directory; it must not exist or be an empty directory
   * @return where the splits were written and how many images and questions they have
   * @throws FileAlreadyExistsException if {@code outDir} exists and is not an empty directory
   * @throws IOException if a file cannot be written; nothing is then left under {@code outDir}
   */
  public static SynthDataset generate(SynthConfig config, Path outDir) throws IOException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(outDir, "outDir");
    Path target = outDir.toAbsolutePath().normalize();
    if (Files.exists(target) && !isEmptyDirectory(target)) {
      throw new FileAlreadyExistsException(target.toString(), null,
          "output directory exists and is not empty; remove it or choose another");
    }
    Path parent = target.getParent();
    if (parent == null) {
      throw new IllegalArgumentException("outDir must not be a file system root, got " + outDir);
    }
    Files.createDirectories(parent);
    Path staging = parent.resolve("." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid());
    AtomicFiles.deleteRecursively(staging);
    LOG.info("generating {} ({} train, {} val images, seed {}, noise {}) into {}",
        config.preset().cliName(), config.trainImages(), config.valImages(), config.seed(),
        config.noise(), target);
    try {
      SynthDataset.Split train = writeSplit(config, SplitSpec.TRAIN, staging, target);
      SynthDataset.Split val = writeSplit(config, SplitSpec.VAL, staging, target);
      Files.deleteIfExists(target);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(staging, target);
      }
      return new SynthDataset(target, config, train, val);
    } catch (IOException | RuntimeException | Error e) {
      try {
        AtomicFiles.deleteRecursively(staging);
      } catch (IOException cleanup) {
        e.addSuppressed(cleanup);
      }
      throw e;
    }
  }

  private static SynthDataset.Split writeSplit(SynthConfig config, SplitSpec split, Path staging,
      Path target) throws IOException {
    SplittableRandom base = new SplittableRandom(config.seed() ^ split.seedConstant);
    SplittableRandom sceneRng = base.split();
    SplittableRandom answerRng = base.split();
    SplittableRandom captionRng = base.split();
    Path dir = staging.resolve(split.name);
    Path imagesDir = dir.resolve("images");
    Files.createDirectories(imagesDir);

    int count = split == SplitSpec.TRAIN ? config.trainImages() : config.valImages();
    List<Scene> scenes = new ArrayList<>(count);
    List<Question> questions = new ArrayList<>();
    List<Annotation> annotations = new ArrayList<>();
    List<CaptionImage> captionImages = new ArrayList<>(count);
    List<Caption> captions = new ArrayList<>(count * SceneCaptions.PER_IMAGE);
    SynthObjects objects = new SynthObjects(count, config.preset().maxObjects());
    for (int i = 0; i < count; i++) {
      long imageId = split.firstImageId + i;
      String fileName = String.format(Locale.ROOT, "synth_%s_%012d.png", split.name, imageId);
      Item item = sample(config.preset(), imageId, fileName, sceneRng);
      BufferedImage image = SceneRenderer.render(item.scene());
      AtomicFiles.write(imagesDir.resolve(fileName), out -> SceneRenderer.writePng(image, out));
      scenes.add(item.scene());
      objects.add(item.scene(), image);
      for (int k = 0; k < item.questions().size(); k++) {
        SynthQuestion q = item.questions().get(k);
        long questionId = imageId * 1000 + k;
        List<String> answers = HumanAnswers.sample(q, config.noise(), answerRng);
        questions.add(new Question(questionId, imageId, q.text()));
        annotations.add(new Annotation(questionId, imageId, q.questionType(), q.answerType(),
            HumanAnswers.majority(answers, q.answer()), answers));
      }
      Scene scene = item.scene();
      captionImages.add(new CaptionImage(imageId, fileName, scene.width(), scene.height()));
      List<String> texts = SceneCaptions.generate(scene, config.preset() == Preset.SHAPES,
          captionRng);
      for (int k = 0; k < texts.size(); k++) {
        captions.add(new Caption(imageId * 10 + k, imageId, texts.get(k)));
      }
    }
    String subtype = "synth-" + split.name;
    VqaJson.writeQuestions(dir.resolve("questions.json"), questions, subtype);
    VqaJson.writeAnnotations(dir.resolve("annotations.json"), annotations, subtype);
    SceneJson.write(dir.resolve("scenes.json"), scenes);
    objects.write(dir.resolve(OBJECTS_FILE));
    CocoCaptionsJson.write(dir.resolve(CAPTIONS_FILE), new CaptionDataset(captionImages, captions),
        "Glimpse synthetic " + config.preset().cliName() + " captions, " + split.name);
    LOG.info("{}: wrote {} images, {} questions and {} captions", split.name, count,
        questions.size(), captions.size());
    return new SynthDataset.Split(split.name, target.resolve(split.name), count, questions.size());
  }

  private static Item sample(Preset preset, long imageId, String fileName, SplittableRandom rng) {
    switch (preset) {
      case SHAPES -> {
        Scene scene = SceneSampler.shapes(imageId, fileName, rng);
        return new Item(scene, ShapesQuestions.generate(scene, rng));
      }
      case SORT_OF_CLEVR -> {
        for (int t = 0; t < SCENE_TRIES; t++) {
          Scene scene = SceneSampler.sortOfClevr(imageId, fileName, rng);
          List<SynthQuestion> questions = SortOfClevr.questions(scene, rng);
          if (questions != null) {
            return new Item(scene, questions);
          }
        }
        throw new IllegalStateException(
            "no Sort-of-CLEVR scene with enough relational questions for image " + imageId);
      }
      default -> throw new IllegalArgumentException("unsupported preset " + preset);
    }
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      return !entries.iterator().hasNext();
    }
  }
}
