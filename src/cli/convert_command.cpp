#include <cstdio>
#include <string>

#include "cli/args.h"
#include "cli/commands.h"
#include "cli/help.h"
#include "shelf/io.h"
#include "shelf/wire_names.h"

namespace shelf::cli {

namespace {
const std::vector<Flag> kConvertFlags = {
    {"--from", true, "auto", "input format: auto, word2vec, word2vec-binary, glove, projector, int8"},
    {"--to", true, "auto", "output format (auto = from the extension): word2vec, word2vec-binary, glove, projector, int8 (.q8)"},
    {"--metadata", true, "", "Projector metadata.tsv (for --from projector, or the output's when --to projector)"},
    {"--levels", true, "127", "for --to int8: codes each side of zero, 1..127 (fewer: smaller once compressed, less precise)"},
};

}  // namespace

int convert_command(int argc, char** argv) {
  if (print_help_if_asked(argc, argv, "convert", "IN OUT [--from FORMAT] [--to FORMAT]", kConvertFlags)) return 0;
  const Args args(kConvertFlags, argc, argv, 2);
  args.expect_positional(2, 2, "IN and OUT");
  const std::string& in = args.positional()[0];
  const std::string& out = args.positional()[1];
  Format from = choice(args, "--from", format_from_name);
  Format to = choice(args, "--to", format_from_name);
  if (from == Format::Auto && format_from_path(in) == Format::ProjectorTsv) from = Format::ProjectorTsv;
  if (to == Format::Auto) to = format_from_path(out);

  const Embeddings embeddings = from == Format::ProjectorTsv
                                    ? read_projector(in, args.has("--metadata") ? args.text("--metadata")
                                                                                 : projector_metadata_path(in))
                                    : read_vectors(in, from);
  if (to == Format::ProjectorTsv) {
    write_projector(embeddings, out, args.has("--metadata") ? args.text("--metadata") : projector_metadata_path(out));
  } else if (to == Format::Int8Compact) {
    write_int8_compact(embeddings, out, static_cast<int>(args.integer("--levels", 1, 127)));
  } else {
    write_vectors(embeddings, out, to);
  }
  std::fprintf(stderr, "wrote %zu vectors of %zu dimensions to %s (%s)\n", embeddings.size(), embeddings.dim(),
               out.c_str(), format_name(to));
  return 0;
}

}  // namespace shelf::cli
