// tls-bench's main: Google Benchmark's own, plus --version like every other tool of the toolkit.
#include <benchmark/benchmark.h>

#include <cstring>
#include <iostream>

#include "tls/core/version.hpp"

int main(int argc, char** argv) {
  for (int i = 1; i < argc; ++i)
    if (std::strcmp(argv[i], "--version") == 0) {
      std::cout << "tls-bench (TLS toolkit) " << tls::kVersion << '\n';
      return 0;
    }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 64;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
