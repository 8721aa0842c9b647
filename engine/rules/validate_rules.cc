// The validate phase for rules: recognition rules, conversion rules and equivalences.
#include <algorithm>
#include <set>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank::rules {
namespace {

std::vector<std::string> GradeNames(const Certificate& c) {
  std::vector<std::string> out;
  for (const Grade& g : c.grades) out.push_back(g.grade);
  return out;
}

void CheckRange(const DateRange& range, const RuleOrigin& at, std::string_view below, Reporter* r) {
  if (range.from > range.to) {
    r->Error(at, below,
             "expected from <= to, got from " + range.from.ToString() + " after to " + range.to.ToString());
  }
}

// A certificate-like code of a rule or input: known, and of the scheme its kind asks for. Returns
// the certificate, or null after reporting.
const Certificate* CheckCertificate(const RuleSet& set, OutcomeKind kind, const std::string& code,
                                    const RuleOrigin& at, const std::string& below, Reporter* r) {
  const bool training = kind == OutcomeKind::kTraining;
  const Certificate* c = set.FindCertificate(code);
  if (c == nullptr) {
    r->Error(at, below, UnknownCode(set, training ? CodeKind::kTrainingProgramme : CodeKind::kCertificate, code));
    return nullptr;
  }
  if ((c->scheme == CertificateScheme::kTraining) != training) {
    r->Error(at, below,
             std::string(training ? "expected a training programme" : "expected a certificate") + ", \"" + code +
                 "\" is of scheme \"" + std::string(CertificateSchemeName(c->scheme)) + "\"");
    return nullptr;
  }
  return c;
}

// Warns about codes listed more than once.
void CheckRepeats(const std::vector<std::string>& codes, const RuleOrigin& at, const std::string& below,
                  Reporter* r) {
  for (size_t j = 0; j < codes.size(); ++j) {
    if (std::find(codes.begin(), codes.begin() + static_cast<ptrdiff_t>(j), codes[j]) !=
        codes.begin() + static_cast<ptrdiff_t>(j)) {
      r->Warning(at, below + "/" + std::to_string(j), "\"" + codes[j] + "\" is listed twice");
    }
  }
}

void ValidateMatch(const RuleSet& set, const RecognitionRule& rule, Reporter* r) {
  const RuleOrigin& at = rule.origin;
  switch (rule.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      const Certificate* c = CheckCertificate(set, rule.kind, rule.code, at, "/match/code", r);
      if (c == nullptr) return;
      const Grade* g = nullptr;
      if (rule.grade.empty()) {
        if (c->grades.size() != 1) {
          r->Error(at, "/match",
                   "missing required field \"grade\": \"" + c->code + "\" has " + std::to_string(c->grades.size()) +
                       " grades");
          return;
        }
        g = &c->grades.front();
      } else if ((g = c->FindGrade(rule.grade)) == nullptr) {
        r->Error(at, "/match/grade",
                 "unknown grade \"" + rule.grade + "\" of \"" + c->code + "\", expected one of " +
                     QuotedList(GradeNames(*c)));
        return;
      }
      if (rule.level != g->level && set.framework().HasLevel(rule.level)) {
        r->Error(at, "/result/level",
                 "expected level " + std::to_string(g->level) + " (the level of grade \"" + g->grade + "\" of \"" +
                     c->code + "\"), got " + std::to_string(rule.level));
      }
      return;
    }
    case OutcomeKind::kAward: {
      const Competition* c = set.FindCompetition(rule.code);
      if (c == nullptr) {
        r->Error(at, "/match/code", UnknownCode(set, CodeKind::kCompetition, rule.code));
        return;
      }
      if (!rule.tier || !rule.rank) {
        r->Error(at, "/match", std::string("missing required field \"") + (rule.tier ? "rank" : "tier") + "\"");
        return;
      }
      if (std::find(c->tiers.begin(), c->tiers.end(), *rule.tier) == c->tiers.end()) {
        std::vector<std::string> tiers;
        for (Tier t : c->tiers) tiers.emplace_back(TierName(t));
        r->Error(at, "/match/tier",
                 "competition \"" + c->code + "\" is not held at tier \"" + std::string(TierName(*rule.tier)) +
                     "\", expected one of " + QuotedList(tiers));
      }
      return;
    }
    case OutcomeKind::kCourse:
      if (set.FindInstitution(rule.institution) == nullptr) {
        r->Error(at, "/match/institution", UnknownCode(set, CodeKind::kInstitution, rule.institution));
      } else if (!rule.code.empty() && set.FindCourse(rule.institution, rule.code).course == nullptr) {
        r->Error(at, "/match/code", UnknownCode(set, CodeKind::kInstitutionCourse, rule.code, rule.institution));
      }
      return;
  }
}

void ValidateRecognitionRule(const RuleSet& set, const RecognitionRule& rule, Reporter* r) {
  const RuleOrigin& at = rule.origin;
  CheckRange(rule.effective, at, "/effective", r);
  if (rule.outcome_window) CheckRange(*rule.outcome_window, at, "/conditions/outcome_window", r);
  if (rule.min_score && (rule.min_score->is_negative() || *rule.min_score > Decimal::FromInt(100))) {
    r->Error(at, "/conditions/min_score", "expected a score between 0 and 100, got " + rule.min_score->ToString());
  }
  CheckRepeats(rule.awarding_bodies, at, "/conditions/awarding_bodies", r);
  // Level and credits may be left to the course itself only by a course rule.
  const bool course = rule.kind == OutcomeKind::kCourse;
  if (!(course && rule.level == 0)) {
    if (std::string m = CheckLevel(set.framework(), rule.level); !m.empty()) r->Error(at, "/result/level", m);
  }
  if (!course && !rule.credits) r->Error(at, "/result", "missing required field \"credits\"");
  if (rule.credits && rule.credits->is_negative()) {
    r->Error(at, "/result/credits", "expected credits >= 0, got " + rule.credits->ToString());
  }
  for (size_t j = 0; j < rule.units.size(); ++j) {
    if (set.FindUnit(rule.units[j]) == nullptr) {
      r->Error(at, "/result/units/" + std::to_string(j), UnknownCode(set, CodeKind::kUnit, rule.units[j]));
    }
  }
  CheckRepeats(rule.units, at, "/result/units", r);
  if (rule.validity_years && *rule.validity_years < 1) {
    r->Error(at, "/result/validity_years",
             "expected an integer >= 1, got " + std::to_string(*rule.validity_years));
  }
  ValidateMatch(set, rule, r);
}

void ValidateInput(const RuleSet& set, const OutcomeSelector& in, const RuleOrigin& at, const std::string& below,
                   Reporter* r) {
  if (!in.unit.empty()) {
    if (set.FindUnit(in.unit) == nullptr) r->Error(at, below + "/unit", UnknownCode(set, CodeKind::kUnit, in.unit));
    return;
  }
  if (!in.kind) {
    r->Error(at, below, "missing required field \"kind\"");
    return;
  }
  if (in.min_level != 0) {
    if (std::string m = CheckLevel(set.framework(), in.min_level); !m.empty()) r->Error(at, below + "/min_level", m);
  }
  switch (*in.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      CheckCertificate(set, *in.kind, in.code, at, below + "/code", r);
      return;
    case OutcomeKind::kAward:
      if (set.FindCompetition(in.code) == nullptr) {
        r->Error(at, below + "/code", UnknownCode(set, CodeKind::kCompetition, in.code));
      }
      return;
    case OutcomeKind::kCourse:
      if (set.FindInstitution(in.institution) == nullptr) {
        r->Error(at, below + "/institution", UnknownCode(set, CodeKind::kInstitution, in.institution));
      } else if (set.FindCourse(in.institution, in.code).course == nullptr) {
        r->Error(at, below + "/code", UnknownCode(set, CodeKind::kInstitutionCourse, in.code, in.institution));
      }
      return;
  }
}

void ValidateConversionRule(const RuleSet& set, const ConversionRule& rule, Reporter* r) {
  const RuleOrigin& at = rule.origin;
  CheckRange(rule.effective, at, "/effective", r);
  if (rule.inputs.empty()) r->Error(at, "/inputs", "expected at least one input, got none");
  for (size_t j = 0; j < rule.inputs.size(); ++j) {
    ValidateInput(set, rule.inputs[j], at, "/inputs/" + std::to_string(j), r);
  }
  if (rule.credits && rule.credits->is_negative()) {
    r->Error(at, "/credits", "expected credits >= 0, got " + rule.credits->ToString());
  }
  const Programme* p = set.FindProgramme(rule.programme);
  if (p == nullptr) return;  // reported once for the file
  if (rule.exempts.empty()) r->Error(at, "/exempts", "expected at least one course, got none");
  for (size_t j = 0; j < rule.exempts.size(); ++j) {
    if (p->FindCourse(rule.exempts[j]) == nullptr) {
      r->Error(at, "/exempts/" + std::to_string(j),
               UnknownCode(set, CodeKind::kProgrammeCourse, rule.exempts[j], rule.programme));
    }
  }
  CheckRepeats(rule.exempts, at, "/exempts", r);
}

void ValidateVertex(const RuleSet& set, const VertexKey& v, const RuleOrigin& at, const std::string& below,
                    Reporter* r) {
  switch (v.kind) {
    case VertexKey::Kind::kCourse:
      if (set.FindInstitution(v.a) == nullptr) {
        r->Error(at, below + "/course/institution", UnknownCode(set, CodeKind::kInstitution, v.a));
      } else if (set.FindCourse(v.a, v.b).course == nullptr) {
        r->Error(at, below + "/course/code", UnknownCode(set, CodeKind::kInstitutionCourse, v.b, v.a));
      }
      return;
    case VertexKey::Kind::kCertificate: {
      const Certificate* c = set.FindCertificate(v.a);
      if (c == nullptr) {
        r->Error(at, below + "/certificate/code", UnknownCode(set, CodeKind::kCertificate, v.a));
      } else if (c->FindGrade(v.b) == nullptr) {
        r->Error(at, below + "/certificate/grade",
                 "unknown grade \"" + v.b + "\" of \"" + c->code + "\", expected one of " + QuotedList(GradeNames(*c)));
      }
      return;
    }
    case VertexKey::Kind::kUnit:
      if (set.FindUnit(v.a) == nullptr) r->Error(at, below + "/unit", UnknownCode(set, CodeKind::kUnit, v.a));
      return;
  }
}

}  // namespace

void ValidateRecognitionRules(const RuleSet& set, Reporter* r) {
  for (const RecognitionRule& rule : set.data().recognition_rules) ValidateRecognitionRule(set, rule, r);
}

void ValidateConversionRules(const RuleSet& set, Reporter* r) {
  // An unknown programme is reported once per file, at its "programme" member.
  std::set<std::string> reported;
  for (const ConversionRule& rule : set.data().conversion_rules) {
    if (set.FindProgramme(rule.programme) == nullptr && reported.insert(rule.origin.file).second) {
      r->Error({rule.origin.file, ""}, "/programme", UnknownCode(set, CodeKind::kProgramme, rule.programme));
    }
    ValidateConversionRule(set, rule, r);
  }
}

void ValidateEquivalences(const RuleSet& set, Reporter* r) {
  for (const Equivalence& e : set.data().equivalences) {
    CheckRange(e.effective, e.origin, "/effective", r);
    if (e.ratio.hundredths() <= 0 || e.ratio > Decimal::FromInt(1)) {
      r->Error(e.origin, "/ratio", "expected a ratio in (0, 1], got " + e.ratio.ToString());
    }
    ValidateVertex(set, e.from, e.origin, "/from", r);
    ValidateVertex(set, e.to, e.origin, "/to", r);
    if (e.from == e.to) r->Error(e.origin, "/to", "expected a vertex other than \"from\", got the same");
  }
}

}  // namespace creditbank::rules
