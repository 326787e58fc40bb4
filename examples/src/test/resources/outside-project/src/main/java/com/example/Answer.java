package com.example;

import ai.glimpse.onnx.predict.Prediction;
import ai.glimpse.onnx.predict.Predictor;
import ai.glimpse.onnx.predict.RankedAnswer;
import java.nio.file.Path;

/** Answers a question about an image with an exported Glimpse model: MODEL.onnx IMAGE QUESTION. */
public final class Answer {
  public static void main(String[] args) throws Exception {
    try (Predictor predictor = Predictor.load(Path.of(args[0]))) {
      Prediction p = predictor.predict(args[2], Path.of(args[1]), 3);
      for (RankedAnswer a : p.answers()) {
        System.out.println(a.answer() + "\t" + a.probability());
      }
    }
  }
}
