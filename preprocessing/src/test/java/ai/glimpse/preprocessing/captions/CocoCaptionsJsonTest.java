package ai.glimpse.preprocessing.captions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoCaptionsJsonTest {
  @TempDir Path dir;

  @Test
  void readsTheCocoLayoutSkippingUnknownFieldsInEitherListOrder() throws IOException {
    Path file = write("captions.json", """
        {"info": {"year": 2014}, "licenses": [{"id": 1}],
         "annotations": [
          {"image_id": 9, "id": 48, "caption": "A man riding a horse."},
          {"image_id": 25, "id": 49, "caption": "Two dogs play."},
          {"image_id": 9, "id": 50, "caption": "A rider on a brown horse"}],
         "images": [
          {"license": 3, "file_name": "COCO_val2014_000000000009.jpg", "height": 480,
           "width": 640, "id": 9, "date_captured": "2013"},
          {"file_name": "b.jpg", "height": 10, "width": 20, "id": 25},
          {"file_name": "c.jpg", "height": 10, "width": 20, "id": 26}]}
        """);
    CaptionDataset d = CocoCaptionsJson.read(file);
    assertEquals(new CaptionImage(9, "COCO_val2014_000000000009.jpg", 640, 480), d.images().get(0));
    assertEquals(new Caption(49, 25, "Two dogs play."), d.captions().get(1));
    Map<Long, List<String>> byImage = d.captionsByImage();
    assertEquals(List.of(9L, 25L, 26L), List.copyOf(byImage.keySet()));
    assertEquals(List.of("A man riding a horse.", "A rider on a brown horse"), byImage.get(9L));
    assertEquals(List.of(), byImage.get(26L));
  }

  @Test
  void writeThenReadGivesTheSameDataset() throws IOException {
    CaptionDataset d = new CaptionDataset(
        List.of(new CaptionImage(1, "a.png", 64, 64), new CaptionImage(2, "b.png", 64, 32)),
        List.of(new Caption(10, 1, "a \"quoted\" red circle"), new Caption(20, 2, "two squares")));
    Path file = dir.resolve("out/captions.json");
    CocoCaptionsJson.write(file, d, "test");
    assertEquals(d, CocoCaptionsJson.read(file));
    // One record per line, so that error lines point at one record.
    assertTrue(Files.readAllLines(file).contains("{\"image_id\":2,\"id\":20,\"caption\":\"two squares\"}"));
  }

  @Test
  void duplicateAnnotationIdNamesFileLinesAndId() throws IOException {
    Path file = write("dup.json", """
        {"images": [{"id": 1, "file_name": "a", "width": 1, "height": 1}],
         "annotations": [
          {"image_id": 1, "id": 7, "caption": "x"},
          {"image_id": 1, "id": 7, "caption": "y"}]}
        """);
    IOException e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(file));
    assertTrue(e.getMessage().contains("dup.json line 4: annotation id 7 duplicates the"
        + " annotation on line 3"), e.getMessage());
  }

  @Test
  void duplicateImageIdIsAnError() throws IOException {
    Path file = write("dupimg.json", """
        {"images": [{"id": 1, "file_name": "a", "width": 1, "height": 1},
         {"id": 1, "file_name": "b", "width": 1, "height": 1}], "annotations": []}
        """);
    IOException e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(file));
    assertTrue(e.getMessage().contains("dupimg.json line 2: image id 1 duplicates"), e.getMessage());
  }

  @Test
  void captionOfUnknownImageNamesTheAnnotationAndImage() throws IOException {
    Path file = write("unknown.json", """
        {"annotations": [
          {"image_id": 1, "id": 7, "caption": "x"},
          {"image_id": 5, "id": 8, "caption": "y"}],
         "images": [{"id": 1, "file_name": "a", "width": 1, "height": 1}]}
        """);
    IOException e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(file));
    assertTrue(e.getMessage().contains("unknown.json line 3: annotation id 8 is about image_id 5"),
        e.getMessage());
  }

  @Test
  void missingFieldsAndWrongTypesNameTheRecord() throws IOException {
    Path noCaption = write("nocap.json", """
        {"images": [{"id": 1, "file_name": "a", "width": 1, "height": 1}],
         "annotations": [{"image_id": 1, "id": 7}]}
        """);
    IOException e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(noCaption));
    assertTrue(e.getMessage().contains("nocap.json line 2: annotation id 7 has no caption"),
        e.getMessage());

    Path noWidth = write("nowidth.json", """
        {"images": [{"id": 3, "file_name": "a", "height": 1}], "annotations": []}
        """);
    e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(noWidth));
    assertTrue(e.getMessage().contains("nowidth.json line 1: image id 3 has no width"),
        e.getMessage());

    Path stringId = write("strid.json", """
        {"images": [], "annotations": [{"image_id": "1", "id": 7, "caption": "x"}]}
        """);
    e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(stringId));
    assertTrue(e.getMessage().contains("strid.json line 1, column")
        && e.getMessage().contains("expected an integer for \"image_id\", found a string"),
        e.getMessage());

    Path noImages = write("noimages.json", "{\"annotations\": []}");
    e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(noImages));
    assertTrue(e.getMessage().contains("noimages.json: no \"images\" list"), e.getMessage());

    Path malformed = write("bad.json", "{\"images\": [ {\"id\": 1,, } ]}");
    e = assertThrows(IOException.class, () -> CocoCaptionsJson.read(malformed));
    assertTrue(e.getMessage().contains("bad.json line 1, column")
        && e.getMessage().contains("malformed JSON"), e.getMessage());
  }

  @Test
  void datasetRecordRejectsInconsistentLists() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new CaptionDataset(List.of(new CaptionImage(1, "a", 1, 1)),
            List.of(new Caption(5, 2, "x"))));
    assertTrue(e.getMessage().contains("caption 5 is about image_id 2"), e.getMessage());
  }

  private Path write(String name, String content) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, content);
    return file;
  }
}
