// How the SQLite store keeps a record's text without the values its row holds already (schema 11).
//
// A record names its id and its rule set's hash, 64 hex characters each (records/record.h), and a
// conversion's body names the rule set again. The row holds the id; the rule_sets table holds the hash
// under a version number. That is 128 of a certification record's 680 bytes, and 192 of a
// conversion's 2,000, which every record wrote to the log and every checkpoint copied again. The
// store keeps the text with each "id" and "rule_set" member whose value is the row's or the rule
// set's emptied ("id":""), and the rule set's version in the row's `packed` column, and fills the
// values back in when it reads the row (a 100,000-learner bank is a tenth smaller): every reader gets the
// text the bank wrote, byte for byte, and an edit of the id column or of a rule set's hash shows in
// the text, where `verify` finds that the id no longer matches the content. The learner's pseudonym
// stays in the text: it is what `verify` compares the row's learner with, to name a record moved to
// another learner as such. Internal to engine/store.
//
// Pure functions of text. A member here is `"<name>":"<value>"`, byte for byte, wherever it stands.
// Thread safety: reentrant.
#ifndef CREDITBANK_ENGINE_STORE_RECORD_PACKING_H_
#define CREDITBANK_ENGINE_STORE_RECORD_PACKING_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace creditbank::store {

// The values a packed text leaves out. An empty one is not left out.
struct PackedValues {
  std::string_view id;
  std::string_view rule_set;
};

struct PackedText {
  std::string text;
  PackedValues values;  // the values left out: views of PackRecordText's arguments
};

// `text` with the value of every "id" member that is `id` emptied, and of every "rule_set" member
// whose value is the first one's when packs_rule_set(that value); or nullopt when UnpackRecordText
// would not give `text` back (it holds such a member empty already), and the text is to be stored
// whole.
std::optional<PackedText> PackRecordText(std::string_view text, std::string_view id,
                                         const std::function<bool(std::string_view rule_set)>& packs_rule_set);

// `packed` with every empty "id" and "rule_set" member given its value in `values`.
std::string UnpackRecordText(std::string_view packed, const PackedValues& values);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_RECORD_PACKING_H_
