// Internal to engine/json: the recursive-descent parser behind json::Parse. parser.cc holds the
// structure (values, arrays, objects, errors), parser_scalars.cc strings and numbers.
#ifndef CREDITBANK_ENGINE_JSON_PARSER_H_
#define CREDITBANK_ENGINE_JSON_PARSER_H_

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/json/json.h"

namespace creditbank::json::internal {

inline constexpr int kMaxDepth = 512;

inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// One parse of one text. Works directly on the bytes; fills Values in place (it is their friend).
class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options);
  Parser(const Parser&) = delete;
  Parser& operator=(const Parser&) = delete;

  // Parses the whole text: one value and nothing after it but whitespace.
  StatusOr<Value> Run();

 private:
  void SkipWhitespace() {
    while (p_ < end_) {
      const char c = *p_;
      if (c == ' ' || c == '\t' || c == '\r') {
        ++p_;
      } else if (c == '\n') {
        ++p_;
        ++line_;
        line_start_ = p_;
        continuation_bytes_ = 0;
      } else {
        break;
      }
    }
  }

  // Where p_ is: the column in code points is the byte offset less the UTF-8 continuation bytes
  // read so far on this line (outside strings any non-ASCII byte is an error, and strings count
  // theirs as they decode them), so it costs no scan.
  Location CurrentLocation() const {
    return Location{line_, static_cast<uint32_t>(p_ - line_start_) + 1 - continuation_bytes_};
  }
  // Where `pos` (on the current line) is, counting code points from the line start; for errors.
  Location LocationOf(const char* pos) const;

  // Error reporting. Each records the first error in error_ and returns false, so that parsing
  // functions can `return Fail(...)`.
  // "line L, column C: <what>".
  bool Error(const char* pos, std::string_view what);
  // "<expected>, got <what is at pos>"; bytes that are not UTF-8 are reported as such instead.
  // With `word` (used outside strings and numbers), a letter is reported with the letters and
  // digits that follow it ('NaN', 'undefined'); inside a string or number only the one character.
  bool Fail(const char* pos, std::string_view expected, bool word = false);
  bool Utf8Error(const char* pos);
  // What the text holds at `pos`, for "got ..." in messages.
  std::string Describe(const char* pos, bool word) const;

  // Each parses one construct starting at p_ (whitespace already skipped) into *out and leaves
  // p_ after it. `expected` names what the context allows, for the error.
  bool ParseValue(Value* out, std::string_view expected);
  bool ParseLiteral(std::string_view word, Type type, bool b, Value* out,
                    std::string_view expected);
  bool ParseArray(Value* out);
  bool ParseObject(Value* out);
  bool ParseString(std::string* out);  // REQUIRES: *p_ == '"'
  bool ParseEscape(std::string* out);  // REQUIRES: *p_ == '\\'
  bool ParseHex4(uint32_t* value);
  bool ParseNumber(Value* out);
  // Size hints: how many items or members the last array or object at each depth had, kept for
  // the thread's next parses. Records in a batch share a shape, so reserving the hint usually
  // gives each container its exact size at once, instead of growing its vector by doubling and
  // moving every element each time. A container much smaller than its hint gives back the rest.
  // At most this many are reserved from a hint, so that one huge array does not make every later
  // container at its depth reserve as much.
  static constexpr size_t kMaxHint = 1024;
  struct SizeHints {
    // Indexed by depth (1..kMaxDepth); sized once, so references stay valid.
    std::vector<uint32_t> items = std::vector<uint32_t>(kMaxDepth + 1, 0);
    std::vector<uint32_t> members = std::vector<uint32_t>(kMaxDepth + 1, 0);
  };
  static SizeHints& ThreadHints();
  // Records the size of a container that just closed as the hint for its depth, and gives back
  // capacity that the hint over-reserved.
  template <typename T>
  static void Fit(std::vector<T>* v, uint32_t* hint) {
    *hint = static_cast<uint32_t>(std::min<size_t>(v->size(), kMaxHint));
    if (v->capacity() > 2 * v->size() + 2) v->shrink_to_fit();
  }
  // Counts one more level of nesting for the bracket at `pos`; fails beyond kMaxDepth.
  bool Enter(const char* pos);

  ParseOptions options_;
  const char* p_;
  const char* end_;
  uint32_t line_ = 1;
  const char* line_start_ = nullptr;
  uint32_t continuation_bytes_ = 0;  // UTF-8 continuation bytes between line_start_ and p_
  int depth_ = 0;
  SizeHints& hints_;
  Status error_;
};

}  // namespace creditbank::json::internal

#endif  // CREDITBANK_ENGINE_JSON_PARSER_H_
