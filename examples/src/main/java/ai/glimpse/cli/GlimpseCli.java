package ai.glimpse.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code glimpse} command: one subcommand per pipeline stage. Every subcommand is a thin
 * layer over the Java API; errors print one line naming what was wrong and exit non-zero.
 */
@Command(name = "glimpse", mixinStandardHelpOptions = true, version = "glimpse 0.1.0",
    description = "Attention models for visual question answering: TensorFlow Java training, "
        + "ONNX export, ONNX Runtime inference, official VQA evaluation.",
    subcommands = {
        SynthCommand.class, PrepareCommand.class, TrainCommand.class, ExportCommand.class,
        PredictCommand.class, EvaluateCommand.class, EvalResultsCommand.class, EvalCaptionsCommand.class, CaptionCommand.class, CompareCommand.class,
        ConvertTsvCommand.class, FeaturesCommand.class, SynthCorpusCommand.class, BenchCommand.class,
        QuickstartCommand.class, ServeCommand.class, LoadtestCommand.class, CommandLine.HelpCommand.class})
public final class GlimpseCli implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "missing subcommand");
  }

  /**
   * Builds the command line with Glimpse's error handling: an exception thrown by a subcommand
   * prints one {@code error: ...} line to the command line's error writer (its stack trace too when
   * the environment variable {@code GLIMPSE_DEBUG} is set) and makes the exit code 1.
   *
   * @return a new command line for all subcommands; call {@link CommandLine#execute} on it
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new GlimpseCli());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("error: " + describe(ex));
      if (System.getenv("GLIMPSE_DEBUG") != null) {
        ex.printStackTrace(err);
      }
      err.flush();
      return 1;
    });
    return cl;
  }

  static String describe(Throwable ex) {
    if (ex instanceof java.nio.file.NoSuchFileException nsf) {
      return nsf.getFile() + ": " + (nsf.getReason() == null ? "file not found" : nsf.getReason());
    }
    if (ex instanceof java.nio.file.FileAlreadyExistsException fae) {
      return fae.getFile() + ": " + (fae.getReason() == null ? "already exists" : fae.getReason());
    }
    String msg = ex.getMessage();
    return msg == null ? ex.getClass().getSimpleName() : msg;
  }

  /**
   * Runs the CLI and exits with its status: 0 on success, 1 when a subcommand threw, picocli's
   * usage-error code 2 for bad arguments or a missing subcommand; a few subcommands return codes of
   * their own ({@code bench compare}: 1 when a figure got worse; {@code loadtest}: 2 when requests
   * failed).
   *
   * @param args the subcommand and its options, e.g. {@code quickstart --out work}
   */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
