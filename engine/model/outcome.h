// Learning outcomes (学习成果) as a learner presents them, and the learner who holds them.
#ifndef CREDITBANK_ENGINE_MODEL_OUTCOME_H_
#define CREDITBANK_ENGINE_MODEL_OUTCOME_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/date.h"
#include "engine/model/decimal.h"

namespace creditbank {

enum class OutcomeKind { kCourse = 0, kCertificate = 1, kAward = 2, kTraining = 3 };
inline constexpr int kOutcomeKindCount = 4;

// Competition tiers, highest first: a lower enum value is a higher tier.
enum class Tier { kInternational = 0, kNational, kProvincial, kMunicipal, kSchool };
// Prize ranks, best first. gold = first, silver = second, bronze = third, excellence = merit.
enum class Rank { kFirst = 0, kSecond, kThird, kMerit };

// Stable names used in files and output: "course", "certificate", "award", "training";
// "international", "national", "provincial", "municipal", "school"; "first", "second", "third", "merit".
std::string_view OutcomeKindName(OutcomeKind kind);
std::string_view TierName(Tier tier);
std::string_view RankName(Rank rank);
std::optional<OutcomeKind> ParseOutcomeKind(std::string_view name);
std::optional<Tier> ParseTier(std::string_view name);
// Also accepts "gold", "silver", "bronze" and "excellence".
std::optional<Rank> ParseRank(std::string_view name);

struct Outcome {
  std::string id;            // unique within the learner (given, or derived from content)
  OutcomeKind kind = OutcomeKind::kCertificate;
  std::string code;          // certificate, training, competition or course code
  std::string institution;   // courses: the institution that taught it
  std::string grade;         // certificates: 初级 / 中级 / 高级, or a qualification grade
  std::optional<Tier> tier;  // awards
  std::optional<Rank> rank;  // awards
  std::optional<Decimal> score;  // 0..100 where the outcome has one
  std::string awarding_body;  // code of the body that issued it, as stated by the learner
  Date date;                  // when it was achieved
};

struct Learner {
  std::string id;    // as given by the school (student number or national ID); never in a record
  std::string name;  // display name, Chinese or English; never in a record
  std::vector<Outcome> outcomes;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_OUTCOME_H_
