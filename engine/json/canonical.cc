// RFC 8785 JSON Canonicalization Scheme.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <span>
#include <cmath>
#include <string>
#include <vector>

#include "engine/json/json.h"
#include "engine/json/text.h"

namespace creditbank::json {
namespace {

// The code point at byte `i` of valid UTF-8 `s`, as a key that orders like its UTF-16 encoding:
// the first code unit in the high 16 bits and the second (or 0) in the low 16 bits.
uint32_t Utf16SortKey(std::string_view s, size_t i) {
  const uint32_t cp = internal::DecodeUtf8(s.substr(i)).code_point;
  if (cp < 0x10000) return cp << 16;
  const uint32_t v = cp - 0x10000;
  return ((0xD800 + (v >> 10)) << 16) | (0xDC00 + (v & 0x3FF));
}

// RFC 8785 section 3.2.3: property names compare as arrays of UTF-16 code units. UTF-8 byte order
// equals code point order, which differs from UTF-16 order only between U+E000..U+FFFF and the
// characters above U+FFFF (surrogates sort first); so compare bytes, and at the first difference
// compare the two code points' UTF-16 forms.
bool Utf16Less(std::string_view a, std::string_view b) {
  const size_t n = std::min(a.size(), b.size());
  size_t i = 0;
  while (i < n && a[i] == b[i]) ++i;
  if (i == n) return a.size() < b.size();
  // Back up to the start of the code point that holds the first differing byte; the bytes
  // before i are equal, so that start is the same in both strings.
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;
  return Utf16SortKey(a, i) < Utf16SortKey(b, i);
}

// Records and decisions are mostly ASCII: check that a word at a time before decoding UTF-8.
bool IsAscii(std::string_view s) {
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, s.data() + i, 8);
    if ((word & 0x8080808080808080ull) != 0) return false;
  }
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0x80) != 0) return false;
  }
  return true;
}

class Canonicalizer {
 public:
  explicit Canonicalizer(std::string* out) : out_(out) {}

  Status Write(const Value& v) {
    switch (v.type()) {
      case Type::kNull: out_->append("null"); return Status::Ok();
      case Type::kBool: out_->append(v.AsBool() ? "true" : "false"); return Status::Ok();
      case Type::kNumber:
        if (!std::isfinite(v.AsDouble())) {
          return Error("non-finite number " + FormatNumber(v.AsDouble()));
        }
        out_->append(FormatNumber(v.AsDouble()));
        return Status::Ok();
      case Type::kString: return WriteString(v.AsString());
      case Type::kArray: {
        out_->push_back('[');
        for (size_t i = 0; i < v.items().size(); ++i) {
          if (i > 0) out_->push_back(',');
          path_.push_back({nullptr, i});
          CB_RETURN_IF_ERROR(Write(v.items()[i]));
          path_.pop_back();
        }
        out_->push_back(']');
        return Status::Ok();
      }
      case Type::kObject: return WriteObject(v);
    }
    return Status::Ok();
  }

 private:
  // The path to the value being written: a key, or an index when key is null. The pointer text
  // is only built for an error.
  struct Step {
    const std::string* key;
    size_t index;
  };

  Status Error(std::string_view what) const {
    std::string pointer;
    for (const Step& step : path_) {
      pointer = step.key != nullptr ? PointerAppend(pointer, *step.key)
                                    : PointerAppend(pointer, step.index);
    }
    std::string m = "canonical JSON: ";
    m += what;
    m += " at ";
    m += internal::Quoted(pointer);
    return InvalidArgument(std::move(m));
  }

  Status WriteString(const std::string& s) {
    if (!IsAscii(s) && !internal::IsValidUtf8(s)) return Error("invalid UTF-8 in a string");
    internal::AppendQuoted(s, out_);
    return Status::Ok();
  }

  Status WriteObject(const Value& v) {
    const auto& members = v.members();
    // Objects of up to kInline members (nearly all) are sorted without a heap allocation.
    constexpr size_t kInline = 16;
    std::array<const Value::Member*, kInline> inline_sorted;
    std::vector<const Value::Member*> heap_sorted;
    const Value::Member** sorted = inline_sorted.data();
    if (members.size() > kInline) {
      heap_sorted.resize(members.size());
      sorted = heap_sorted.data();
    }
    for (size_t i = 0; i < members.size(); ++i) {
      const Value::Member& m = members[i];
      if (!IsAscii(m.first) && !internal::IsValidUtf8(m.first)) return Error("invalid UTF-8 in a key");
      sorted[i] = &m;
    }
    const auto less = [](const Value::Member* a, const Value::Member* b) { return Utf16Less(a->first, b->first); };
    if (!std::is_sorted(sorted, sorted + members.size(), less)) std::sort(sorted, sorted + members.size(), less);
    for (size_t i = 1; i < members.size(); ++i) {
      if (sorted[i - 1]->first == sorted[i]->first) {
        return Error("duplicate key " + internal::Quoted(sorted[i]->first));
      }
    }
    out_->push_back('{');
    bool first = true;
    for (const Value::Member* m : std::span(sorted, members.size())) {
      if (!first) out_->push_back(',');
      first = false;
      internal::AppendQuoted(m->first, out_);
      out_->push_back(':');
      path_.push_back({&m->first, 0});
      CB_RETURN_IF_ERROR(Write(m->second));
      path_.pop_back();
    }
    out_->push_back('}');
    return Status::Ok();
  }

  std::string* out_;
  std::vector<Step> path_;
};

}  // namespace

StatusOr<std::string> Canonicalize(const Value& value) {
  std::string out;
  out.reserve(512);
  CB_RETURN_IF_ERROR(Canonicalizer(&out).Write(value));
  return out;
}

StatusOr<std::string> CanonicalizeText(std::string_view text) {
  CB_ASSIGN_OR_RETURN(Value value, Parse(text));
  return Canonicalize(value);
}

Status AppendCanonicalString(std::string_view s, std::string* out) {
  if (internal::IsPlainAscii(s)) {  // most strings of a record: copied between quotes in one pass
    out->push_back('"');
    out->append(s);
    out->push_back('"');
    return Status::Ok();
  }
  if (!IsAscii(s) && !internal::IsValidUtf8(s)) return InvalidArgument("canonical JSON: invalid UTF-8 in a string");
  internal::AppendQuoted(s, out);
  return Status::Ok();
}

}  // namespace creditbank::json
