// The stable names of the model's enumerations, as they appear in files and output.
#include <array>
#include <string_view>

#include "engine/model/catalogue.h"
#include "engine/model/outcome.h"
#include "engine/model/programme.h"

namespace creditbank {
namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"course", "certificate", "award", "training"};
constexpr std::array<std::string_view, 5> kTierNames = {"international", "national", "provincial",
                                                        "municipal", "school"};
constexpr std::array<std::string_view, 4> kRankNames = {"first", "second", "third", "merit"};
constexpr std::array<std::string_view, 4> kRankAliases = {"gold", "silver", "bronze", "excellence"};
constexpr std::array<std::string_view, 4> kSchemeNames = {"1+x", "vocational-qualification",
                                                          "special-skill", "training"};
constexpr std::array<std::string_view, 5> kInstitutionTypeNames = {
    "secondary-vocational", "higher-vocational", "undergraduate", "company", "training-provider"};
constexpr std::array<std::string_view, 3> kCategoryNames = {"foundation", "core", "elective"};

// The enumerator whose name is `name`, or nullopt.
template <typename E, size_t N>
std::optional<E> FindName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

}  // namespace

std::string_view OutcomeKindName(OutcomeKind kind) { return kKindNames[static_cast<size_t>(kind)]; }
std::string_view TierName(Tier tier) { return kTierNames[static_cast<size_t>(tier)]; }
std::string_view RankName(Rank rank) { return kRankNames[static_cast<size_t>(rank)]; }
std::string_view CertificateSchemeName(CertificateScheme s) { return kSchemeNames[static_cast<size_t>(s)]; }
std::string_view InstitutionTypeName(InstitutionType t) {
  return kInstitutionTypeNames[static_cast<size_t>(t)];
}
std::string_view CourseCategoryName(CourseCategory c) { return kCategoryNames[static_cast<size_t>(c)]; }

std::optional<OutcomeKind> ParseOutcomeKind(std::string_view name) {
  return FindName<OutcomeKind>(kKindNames, name);
}
std::optional<Tier> ParseTier(std::string_view name) { return FindName<Tier>(kTierNames, name); }
std::optional<Rank> ParseRank(std::string_view name) {
  if (auto r = FindName<Rank>(kRankNames, name)) return r;
  return FindName<Rank>(kRankAliases, name);
}
std::optional<CertificateScheme> ParseCertificateScheme(std::string_view name) {
  return FindName<CertificateScheme>(kSchemeNames, name);
}
std::optional<InstitutionType> ParseInstitutionType(std::string_view name) {
  return FindName<InstitutionType>(kInstitutionTypeNames, name);
}
std::optional<CourseCategory> ParseCourseCategory(std::string_view name) {
  return FindName<CourseCategory>(kCategoryNames, name);
}

}  // namespace creditbank
