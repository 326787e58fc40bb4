package ai.glimpse.tf.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glimpse.preprocessing.features.FeatureShape;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DataShapeTest {
  private final ObjectMapper json = new ObjectMapper();

  @Test
  void roundTripsAndReadsTheOlderSquarePixelField() throws Exception {
    DataShape grid = new DataShape(51, 14, 28, FeatureShape.grid(2048, 14, 14));
    assertEquals(grid, json.readValue(json.writeValueAsString(grid), DataShape.class));
    DataShape old = json.readValue(
        "{\"vocabularySize\": 51, \"maxQuestionLength\": 14, \"answerCount\": 28, \"imageSize\": 64}", DataShape.class);
    assertEquals(new DataShape(51, 14, 28, FeatureShape.pixels(64)), old);
    assertThrows(Exception.class, () -> json.readValue(
        "{\"vocabularySize\": 51, \"maxQuestionLength\": 14, \"answerCount\": 28}", DataShape.class));
  }
}
