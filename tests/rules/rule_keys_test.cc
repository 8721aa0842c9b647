#include "engine/rules/rule_keys.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace creditbank::rules {
namespace {

// Levenshtein distance by plain recursion with memo over code-point vectors: the reference.
size_t Reference(const std::u32string& a, const std::u32string& b) {
  std::vector<std::vector<size_t>> d(a.size() + 1, std::vector<size_t>(b.size() + 1));
  for (size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])});
    }
  }
  return d[a.size()][b.size()];
}

std::string Utf8(const std::u32string& s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else {  // the alphabet below is in U+0800..U+FFFF: three bytes
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

TEST(EditDistanceTest, KnownValues) {
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("1X-IOT-IDO", "1X-IOT-IDO"), 0u);
  EXPECT_EQ(EditDistance("1X-IOT-ID0", "1X-IOT-IDO"), 1u);
  // Code points, not bytes: one Chinese character is one edit, not three.
  EXPECT_EQ(EditDistance("物联网", "物联网络"), 1u);
  EXPECT_EQ(EditDistance("初级", "中级"), 1u);
}

TEST(EditDistanceTest, AgreesWithTheReferenceOnRandomStrings) {
  const std::u32string alphabet = U"ab物联";
  std::mt19937 rng(20261129);
  for (int n = 0; n < 500; ++n) {
    std::u32string a, b;
    const size_t la = rng() % 7, lb = rng() % 7;
    for (size_t i = 0; i < la; ++i) a += alphabet[rng() % alphabet.size()];
    for (size_t i = 0; i < lb; ++i) b += alphabet[rng() % alphabet.size()];
    ASSERT_EQ(EditDistance(Utf8(a), Utf8(b)), Reference(a, b)) << Utf8(a) << " / " << Utf8(b);
  }
}

TEST(RecognitionKeyTest, NamesEveryPartOfTheMatch) {
  RecognitionRule award;
  award.kind = OutcomeKind::kAward;
  award.code = "NVSC-IOT";
  award.tier = Tier::kNational;
  award.rank = Rank::kSecond;
  EXPECT_EQ(RecognitionKey(award, nullptr), "award|NVSC-IOT|||national|second");

  Certificate single;
  single.code = "TR-A";
  single.grades = {{"合格", 1}};
  RecognitionRule training;
  training.kind = OutcomeKind::kTraining;
  training.code = "TR-A";
  EXPECT_EQ(RecognitionKey(training, &single), "training|TR-A||合格||");
  EXPECT_EQ(RecognitionKey(training, nullptr), "training|TR-A||||");

  Outcome course;
  course.kind = OutcomeKind::kCourse;
  course.institution = "CQEIT";
  course.code = "IOT101";
  EXPECT_EQ(OutcomeKey(course, nullptr), "course|IOT101|CQEIT|||");
}

}  // namespace
}  // namespace creditbank::rules
