// Messages for references to unknown codes, with the nearest known code as a hint.
#include <algorithm>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank::rules {
namespace {

// The known codes of this kind (within `scope` for courses), and the noun that names them.
std::vector<std::string> KnownCodes(const RuleSet& set, CodeKind kind, std::string_view scope) {
  const RuleData& d = set.data();
  std::vector<std::string> out;
  switch (kind) {
    case CodeKind::kCertificate:
    case CodeKind::kTrainingProgramme:
      for (const Certificate& c : d.certificates) {
        if ((c.scheme == CertificateScheme::kTraining) == (kind == CodeKind::kTrainingProgramme)) {
          out.push_back(c.code);
        }
      }
      break;
    case CodeKind::kCompetition:
      for (const Competition& c : d.competitions) out.push_back(c.code);
      break;
    case CodeKind::kInstitution:
      for (const Institution& i : d.institutions) out.push_back(i.code);
      break;
    case CodeKind::kUnit:
      for (const CompetencyStandard& s : d.standards) {
        for (const Unit& u : s.units) out.push_back(u.code);
      }
      break;
    case CodeKind::kProgramme:
      for (const Programme& p : d.programmes) out.push_back(p.code);
      break;
    case CodeKind::kInstitutionCourse:
    case CodeKind::kProgrammeCourse:
      for (const Programme& p : d.programmes) {
        if ((kind == CodeKind::kInstitutionCourse ? p.institution : p.code) != scope) continue;
        for (const Course& c : p.courses) out.push_back(c.code);
      }
      break;
  }
  return out;
}

std::string Noun(CodeKind kind) {
  switch (kind) {
    case CodeKind::kCertificate: return "certificate";
    case CodeKind::kTrainingProgramme: return "training programme";
    case CodeKind::kCompetition: return "competition";
    case CodeKind::kInstitution: return "institution";
    case CodeKind::kUnit: return "competency unit";
    case CodeKind::kProgramme: return "programme";
    case CodeKind::kInstitutionCourse:
    case CodeKind::kProgrammeCourse: return "course";
  }
  return "code";
}

}  // namespace

std::string UnknownCode(const RuleSet& set, CodeKind kind, std::string_view code, std::string_view scope) {
  std::string message = "unknown " + Noun(kind) + " \"" + std::string(code) + "\"";
  if (kind == CodeKind::kInstitutionCourse) message += " of institution \"" + std::string(scope) + "\"";
  if (kind == CodeKind::kProgrammeCourse) message += " of programme \"" + std::string(scope) + "\"";
  // Only a near miss helps: a typo or two, not an unrelated code. Ties go to the smaller code.
  const std::string* best = nullptr;
  size_t best_distance = 3;
  std::vector<std::string> known = KnownCodes(set, kind, scope);
  std::sort(known.begin(), known.end());
  for (const std::string& k : known) {
    const size_t dist = EditDistance(k, code);
    if (dist < best_distance) {
      best_distance = dist;
      best = &k;
    }
  }
  if (best != nullptr) message += ", did you mean \"" + *best + "\"?";
  return message;
}

}  // namespace creditbank::rules
