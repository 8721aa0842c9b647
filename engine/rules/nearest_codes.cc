// RuleSet::NearestCodes: suggestions for a code that is not known.
#include <algorithm>

#include "engine/rules/rule_keys.h"
#include "engine/rules/rule_set.h"

namespace creditbank {

std::vector<std::string> RuleSet::NearestCodes(OutcomeKind kind, std::string_view code, size_t limit) const {
  std::vector<std::pair<size_t, std::string>> scored;
  auto consider = [&](std::string candidate) {
    const size_t distance = rules::EditDistance(candidate, code);
    scored.emplace_back(distance, std::move(candidate));
  };
  switch (kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      for (const Certificate& c : data_.certificates) {
        if ((c.scheme == CertificateScheme::kTraining) == (kind == OutcomeKind::kTraining)) consider(c.code);
      }
      break;
    case OutcomeKind::kAward:
      for (const Competition& c : data_.competitions) consider(c.code);
      break;
    case OutcomeKind::kCourse:
      for (const Programme& p : data_.programmes) {
        for (const Course& c : p.courses) consider(p.institution + "/" + c.code);
      }
      break;
  }
  std::sort(scored.begin(), scored.end());
  scored.erase(std::unique(scored.begin(), scored.end()), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && out.size() < limit; ++i) out.push_back(std::move(scored[i].second));
  return out;
}

}  // namespace creditbank
