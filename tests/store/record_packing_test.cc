#include "engine/store/record_packing.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace creditbank::store {
namespace {

const std::string kId(64, 'a');
const std::string kLearner(64, 'b');
const std::string kRuleSet(64, 'c');

// A conversion record's shape: the rule set in the body and at the top, the learner and the id once.
std::string Conversion(const std::string& id, const std::string& rule_set) {
  return "{\"body\":{\"granted\":4,\"outcome\":{\"id\":\"o1\"},\"rule_set\":\"" + rule_set +
         "\"},\"date\":\"2026-12-01\",\"id\":\"" + id + "\",\"issuer\":\"ed25519:0c0d1f863e2f5efc\",\"learner\":\"" +
         kLearner + "\",\"rule_set\":\"" + rule_set + "\",\"rules\":[],\"type\":\"conversion\"}";
}

// Packs with `rule_set` as the one rule set known.
std::optional<PackedText> Pack(const std::string& text, const std::string& id, const std::string& rule_set) {
  return PackRecordText(text, id, [&](std::string_view named) { return named == rule_set; });
}

TEST(RecordPackingTest, EmptiesTheValuesTheRowHoldsAndFillsThemBack) {
  const std::string text = Conversion(kId, kRuleSet);
  const std::optional<PackedText> packed = Pack(text, kId, kRuleSet);
  ASSERT_TRUE(packed.has_value());
  EXPECT_EQ(packed->text, Conversion("", ""));
  EXPECT_EQ(packed->text.size(), text.size() - 3 * 64);
  EXPECT_EQ(packed->values.id, kId);
  EXPECT_EQ(packed->values.rule_set, kRuleSet);
  EXPECT_EQ(UnpackRecordText(packed->text, PackedValues{kId, kRuleSet}), text);
  // The scan reads eight bytes at a time: every member found wherever it falls in a word.
  for (size_t pad = 1; pad < 20; ++pad) {
    const std::string padding(pad, ' ');
    EXPECT_EQ(Pack(padding + text, kId, kRuleSet)->text, padding + Conversion("", "")) << pad;
    EXPECT_EQ(UnpackRecordText(padding + Conversion("", ""), PackedValues{kId, kRuleSet}), padding + text) << pad;
  }
}

TEST(RecordPackingTest, LeavesOtherValuesAndOtherNamesAlone) {
  // The outcome's own "id", a name that ends in "id", another value of a name.
  const std::string other(64, 'd');
  const std::string tail = "{\"valid\":\"" + kId + "\",\"rule_set\":\"" + other + "\"}";
  const std::optional<PackedText> packed = Pack(Conversion(kId, kRuleSet) + tail, kId, kRuleSet);
  ASSERT_TRUE(packed.has_value());
  EXPECT_EQ(packed->text, Conversion("", "") + tail);
  EXPECT_EQ(UnpackRecordText(packed->text, PackedValues{kId, kRuleSet}), Conversion(kId, kRuleSet) + tail);
  // A rule set not known: only the id goes, and the text is read back without a rule set to fill in.
  const std::optional<PackedText> unknown = Pack(Conversion(kId, kRuleSet), kId, other);
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->text, Conversion("", kRuleSet));
  EXPECT_EQ(unknown->values.rule_set, "");
  EXPECT_EQ(UnpackRecordText(unknown->text, PackedValues{kId, ""}), Conversion(kId, kRuleSet));
  // The first rule set named decides: a text whose first is another keeps both.
  EXPECT_EQ(Pack(tail.substr(0, tail.size() - 1) + ",\"x\":{\"rule_set\":\"" + kRuleSet + "\"}}", kId, kRuleSet)->text,
            "{\"valid\":\"" + kId + "\",\"rule_set\":\"" + other + "\",\"x\":{\"rule_set\":\"" + kRuleSet + "\"}}");
  // A value that only begins as the row's is not the row's.
  EXPECT_EQ(Pack("{\"id\":\"" + kId + "x\"}", kId, kRuleSet)->text, "{\"id\":\"" + kId + "x\"}");
}

TEST(RecordPackingTest, ATextWithAnEmptyMemberAlreadyIsKeptWhole) {
  EXPECT_FALSE(Pack(Conversion(kId, ""), kId, kRuleSet).has_value());
  EXPECT_FALSE(Pack("{\"id\":\"\"}", kId, kRuleSet).has_value());
}

// Not JSON the bank writes, but text whose names and values run into each other still comes back;
// and texts shorter than the eight bytes the scan reads at a time.
TEST(RecordPackingTest, TextWhereMembersRunTogetherComesBack) {
  const std::string odd = "{\"id\":\"" + kId + "\":\"x\",\"id\":\"" + kId + "\"rule_set\":\"" + kRuleSet + "\"}";
  const std::optional<PackedText> packed = Pack(odd, kId, kRuleSet);
  ASSERT_TRUE(packed.has_value());
  EXPECT_EQ(packed->text, "{\"id\":\"\":\"x\",\"id\":\"\"rule_set\":\"\"}");
  EXPECT_EQ(UnpackRecordText(packed->text, PackedValues{kId, kRuleSet}), odd);
  EXPECT_EQ(Pack("\"id\":\"ab\"", "ab", kRuleSet)->text, "\"id\":\"\"");
  EXPECT_EQ(UnpackRecordText("\"id\":\"\"", PackedValues{"ab", ""}), "\"id\":\"ab\"");
  EXPECT_EQ(Pack("", "ab", kRuleSet)->text, "");
  // An id that holds a quote could hold a member's opening too: it stays (found by a review; the bank's
  // ids are hex). Packed, this text came back with a member less.
  const std::string quoted = "[{\"id\":\"x\"},{\"id\":\"x\"},{\"id\":\"x\"}]";
  EXPECT_EQ(Pack(quoted, "x\"},{\"id\":\"x", kRuleSet)->text, quoted);
  EXPECT_EQ(Pack("\"i", "ab", kRuleSet)->text, "\"i");
}

}  // namespace
}  // namespace creditbank::store
