#include "engine/rules/diagnostic.h"

#include <gtest/gtest.h>

namespace creditbank::rules {
namespace {

TEST(DiagnosticTest, ToStringLeavesOutUnknownParts) {
  struct Case {
    Diagnostic d;
    const char* text;
  };
  const Case cases[] = {
      {{Severity::kError, "programmes/iot.json", 41, 20, "/courses/3/credits",
        "expected credits >= 0 with at most 2 decimal places, got 2.505"},
       "programmes/iot.json:41:20: error: /courses/3/credits: expected credits >= 0 with at most 2 decimal "
       "places, got 2.505"},
      {{Severity::kWarning, "a.json", 3, 17, "", "m"}, "a.json:3:17: warning: m"},
      {{Severity::kError, "a.json", 0, 0, "/x", "m"}, "a.json: error: /x: m"},
      {{Severity::kError, "", 0, 0, "/ratio", "m"}, "error: /ratio: m"},
      {{Severity::kError, "", 0, 0, "", "m"}, "error: m"},
  };
  for (const Case& c : cases) EXPECT_EQ(c.d.ToString(), c.text);
}

TEST(DiagnosticTest, CountsAndSortsByFileLineColumnKeepingTies) {
  Diagnostics ds;
  ds.Add({Severity::kWarning, "b.json", 2, 1, "", "w1"});
  ds.Add({Severity::kError, "a.json", 9, 1, "", "e1"});
  ds.Add({Severity::kError, "a.json", 2, 5, "", "e2"});
  ds.Add({Severity::kError, "a.json", 2, 5, "", "e3"});
  ds.Add({Severity::kError, "", 0, 0, "", "e4"});
  EXPECT_EQ(ds.error_count(), 4u);
  EXPECT_EQ(ds.warning_count(), 1u);
  EXPECT_TRUE(ds.has_errors());
  ds.Sort();
  std::vector<std::string> order;
  for (const Diagnostic& d : ds.items()) order.push_back(d.message);
  EXPECT_EQ(order, (std::vector<std::string>{"e4", "e2", "e3", "e1", "w1"}));
  EXPECT_FALSE(Diagnostics().has_errors());
}

}  // namespace
}  // namespace creditbank::rules
