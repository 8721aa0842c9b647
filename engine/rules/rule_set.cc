// RuleSet: Build (index, then validate) and the indexed look-ups.
#include "engine/rules/rule_set.h"

#include <algorithm>

#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank {

using rules::StringMap;

// Every table points into RuleSet::data_, which never changes after Build. Where codes repeat (an
// error that validation reports), the first definition in file order is the one indexed.
struct RuleSet::Index {
  StringMap<const Certificate*> certificates;
  StringMap<const Competition*> competitions;
  StringMap<const Institution*> institutions;
  StringMap<const Unit*> units;
  StringMap<const Programme*> programmes;
  StringMap<CourseRef> courses;  // "<institution>/<code>"
  StringMap<std::vector<const RecognitionRule*>> recognition;       // by RecognitionKey
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
    for (const Course& c : p.courses) index->courses.emplace(CourseKey(p.institution, c.code), CourseRef{&p, &c});
  }
  for (const RecognitionRule& r : d.recognition_rules) {
    if (r.kind == OutcomeKind::kCourse && r.code.empty()) {
      index->course_wildcards[r.institution].push_back(&r);
      continue;
    }
    auto cert = index->certificates.find(r.code);
    const bool graded = r.kind == OutcomeKind::kCertificate || r.kind == OutcomeKind::kTraining;
    index->recognition[rules::RecognitionKey(r, graded && cert != index->certificates.end() ? cert->second : nullptr)]
        .push_back(&r);
  }
  for (auto& [key, list] : index->recognition) SortRules(&list);
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
  auto it = index_->courses.find(CourseKey(institution, code));
  return it == index_->courses.end() ? CourseRef{} : it->second;
}

void RuleSet::RecognitionCandidates(const Outcome& outcome, std::vector<const RecognitionRule*>* out) const {
  const bool graded = outcome.kind == OutcomeKind::kCertificate || outcome.kind == OutcomeKind::kTraining;
  const std::string key = rules::OutcomeKey(outcome, graded ? FindCertificate(outcome.code) : nullptr);
  if (auto it = index_->recognition.find(key); it != index_->recognition.end()) {
    out->insert(out->end(), it->second.begin(), it->second.end());
  }
  if (outcome.kind != OutcomeKind::kCourse) return;
  // Any-course rules meet only courses that the institution's programmes list.
  if (FindCourse(outcome.institution, outcome.code).course == nullptr) return;
  if (auto it = index_->course_wildcards.find(outcome.institution); it != index_->course_wildcards.end()) {
    out->insert(out->end(), it->second.begin(), it->second.end());
  }
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
