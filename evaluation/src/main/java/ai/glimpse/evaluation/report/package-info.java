/**
 * Evaluation reports and files: the {@link ai.glimpse.evaluation.report.VqaReport} with its
 * {@link ai.glimpse.evaluation.report.Provenance}, written as {@code report.json},
 * {@code report.md} and the self-contained {@code report.html}
 * ({@link ai.glimpse.evaluation.report.HtmlReport}) by
 * {@link ai.glimpse.evaluation.report.ReportWriter}, comparisons of several reports, and the
 * official results file format ({@link ai.glimpse.evaluation.report.EvalResultsJson}).
 */
package ai.glimpse.evaluation.report;
