// Fuzz target: the JSON parser, the writer and RFC 8785 canonicalization (engine/json), which read
// every file the bank is given. Properties, for any input the parser accepts:
//   - its canonical text parses again, to a value whose canonical text is the same (idempotence);
//   - the writer's compact text parses back to an equal value;
//   - a parse error names a line and column ("line L, column C: ...").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/json/json.h"
#include "fuzz/fuzz_check.h"

namespace json = creditbank::json;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  json::ParseOptions options;
  options.allow_bom = true;
  options.reject_duplicate_keys = size % 2 == 0;  // both settings, from the input itself
  auto parsed = json::Parse(text, options);
  if (!parsed.ok()) {
    FUZZ_CHECK(parsed.status().message().rfind("line ", 0) == 0, "a parse error names its line");
    return 0;
  }
  const std::string written = json::Write(*parsed);
  auto reparsed = json::Parse(written, {.reject_duplicate_keys = false});
  FUZZ_CHECK(reparsed.ok(), "the writer's text parses");
  FUZZ_CHECK(*reparsed == *parsed, "the writer's text parses to an equal value");

  auto canonical = json::Canonicalize(*parsed);
  if (!canonical.ok()) return 0;  // duplicate keys (when allowed) cannot be canonicalized
  auto again = json::CanonicalizeText(*canonical);
  FUZZ_CHECK(again.ok(), "canonical text parses and canonicalizes");
  FUZZ_CHECK(*again == *canonical, "canonicalization is idempotent");
  return 0;
}
