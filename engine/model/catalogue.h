// Catalogue entries: certificates, competitions, institutions, competency standards and their units.
#ifndef CREDITBANK_ENGINE_MODEL_CATALOGUE_H_
#define CREDITBANK_ENGINE_MODEL_CATALOGUE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/decimal.h"
#include "engine/model/outcome.h"
#include "engine/model/text.h"

namespace creditbank {

// "1+x", "vocational-qualification", "special-skill", "training".
enum class CertificateScheme { k1X = 0, kVocationalQualification, kSpecialSkill, kTraining };
std::string_view CertificateSchemeName(CertificateScheme scheme);
std::optional<CertificateScheme> ParseCertificateScheme(std::string_view name);

struct Grade {
  std::string grade;  // 初级 / 中级 / 高级; 五级 .. 一级; or "合格" for a pass/fail certificate
  int level = 0;      // framework level
};

struct Certificate {
  std::string code;
  CertificateScheme scheme = CertificateScheme::k1X;
  Text name;
  std::string awarding_body;  // code of the body (评价组织) that awards it
  Text awarding_body_name;
  std::vector<Grade> grades;  // ascending by level

  const Grade* FindGrade(std::string_view grade) const {
    for (const Grade& g : grades) {
      if (g.grade == grade) return &g;
    }
    return nullptr;
  }
};

struct Competition {
  std::string code;
  Text name;
  std::string organizer;
  std::vector<Tier> tiers;  // tiers at which it is held
};

// "secondary-vocational", "higher-vocational", "undergraduate", "company", "training-provider".
enum class InstitutionType {
  kSecondaryVocational = 0, kHigherVocational, kUndergraduate, kCompany, kTrainingProvider
};
std::string_view InstitutionTypeName(InstitutionType type);
std::optional<InstitutionType> ParseInstitutionType(std::string_view name);

struct Institution {
  std::string code;
  Text name;
  InstitutionType type = InstitutionType::kHigherVocational;
};

struct Unit {
  std::string code;  // unique across all standards
  Text name;
  int level = 0;
  Credits credits;
};

struct CompetencyStandard {
  std::string code;
  Text name;
  std::string issuer;
  std::vector<Unit> units;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_CATALOGUE_H_
