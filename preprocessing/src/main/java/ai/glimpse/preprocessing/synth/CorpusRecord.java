package ai.glimpse.preprocessing.synth;

/**
 * One generated question with its ten annotator answers, before it gets its ids.
 *
 * @param question the question text
 * @param questionType the VQA question type
 * @param answerType {@code "yes/no"}, {@code "number"} or {@code "other"}
 * @param multipleChoiceAnswer the most common answer once variants are counted together
 * @param answers the raw answers, {@value CorpusSampler#ANSWERS} of them
 * @param confidences each answer's {@code answer_confidence}: {@code "yes"}, {@code "maybe"} or
 *     {@code "no"}
 */
record CorpusRecord(String question, String questionType, String answerType,
    String multipleChoiceAnswer, String[] answers, String[] confidences) {}
