// Ambiguity: two recognition rules that a decision could not choose between.
//
// Rules are grouped by match key (a hash map, so the check is linear in the number of rules plus
// the pairs within a group of equal priority). Two rules of a group are ambiguous when they have
// the same priority, their effective ranges overlap, some outcome satisfies both sets of conditions,
// and their results (level, credits, units, validity) differ.
#include <algorithm>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank::rules {
namespace {

bool ConditionsOverlap(const RecognitionRule& a, const RecognitionRule& b) {
  // A minimum score never excludes the other rule's outcomes: a score of 100 passes both.
  if (!a.awarding_bodies.empty() && !b.awarding_bodies.empty()) {
    const bool shared = std::any_of(a.awarding_bodies.begin(), a.awarding_bodies.end(), [&](const std::string& x) {
      return std::find(b.awarding_bodies.begin(), b.awarding_bodies.end(), x) != b.awarding_bodies.end();
    });
    if (!shared) return false;
  }
  if (a.outcome_window && b.outcome_window && !a.outcome_window->Overlaps(*b.outcome_window)) return false;
  return true;
}

bool SameResult(const RecognitionRule& a, const RecognitionRule& b) {
  std::vector<std::string> ua = a.units;
  std::vector<std::string> ub = b.units;
  std::sort(ua.begin(), ua.end());
  std::sort(ub.begin(), ub.end());
  return a.level == b.level && a.credits == b.credits && ua == ub && a.validity_years == b.validity_years;
}

// "certificate 1X-IOT-IDO 中级", "award NVSC-IOT national first", "course CQEIT/IOT101".
std::string Describe(const RecognitionRule& rule) {
  std::string out(OutcomeKindName(rule.kind));
  if (rule.kind == OutcomeKind::kCourse) {
    out += " " + rule.institution + "/" + (rule.code.empty() ? "*" : rule.code);
    return out;
  }
  out += " " + rule.code;
  if (!rule.grade.empty()) out += " " + rule.grade;
  if (rule.tier) out += " " + std::string(TierName(*rule.tier));
  if (rule.rank) out += " " + std::string(RankName(*rule.rank));
  return out;
}

}  // namespace

void CheckAmbiguity(const RuleSet& set, Reporter* r) {
  StringMap<std::vector<const RecognitionRule*>> groups;
  for (const RecognitionRule& rule : set.data().recognition_rules) {
    const bool graded = rule.kind == OutcomeKind::kCertificate || rule.kind == OutcomeKind::kTraining;
    groups[RecognitionKey(rule, graded ? set.FindCertificate(rule.code) : nullptr)].push_back(&rule);
  }
  // Report in file order of the later rule of each pair, so output does not depend on hashing.
  std::vector<std::pair<const RecognitionRule*, const RecognitionRule*>> pairs;
  for (auto& [key, rules] : groups) {
    std::sort(rules.begin(), rules.end(), ByPriorityThenId<RecognitionRule>);
    for (size_t i = 0; i < rules.size(); ++i) {
      for (size_t j = i + 1; j < rules.size() && rules[j]->priority == rules[i]->priority; ++j) {
        const RecognitionRule& a = *rules[i];
        const RecognitionRule& b = *rules[j];
        if (a.effective.Overlaps(b.effective) && ConditionsOverlap(a, b) && !SameResult(a, b)) {
          pairs.emplace_back(&a, &b);
        }
      }
    }
  }
  const RecognitionRule* base = set.data().recognition_rules.data();
  std::sort(pairs.begin(), pairs.end(), [&](const auto& x, const auto& y) {
    return std::make_pair(std::max(x.first, x.second) - base, std::min(x.first, x.second) - base) <
           std::make_pair(std::max(y.first, y.second) - base, std::min(y.first, y.second) - base);
  });
  for (const auto& [a, b] : pairs) {
    const RecognitionRule& first = a < b ? *a : *b;
    const RecognitionRule& second = a < b ? *b : *a;
    r->Error(second.origin, "",
             "ambiguous recognition rules \"" + first.id + "\" and \"" + second.id + "\": both match " +
                 Describe(second) + " with priority " + std::to_string(second.priority) +
                 " and overlapping effective dates and conditions, but give different results");
  }
}

}  // namespace creditbank::rules
