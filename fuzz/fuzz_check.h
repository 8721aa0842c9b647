// FUZZ_CHECK: a property a fuzz target asserts. On failure it prints the property and the input's
// size, then aborts, so that libFuzzer saves the input as a crash and the corpus replay test fails.
#ifndef CREDITBANK_FUZZ_FUZZ_CHECK_H_
#define CREDITBANK_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, what)                                                            \
  do {                                                                                         \
    if (!(condition)) {                                                                        \
      std::fprintf(stderr, "%s:%d: property failed: %s (%s)\n", __FILE__, __LINE__, #condition, \
                   what);                                                                      \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)

#endif  // CREDITBANK_FUZZ_FUZZ_CHECK_H_
