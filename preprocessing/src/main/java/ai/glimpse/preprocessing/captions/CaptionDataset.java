package ai.glimpse.preprocessing.captions;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The images and captions of one COCO captions file, checked for consistency: image ids and
 * caption ids are unique, and every caption describes one of the images.
 *
 * @param images the images, in file order
 * @param captions the captions, in file order
 */
public record CaptionDataset(List<CaptionImage> images, List<Caption> captions) {
  /**
   * Copies the lists and checks them.
   *
   * @param images the images, in file order; copied into an unmodifiable list
   * @param captions the captions, in file order; copied into an unmodifiable list
   * @throws IllegalArgumentException naming the duplicated image or caption id, or the caption
   *     whose image is not in {@code images}
   */
  public CaptionDataset {
    images = List.copyOf(images);
    captions = List.copyOf(captions);
    Set<Long> imageIds = new HashSet<>(images.size() * 2);
    for (CaptionImage image : images) {
      if (!imageIds.add(image.id())) {
        throw new IllegalArgumentException("duplicate image id " + image.id());
      }
    }
    Set<Long> captionIds = new HashSet<>(captions.size() * 2);
    for (Caption c : captions) {
      if (!captionIds.add(c.id())) {
        throw new IllegalArgumentException("duplicate caption (annotation) id " + c.id());
      }
      if (!imageIds.contains(c.imageId())) {
        throw new IllegalArgumentException("caption " + c.id() + " is about image_id "
            + c.imageId() + ", which is not in the images list");
      }
    }
  }

  /**
   * Returns the caption texts of every image, keyed by image id in the order of {@link #images()},
   * each list in file order; an image without captions maps to an empty list.
   *
   * @return a new unmodifiable map with one entry per image, holding unmodifiable lists
   */
  public Map<Long, List<String>> captionsByImage() {
    Map<Long, List<String>> byImage = new LinkedHashMap<>(images.size() * 2);
    for (CaptionImage image : images) {
      byImage.put(image.id(), new ArrayList<>());
    }
    for (Caption c : captions) {
      byImage.get(c.imageId()).add(c.caption());
    }
    Map<Long, List<String>> frozen = new LinkedHashMap<>(byImage.size() * 2);
    byImage.forEach((id, texts) -> frozen.put(id, List.copyOf(texts)));
    return Collections.unmodifiableMap(frozen);
  }
}
