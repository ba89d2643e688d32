// The subcommands of `shelf`. Each returns the process exit status.
#pragma once

namespace shelf::cli {

int train_command(int argc, char** argv);
int eval_command(int argc, char** argv);
int neighbors_command(int argc, char** argv);
int analogy_command(int argc, char** argv);
int search_command(int argc, char** argv);
int convert_command(int argc, char** argv);
int bench_search_command(int argc, char** argv);
int categories_command(int argc, char** argv);
int directions_command(int argc, char** argv);

}  // namespace shelf::cli
