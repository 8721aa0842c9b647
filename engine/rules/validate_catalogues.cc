// The validate phase for catalogues: certificates, competitions, institutions, competency standards.
#include <algorithm>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank::rules {
namespace {

// Reports every entry whose code was already used by an earlier one.
template <typename T>
void CheckDuplicateCodes(const std::vector<T>& items, const std::vector<RuleOrigin>& origins,
                         std::string_view what, Reporter* r) {
  StringMap<size_t> first;
  for (size_t i = 0; i < items.size(); ++i) {
    auto [it, inserted] = first.emplace(items[i].code, i);
    if (!inserted) {
      r->Error(OriginAt(origins, i), "/code",
               "duplicate " + std::string(what) + " code \"" + items[i].code + "\"" +
                   FirstDefinedAt(OriginAt(origins, it->second)));
    }
  }
}

void ValidateCertificate(const RuleSet& set, const Certificate& c, const RuleOrigin& at, Reporter* r) {
  if (c.grades.empty()) {
    r->Error(at, "/grades", "expected at least one grade, got none");
    return;
  }
  if (c.scheme == CertificateScheme::kTraining && c.grades.size() != 1) {
    r->Error(at, "/grades",
             "expected a single grade for a training programme, got " + std::to_string(c.grades.size()));
  }
  for (size_t j = 0; j < c.grades.size(); ++j) {
    const Grade& g = c.grades[j];
    const std::string below = "/grades/" + std::to_string(j);
    for (size_t k = 0; k < j; ++k) {
      if (c.grades[k].grade == g.grade) {
        r->Error(at, below + "/grade",
                 "duplicate grade \"" + g.grade + "\", first at " + at.pointer + "/grades/" + std::to_string(k));
        break;
      }
    }
    if (std::string m = CheckLevel(set.framework(), g.level); !m.empty()) {
      r->Error(at, below + "/level", m);
    } else if (j > 0 && g.level < c.grades[j - 1].level) {
      r->Error(at, below + "/level",
               "expected grades ascending by level, got level " + std::to_string(g.level) + " after level " +
                   std::to_string(c.grades[j - 1].level));
    }
  }
}

void ValidateCompetition(const Competition& c, const RuleOrigin& at, Reporter* r) {
  if (c.tiers.empty()) r->Error(at, "/tiers", "expected at least one tier, got none");
  for (size_t j = 0; j < c.tiers.size(); ++j) {
    if (std::find(c.tiers.begin(), c.tiers.begin() + static_cast<ptrdiff_t>(j), c.tiers[j]) !=
        c.tiers.begin() + static_cast<ptrdiff_t>(j)) {
      r->Warning(at, "/tiers/" + std::to_string(j),
                 "tier \"" + std::string(TierName(c.tiers[j])) + "\" is listed twice");
    }
  }
}

void ValidateStandards(const RuleSet& set, Reporter* r) {
  const RuleData& d = set.data();
  CheckDuplicateCodes(d.standards, d.sources.standards, "competency standard", r);
  struct First {
    size_t standard;
    size_t unit;
  };
  StringMap<First> first;
  for (size_t i = 0; i < d.standards.size(); ++i) {
    const RuleOrigin at = OriginAt(d.sources.standards, i);
    if (d.standards[i].units.empty()) r->Error(at, "/units", "expected at least one unit, got none");
    for (size_t j = 0; j < d.standards[i].units.size(); ++j) {
      const Unit& u = d.standards[i].units[j];
      const std::string below = "/units/" + std::to_string(j);
      auto [it, inserted] = first.emplace(u.code, First{i, j});
      if (!inserted) {
        RuleOrigin f = OriginAt(d.sources.standards, it->second.standard);
        if (!f.file.empty()) f.pointer += "/units/" + std::to_string(it->second.unit);
        r->Error(at, below + "/code", "duplicate competency unit code \"" + u.code + "\"" + FirstDefinedAt(f));
      }
      if (std::string m = CheckLevel(set.framework(), u.level); !m.empty()) r->Error(at, below + "/level", m);
      if (u.credits.is_negative()) {
        r->Error(at, below + "/credits", "expected credits >= 0, got " + u.credits.ToString());
      }
    }
  }
}

}  // namespace

void ValidateCatalogues(const RuleSet& set, Reporter* r) {
  const RuleData& d = set.data();
  CheckDuplicateCodes(d.certificates, d.sources.certificates, "certificate", r);
  for (size_t i = 0; i < d.certificates.size(); ++i) {
    ValidateCertificate(set, d.certificates[i], OriginAt(d.sources.certificates, i), r);
  }
  CheckDuplicateCodes(d.competitions, d.sources.competitions, "competition", r);
  for (size_t i = 0; i < d.competitions.size(); ++i) {
    ValidateCompetition(d.competitions[i], OriginAt(d.sources.competitions, i), r);
  }
  CheckDuplicateCodes(d.institutions, d.sources.institutions, "institution", r);
  ValidateStandards(set, r);
}

}  // namespace creditbank::rules
