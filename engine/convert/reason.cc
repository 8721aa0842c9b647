// Stable names of the reason codes, as written in decisions.
#include "engine/convert/convert.h"

namespace creditbank {

std::string_view ReasonName(Reason reason) {
  switch (reason) {
    case Reason::kUnknown: return "unknown";
    case Reason::kNoRule: return "no-rule";
    case Reason::kNotYetEffective: return "not-yet-effective";
    case Reason::kRuleEnded: return "rule-ended";
    case Reason::kFutureDate: return "future-date";
    case Reason::kBelowMinScore: return "below-min-score";
    case Reason::kWrongAwardingBody: return "wrong-awarding-body";
    case Reason::kOutsideWindow: return "outside-window";
    case Reason::kLevelNotInFramework: return "level-not-in-framework";
    case Reason::kAmbiguous: return "ambiguous";
    case Reason::kMalformed: return "malformed";
    case Reason::kDuplicate: return "duplicate";
    case Reason::kRevoked: return "revoked";
    case Reason::kSameQualification: return "same-qualification";
    case Reason::kExpired: return "expired";
    case Reason::kNoCandidate: return "no-candidate";
    case Reason::kLevelTooLow: return "level-too-low";
    case Reason::kUsedElsewhere: return "used-elsewhere";
    case Reason::kCourseTaken: return "course-taken";
    case Reason::kCapTotal: return "cap-total";
    case Reason::kCapKind: return "cap-kind";
    case Reason::kCapPerOutcome: return "cap-per-outcome";
    case Reason::kNotOptimal: return "not-optimal";
  }
  return "unknown";
}

}  // namespace creditbank
