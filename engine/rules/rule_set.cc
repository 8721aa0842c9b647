// RuleSet: Build (index, then validate) and the indexed look-ups.
#include "engine/rules/rule_set.h"

#include <algorithm>
#include <optional>
#include <utility>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank {

using rules::StringMap;

// Every table points into RuleSet::data_, which never changes after Build. Where codes repeat (an
// error that validation reports), the first definition in file order is the one indexed.
struct RuleSet::Index {
  // The recognition rules of one match key (rule_keys.h RecognitionKey) under its code: the key's
  // other parts are compared field by field, so a look-up builds no key string.
  struct RecognitionEntry {
    OutcomeKind kind = OutcomeKind::kCertificate;
    std::string institution;
    std::string grade;  // the effective grade for certificate / training rules, else ""
    int tier = -1;  // the Tier, or -1 when the key has none
    int rank = -1;  // the Rank, or -1 when the key has none
    std::vector<const RecognitionRule*> rules;
  };

  StringMap<const Certificate*> certificates;
  StringMap<const Competition*> competitions;
  StringMap<const Institution*> institutions;
  StringMap<const Unit*> units;
  StringMap<const Programme*> programmes;
  rules::PairMap<CourseRef> courses;                          // by (institution, code)
  StringMap<std::vector<RecognitionEntry>> recognition;       // by code
  StringMap<std::vector<const RecognitionRule*>> course_wildcards;  // by institution
  struct ProgrammeRules {
    std::vector<const ConversionRule*> all;
    StringMap<std::vector<const ConversionRule*>> by_input;  // by InputKey
  };
  StringMap<ProgrammeRules> conversion;  // by programme code
};

namespace {

template <typename R>
void SortRules(std::vector<const R*>* rules) {
  std::sort(rules->begin(), rules->end(), rules::ByPriorityThenId<R>);
}

// An optional enum as a small integer, -1 when absent.
template <typename E>
int OptionalCode(const std::optional<E>& e) {
  return e ? static_cast<int>(*e) : -1;
}

std::string CourseKey(std::string_view institution, std::string_view code) {
  std::string key(institution);
  key += '/';
  key += code;
  return key;
}

}  // namespace

StatusOr<std::shared_ptr<const RuleSet>> RuleSet::Build(RuleData data, std::string hash,
                                                        rules::Diagnostics* diagnostics) {
  std::shared_ptr<RuleSet> set(new RuleSet());
  set->data_ = std::move(data);
  set->hash_ = std::move(hash);
  const RuleData& d = set->data_;
  auto index = std::make_shared<Index>();
  for (const Certificate& c : d.certificates) index->certificates.emplace(c.code, &c);
  for (const Competition& c : d.competitions) index->competitions.emplace(c.code, &c);
  for (const Institution& i : d.institutions) index->institutions.emplace(i.code, &i);
  for (const CompetencyStandard& s : d.standards) {
    for (const Unit& u : s.units) index->units.emplace(u.code, &u);
  }
  for (const Programme& p : d.programmes) {
    index->programmes.emplace(p.code, &p);
    for (const Course& c : p.courses) index->courses.emplace(std::make_pair(p.institution, c.code), CourseRef{&p, &c});
  }
  for (const RecognitionRule& r : d.recognition_rules) {
    if (r.kind == OutcomeKind::kCourse && r.code.empty()) {
      index->course_wildcards[r.institution].push_back(&r);
      continue;
    }
    auto cert = index->certificates.find(r.code);
    const bool graded = r.kind == OutcomeKind::kCertificate || r.kind == OutcomeKind::kTraining;
    std::string_view grade = graded ? rules::EffectiveGrade(r.grade, cert != index->certificates.end() ? cert->second : nullptr)
                                    : std::string_view();
    const int tier = OptionalCode(r.tier);
    const int rank = OptionalCode(r.rank);
    std::vector<Index::RecognitionEntry>& entries = index->recognition[r.code];
    auto same = std::find_if(entries.begin(), entries.end(), [&](const Index::RecognitionEntry& e) {
      return e.kind == r.kind && e.institution == r.institution && e.grade == grade && e.tier == tier &&
             e.rank == rank;
    });
    if (same == entries.end()) {
      same = entries.insert(entries.end(),
                            Index::RecognitionEntry{r.kind, r.institution, std::string(grade), tier, rank, {}});
    }
    same->rules.push_back(&r);
  }
  for (auto& [code, entries] : index->recognition) {
    for (Index::RecognitionEntry& e : entries) SortRules(&e.rules);
  }
  for (auto& [key, list] : index->course_wildcards) SortRules(&list);
  for (const ConversionRule& r : d.conversion_rules) {
    Index::ProgrammeRules& p = index->conversion[r.programme];
    p.all.push_back(&r);
    std::vector<std::string> keys;
    for (const OutcomeSelector& in : r.inputs) keys.push_back(InputKey(in));
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const std::string& k : keys) p.by_input[k].push_back(&r);
  }
  for (auto& [code, p] : index->conversion) {
    SortRules(&p.all);
    for (auto& [key, list] : p.by_input) SortRules(&list);
  }
  set->index_ = std::move(index);

  rules::Diagnostics local;
  rules::Diagnostics* out = diagnostics != nullptr ? diagnostics : &local;
  const size_t first_new = out->items().size();
  rules::Validate(*set, out);
  size_t errors = 0;
  const rules::Diagnostic* first_error = nullptr;
  for (size_t i = first_new; i < out->items().size(); ++i) {
    if (out->items()[i].severity != rules::Severity::kError) continue;
    if (first_error == nullptr) first_error = &out->items()[i];
    ++errors;
  }
  if (first_error != nullptr) {
    return InvalidArgument("rule set: " + std::to_string(errors) + (errors == 1 ? " error" : " errors") +
                           ", the first: " + first_error->ToString());
  }
  return std::shared_ptr<const RuleSet>(std::move(set));
}

const Certificate* RuleSet::FindCertificate(std::string_view code) const {
  auto it = index_->certificates.find(code);
  return it == index_->certificates.end() ? nullptr : it->second;
}

const Competition* RuleSet::FindCompetition(std::string_view code) const {
  auto it = index_->competitions.find(code);
  return it == index_->competitions.end() ? nullptr : it->second;
}

const Institution* RuleSet::FindInstitution(std::string_view code) const {
  auto it = index_->institutions.find(code);
  return it == index_->institutions.end() ? nullptr : it->second;
}

const Unit* RuleSet::FindUnit(std::string_view code) const {
  auto it = index_->units.find(code);
  return it == index_->units.end() ? nullptr : it->second;
}

const Programme* RuleSet::FindProgramme(std::string_view code) const {
  auto it = index_->programmes.find(code);
  return it == index_->programmes.end() ? nullptr : it->second;
}

CourseRef RuleSet::FindCourse(std::string_view institution, std::string_view code) const {
  auto it = index_->courses.find(std::make_pair(institution, code));
  return it == index_->courses.end() ? CourseRef{} : it->second;
}

void RuleSet::RecognitionCandidates(const Outcome& outcome, std::vector<const RecognitionRule*>* out) const {
  // The outcome's match key (rule_keys.h OutcomeKey), compared part by part.
  const bool graded = outcome.kind == OutcomeKind::kCertificate || outcome.kind == OutcomeKind::kTraining;
  const bool course = outcome.kind == OutcomeKind::kCourse;
  const bool award = outcome.kind == OutcomeKind::kAward;
  if (auto it = index_->recognition.find(std::string_view(outcome.code)); it != index_->recognition.end()) {
    std::string_view grade;
    if (graded) {
      grade = outcome.grade;
      if (grade.empty()) grade = rules::EffectiveGrade(grade, FindCertificate(outcome.code));
    }
    const std::string_view institution = course ? std::string_view(outcome.institution) : std::string_view();
    const int tier = award ? OptionalCode(outcome.tier) : -1;
    const int rank = award ? OptionalCode(outcome.rank) : -1;
    for (const Index::RecognitionEntry& e : it->second) {
      if (e.kind == outcome.kind && e.institution == institution && e.grade == grade && e.tier == tier &&
          e.rank == rank) {
        out->insert(out->end(), e.rules.begin(), e.rules.end());
        break;
      }
    }
  }
  if (!course) return;
  // Any-course rules meet only courses that the institution's programmes list.
  if (index_->course_wildcards.empty()) return;
  auto wild = index_->course_wildcards.find(std::string_view(outcome.institution));
  if (wild == index_->course_wildcards.end()) return;
  if (FindCourse(outcome.institution, outcome.code).course == nullptr) return;
  out->insert(out->end(), wild->second.begin(), wild->second.end());
}

std::span<const ConversionRule* const> RuleSet::ConversionRules(std::string_view programme) const {
  auto it = index_->conversion.find(programme);
  if (it == index_->conversion.end()) return {};
  return it->second.all;
}

std::span<const ConversionRule* const> RuleSet::ConversionRulesByInput(std::string_view programme,
                                                                      std::string_view input_key) const {
  auto it = index_->conversion.find(programme);
  if (it == index_->conversion.end()) return {};
  auto by = it->second.by_input.find(input_key);
  if (by == it->second.by_input.end()) return {};
  return by->second;
}

std::string RuleSet::InputKey(const OutcomeSelector& selector) {
  if (!selector.unit.empty()) return "unit:" + selector.unit;
  const OutcomeKind kind = selector.kind.value_or(OutcomeKind::kCertificate);
  if (kind == OutcomeKind::kCourse) return "course:" + CourseKey(selector.institution, selector.code);
  return std::string(OutcomeKindName(kind)) + ":" + selector.code;
}

std::string RuleSet::OutcomeInputKey(const Outcome& outcome) {
  if (outcome.kind == OutcomeKind::kCourse) return "course:" + CourseKey(outcome.institution, outcome.code);
  return std::string(OutcomeKindName(outcome.kind)) + ":" + outcome.code;
}

}  // namespace creditbank
