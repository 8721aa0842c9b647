#include "engine/store/record_packing.h"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace creditbank::store {
namespace {

// A member's name and what follows it up to its value: `id":"` after the opening quote.
constexpr std::string_view kIdName = "id\":\"";
constexpr std::string_view kRuleSetName = "rule_set\":\"";

// The bytes of `word` (eight bytes of text) that are `c`, each marked by its top bit: a zero-byte test
// of word ^ c, exact for every byte.
inline uint64_t BytesEqual(uint64_t word, char c) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kLow = 0x7f7f7f7f7f7f7f7full;
  const uint64_t x = word ^ (kOnes * static_cast<unsigned char>(c));
  return ~(((x & kLow) + kLow) | x | kLow);
}

enum class Name { kId, kRuleSet };

// Calls on_member(name, start) at each "id" and "rule_set" member of `text` that has a string value,
// `start` being where the value starts, in order; stops when on_member returns false. The scan looks
// eight bytes at a time for a quote before an `i` or an `r`: a record of a kilobyte has a hundred
// quotes and a handful of those (with memmem, packing took 2 us a record; with a loop over bytes,
// twice as long as with this).
template <typename OnMember>
void ForEachMember(std::string_view text, OnMember on_member) {
  const char* const data = text.data();
  const size_t size = text.size();
  // At a quote before an `i` or an `r`: where the scan goes on, or npos to stop.
  const auto at_quote = [&](size_t q) -> size_t {
    const std::string_view rest = text.substr(q + 1);
    const bool id = rest.starts_with(kIdName);
    if (!id && !rest.starts_with(kRuleSetName)) return q + 1;
    const size_t start = q + 1 + (id ? kIdName : kRuleSetName).size();
    // The value's first byte is next: a quote there closes an empty member.
    return on_member(id ? Name::kId : Name::kRuleSet, start) ? start : std::string_view::npos;
  };
  size_t i = 0;
  while (i < size) {
    if (size - i >= 9) {
      uint64_t here, next;
      std::memcpy(&here, data + i, 8);
      std::memcpy(&next, data + i + 1, 8);
      const uint64_t found = BytesEqual(here, '"') & (BytesEqual(next, 'i') | BytesEqual(next, 'r'));
      if (found == 0) {
        i += 8;
        continue;
      }
      const int bit = std::endian::native == std::endian::little ? std::countr_zero(found) : std::countl_zero(found);
      i = at_quote(i + static_cast<size_t>(bit / 8));
    } else if (data[i] == '"' && i + 1 < size && (data[i + 1] == 'i' || data[i + 1] == 'r')) {
      i = at_quote(i);
    } else {
      ++i;
    }
  }
}

}  // namespace

// Why the text comes back: UnpackRecordText fills every empty member of the packed text, found by the
// same scan. Away from the emptied values the packed text is the original's, which holds no empty
// member (else it is kept whole). The scan reaches an emptied member's opening quote as it did in
// the original, since the text before is the same but for values it stepped over, and resumes at the
// value in both: at the emptied value's closing quote, where the original's value ended. That needs
// values without a quote, which could hold a member's opening (a record's never do): an id with one
// is not left out, and a rule set's value ends at the first quote.
std::optional<PackedText> PackRecordText(std::string_view text, std::string_view id,
                                         const std::function<bool(std::string_view rule_set)>& packs_rule_set) {
  PackedText packed;
  packed.text.reserve(text.size());
  bool first_rule_set = true, whole = false;
  const bool id_has_quote = id.find('"') != std::string_view::npos;
  size_t copied = 0;
  ForEachMember(text, [&](Name name, size_t start) {
    if (start < text.size() && text[start] == '"') {
      whole = true;  // an empty member of its own
      return false;
    }
    if (name == Name::kRuleSet && first_rule_set) {
      first_rule_set = false;
      const size_t end = text.find('"', start);
      const std::string_view named = text.substr(start, end == std::string_view::npos ? 0 : end - start);
      if (packs_rule_set(named)) packed.values.rule_set = named;
    }
    const std::string_view value = name == Name::kRuleSet ? packed.values.rule_set
                                   : id_has_quote         ? std::string_view()
                                                          : id;
    if (!value.empty() && text.substr(start, value.size()) == value && start + value.size() < text.size() &&
        text[start + value.size()] == '"') {
      packed.text.append(text.substr(copied, start - copied));
      copied = start + value.size();
      if (name == Name::kId) packed.values.id = id;
    }
    return true;
  });
  if (whole) return std::nullopt;
  packed.text.append(text.substr(copied));
  return packed;
}

std::string UnpackRecordText(std::string_view packed, const PackedValues& values) {
  std::string out;
  out.reserve(packed.size() + 3 * 64);  // a conversion's id and its rule set twice
  size_t copied = 0;
  ForEachMember(packed, [&](Name name, size_t start) {
    const std::string_view value = name == Name::kId ? values.id : values.rule_set;
    if (!value.empty() && start < packed.size() && packed[start] == '"') {
      out.append(packed.substr(copied, start - copied));
      out.append(value);
      copied = start;
    }
    return true;
  });
  out.append(packed.substr(copied));
  return out;
}

}  // namespace creditbank::store
