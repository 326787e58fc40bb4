package ai.glimpse.cli;

import ai.glimpse.preprocessing.features.TsvConverter;
import ai.glimpse.preprocessing.features.TsvLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code glimpse convert-tsv}: bottom-up-attention feature TSV files to one HDF5 object feature file. */
@Command(name = "convert-tsv", mixinStandardHelpOptions = true,
    description = "Convert bottom-up-attention feature TSV files (6 or 10 columns, base64 boxes and "
        + "features) to one HDF5 file: image_ids [N], image_features [N, K, D], image_bb [N, K, 4], "
        + "spatial_features [N, K, 6], num_boxes [N]. Several files are concatenated in order.")
final class ConvertTsvCommand implements Callable<Integer> {
  @Option(names = "--tsv", required = true, paramLabel = "FILE",
      description = "A TSV file; repeat the option for several files, converted in order.")
  List<Path> tsv;

  @Option(names = "--out", required = true, paramLabel = "FILE.h5", description = "The HDF5 file to write.")
  Path out;

  @Option(names = "--float16", description = "Store image_features as float16, half the size "
      + "(boxes and spatial features stay float32).")
  boolean float16;

  @Override
  public Integer call() throws Exception {
    TsvConverter.Result r = TsvConverter.convert(tsv, out, float16);
    String layouts = r.layouts().stream().map(TsvLayout::columnCount).distinct().map(c -> c + "-column")
        .collect(Collectors.joining(", "));
    System.out.printf("converted %d rows from %d file(s) (%s layout): K = %d boxes, D = %d %s features -> %s%n",
        r.images(), tsv.size(), layouts, r.maxBoxes(), r.featureDim(), float16 ? "float16" : "float32",
        r.output());
    return 0;
  }
}
