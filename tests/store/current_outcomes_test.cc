#include "engine/store/current_outcomes.h"

#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace creditbank::store {
namespace {

OutcomeRow Row(const std::string& id, const std::string& content) {
  return OutcomeRow{id + "=" + content, "p", id, "{\"id\":\"" + id + "\",\"score\":" + content + "}"};
}

std::vector<std::string> Hashes(const std::vector<OutcomeRow>& rows) {
  std::vector<std::string> out;
  for (const OutcomeRow& r : rows) out.push_back(r.hash);
  return out;
}

TEST(CurrentOutcomesTest, TheLastContentOfEachIdAtItsFirstPlace) {
  std::vector<OutcomeRow> superseded;
  const std::vector<OutcomeRow> current =
      CurrentOutcomes({Row("o1", "80"), Row("o2", "70"), Row("o1", "85"), Row("o3", "60"), Row("o1", "90")},
                      &superseded);
  EXPECT_EQ(Hashes(current), (std::vector<std::string>{"o1=90", "o2=70", "o3=60"}));
  EXPECT_EQ(Hashes(superseded), (std::vector<std::string>{"o1=80", "o1=85"}));
  EXPECT_EQ(Hashes(CurrentOutcomes({Row("o1", "80"), Row("o2", "70")})),
            (std::vector<std::string>{"o1=80", "o2=70"}));
  EXPECT_TRUE(CurrentOutcomes({}).empty());
}

// A learner with many outcomes is handled with a map instead of a scan: both agree with a reference
// that, for each id in order of first appearance, takes its last row.
TEST(CurrentOutcomesTest, ManyOutcomesAgreeWithAReference) {
  std::mt19937 random(20261130);
  for (int trial = 0; trial < 200; ++trial) {
    const int count = static_cast<int>(random() % 80);
    const int ids = 1 + static_cast<int>(random() % 50);
    std::vector<OutcomeRow> rows;
    for (int i = 0; i < count; ++i) {
      rows.push_back(Row("o" + std::to_string(random() % ids), std::to_string(i)));
    }
    std::vector<std::string> expected_current, expected_superseded;
    std::vector<std::string> order;
    for (const OutcomeRow& r : rows) {
      bool seen = false;
      for (const std::string& id : order) seen = seen || id == r.outcome_id;
      if (!seen) order.push_back(r.outcome_id);
    }
    for (const std::string& id : order) {
      std::string last;
      for (const OutcomeRow& r : rows) {
        if (r.outcome_id == id) last = r.hash;
      }
      expected_current.push_back(last);
    }
    for (const OutcomeRow& r : rows) {
      bool is_current = false;
      for (const std::string& h : expected_current) is_current = is_current || h == r.hash;
      if (!is_current) expected_superseded.push_back(r.hash);
    }
    std::vector<OutcomeRow> superseded;
    EXPECT_EQ(Hashes(CurrentOutcomes(rows, &superseded)), expected_current) << "trial " << trial;
    // The superseded come in the order they were replaced: compared as sets.
    std::vector<std::string> got = Hashes(superseded);
    std::sort(got.begin(), got.end());
    std::sort(expected_superseded.begin(), expected_superseded.end());
    EXPECT_EQ(got, expected_superseded) << "trial " << trial;
  }
}

}  // namespace
}  // namespace creditbank::store
