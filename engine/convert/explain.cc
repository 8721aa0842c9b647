// The chosen options as exemptions, and a reason for every option and outcome left out
// (docs/conversion.md "Explanations"; detail texts as convert.h lists them).
#include <algorithm>
#include <string>

#include "engine/convert/converter_impl.h"
#include "engine/convert/detail_text.h"

namespace creditbank::convert {
namespace {

Decimal Credit(int64_t hundredths) { return Decimal::FromHundredths(hundredths); }

void CourseCodes(const Programme& programme, std::span<const uint32_t> courses,
                 std::vector<std::string>* out) {
  out->resize(courses.size());
  for (size_t k = 0; k < courses.size(); ++k) (*out)[k] = programme.courses[courses[k]].code;
}

void OutcomeIds(const Learner& learner, std::span<const uint32_t> outcomes,
                std::vector<std::string>* out) {
  out->resize(outcomes.size());
  for (size_t k = 0; k < outcomes.size(); ++k) (*out)[k] = learner.outcomes[outcomes[k]].id;
}

// The not-chosen detail of an admissible option from the solver's blocker, into `detail`.
void BlockerDetail(const Programme& programme, const Learner& learner, const Scratch& s,
                   const Blocker& b, int64_t credits, std::string* detail) {
  const OptionSet& set = s.options;
  auto rule_of = [&](uint32_t solver_option) {
    return set.options[s.order[s.solver_option[solver_option]]].rule_id;
  };
  detail->clear();
  Text text(detail);
  switch (b.reason) {
    case Reason::kCourseTaken:
      text << "course " << programme.courses[s.local_to_course[b.course]].code
           << " is exempted by " << rule_of(b.by_option);
      return;
    case Reason::kUsedElsewhere:
      text << "outcome " << learner.outcomes[s.local_to_outcome[b.outcome]].id << " is used by "
           << rule_of(b.by_option);
      return;
    case Reason::kCapTotal:
      text << Credit(b.used) << " + " << Credit(credits) << " exceeds the total cap "
           << Credit(b.cap);
      return;
    case Reason::kCapKind:
      text << OutcomeKindName(static_cast<OutcomeKind>(b.kind)) << " credits " << Credit(b.used)
           << " + " << Credit(credits) << " exceed the cap " << Credit(b.cap);
      return;
    case Reason::kCapPerOutcome:
      text << "outcome " << learner.outcomes[s.local_to_outcome[b.outcome]].id << " credits "
           << Credit(b.used) << " + " << Credit(credits) << " exceed the maximum "
           << Credit(b.cap);
      return;
    default:
      text << "a set with more credits, more courses or higher-ranked rules was chosen";
      return;
  }
}

// Splits an option's credits over its courses in proportion to their credits (hundredths rounded
// down), the remainder to the first course; all to the first when the courses have no credits.
void SplitCredits(const Programme& programme, std::span<const uint32_t> courses, int64_t credits,
                  std::vector<int64_t>* shares) {
  shares->assign(courses.size(), 0);
  int64_t weight = 0;
  for (uint32_t c : courses) weight += programme.courses[c].credits.hundredths();
  int64_t rest = credits;
  if (weight > 0) {
    for (size_t k = 1; k < courses.size(); ++k) {
      (*shares)[k] = credits * programme.courses[courses[k]].credits.hundredths() / weight;
      rest -= (*shares)[k];
    }
  }
  (*shares)[0] = rest;
}

}  // namespace

void ExplainDecision(const ProgrammeIndex& p, const Learner& learner, Scratch* s, Decision* out) {
  const Programme& programme = *p.programme;
  const OptionSet& set = s->options;

  // Exemptions, one per course of each chosen option, by course code: the (course, option, share)
  // entries are sorted first, so that the Decision's strings are written once, in place.
  int64_t granted = 0;
  std::vector<int64_t>& shares = s->shares;
  std::vector<Scratch::ExemptionEntry>& entries = s->exemption_entries;
  entries.clear();
  s->outcome_used.assign(learner.outcomes.size(), 0);
  for (size_t pos = 0; pos < s->order.size(); ++pos) {
    if (!s->option_chosen[pos]) continue;
    const Option& o = set.options[s->order[pos]];
    granted += o.credits;
    std::span<const uint32_t> courses = set.courses(o);
    SplitCredits(programme, courses, o.credits, &shares);
    for (uint32_t i : set.outcomes(o)) s->outcome_used[i] = 1;
    for (size_t k = 0; k < courses.size(); ++k) {
      entries.push_back({courses[k], s->order[pos], shares[k]});
    }
  }
  // Each course is exempted at most once, so the order is total.
  std::sort(entries.begin(), entries.end(),
            [&](const Scratch::ExemptionEntry& a, const Scratch::ExemptionEntry& b) {
              return programme.courses[a.course].code < programme.courses[b.course].code;
            });
  Refill(&out->exemptions, entries.size(), &s->spare_exemptions);
  for (size_t x = 0; x < entries.size(); ++x) {
    const Option& o = set.options[entries[x].option];
    Exemption& e = out->exemptions[x];
    e.course = programme.courses[entries[x].course].code;
    e.credits = Decimal::FromHundredths(entries[x].credits);
    OutcomeIds(learner, set.outcomes(o), &e.outcomes);
    e.rule = o.rule_id;
    std::span<const Equivalence* const> path = set.path(o);
    e.path.resize(path.size());
    for (size_t j = 0; j < path.size(); ++j) e.path[j] = path[j]->id;
  }
  out->granted = Decimal::FromHundredths(granted);

  // Options not chosen, in rank order.
  size_t n_not_chosen = 0;
  s->not_chosen_at.assign(s->order.size(), -1);
  for (size_t pos = 0; pos < s->order.size(); ++pos) {
    if (s->option_chosen[pos]) continue;
    const Option& o = set.options[s->order[pos]];
    s->not_chosen_at[pos] = static_cast<int32_t>(n_not_chosen);
    NotChosen& nc = NextOf(&out->not_chosen, &n_not_chosen, &s->spare_not_chosen);
    CourseCodes(programme, set.courses(o), &nc.courses);
    nc.rule = o.rule_id;
    OutcomeIds(learner, set.outcomes(o), &nc.outcomes);
    nc.credits = Decimal::FromHundredths(o.credits);
    if (!o.admissible) {
      const Course& c = programme.courses[o.low_course];
      nc.reason = Reason::kLevelTooLow;
      nc.detail.clear();
      Text(&nc.detail) << "course " << c.code << " (" << CourseCategoryName(c.category)
                       << ") needs level " << p.course_min_level[o.low_course] << "; outcome "
                       << learner.outcomes[o.low_outcome].id << " is level "
                       << out->certifications[o.low_outcome].level;
      continue;
    }
    Blocker b = AssignmentSolver::Explain(s->problem, s->chosen,
                                          static_cast<uint32_t>(s->solver_index[pos]));
    nc.reason = b.reason;
    BlockerDetail(programme, learner, *s, b, o.credits, &nc.detail);
  }
  Refill(&out->not_chosen, n_not_chosen, &s->spare_not_chosen);

  // Outcomes no chosen option uses, in input order.
  size_t n_unused = 0;
  for (uint32_t i = 0; i < learner.outcomes.size(); ++i) {
    if (s->outcome_used[i]) continue;
    const Certification& cert = out->certifications[i];
    Unused& u = NextOf(&out->not_used, &n_unused, &s->spare_not_used);
    u.outcome = learner.outcomes[i].id;
    if (!cert.certified) {
      u.reason = cert.reason;
      u.detail = cert.detail;
      continue;
    }
    bool any = false;
    int32_t first_admissible = -1;
    for (size_t pos = 0; pos < s->order.size() && first_admissible < 0; ++pos) {
      const Option& o = set.options[s->order[pos]];
      std::span<const uint32_t> outcomes = set.outcomes(o);
      if (std::find(outcomes.begin(), outcomes.end(), i) == outcomes.end()) continue;
      any = true;
      if (o.admissible) first_admissible = static_cast<int32_t>(pos);
    }
    if (!any) {
      u.reason = Reason::kNoCandidate;
      u.detail.clear();
      Text(&u.detail) << "no conversion rule or equivalence of " << programme.code << " uses it";
    } else if (first_admissible < 0) {
      u.reason = Reason::kLevelTooLow;
      u.detail.clear();
      Text(&u.detail) << "every option needs a higher level than " << cert.level;
    } else {
      const NotChosen& nc = out->not_chosen[static_cast<size_t>(s->not_chosen_at[first_admissible])];
      u.reason = nc.reason;
      u.detail.clear();
      Text text(&u.detail);
      text << nc.rule << " for ";
      for (size_t k = 0; k < nc.courses.size(); ++k) text << (k == 0 ? "" : ", ") << nc.courses[k];
      text << ": " << nc.detail;
    }
  }
  Refill(&out->not_used, n_unused, &s->spare_not_used);
}

}  // namespace creditbank::convert
