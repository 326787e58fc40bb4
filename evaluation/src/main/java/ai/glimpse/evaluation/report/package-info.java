/**
 * Evaluation reports and files: the {@link ai.glimpse.evaluation.report.VqaReport} with its
 * {@link ai.glimpse.evaluation.report.Provenance}, written as {@code report.json} and
 * {@code report.md} by {@link ai.glimpse.evaluation.report.ReportWriter}, and the official
 * results file format ({@link ai.glimpse.evaluation.report.EvalResultsJson}).
 */
package ai.glimpse.evaluation.report;
