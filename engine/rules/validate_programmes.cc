// The validate phase for programmes: institution, levels, courses (also across a programme group)
// and the conversion policy.
#include "engine/rules/rule_keys.h"
#include "engine/rules/validate.h"

namespace creditbank::rules {
namespace {

// What differs between two definitions of the same course: "credits 4 there, 3 here; level ...".
std::string CourseDifferences(const Course& there, const Course& here) {
  std::string out;
  auto add = [&](std::string part) {
    if (!out.empty()) out += "; ";
    out += part;
  };
  if (there.name != here.name) {
    const bool zh = there.name.zh != here.name.zh;
    const std::string& a = zh ? there.name.zh : there.name.en;
    const std::string& b = zh ? here.name.zh : here.name.en;
    add("name \"" + a + "\" there, \"" + b + "\" here");
  }
  if (there.credits != here.credits) {
    add("credits " + there.credits.ToString() + " there, " + here.credits.ToString() + " here");
  }
  if (there.category != here.category) {
    add("category " + std::string(CourseCategoryName(there.category)) + " there, " +
        std::string(CourseCategoryName(here.category)) + " here");
  }
  if (there.level != here.level) {
    add("level " + std::to_string(there.level) + " there, " + std::to_string(here.level) + " here");
  }
  return out;
}

void ValidateCourses(const RuleSet& set, size_t index, Reporter* r) {
  const RuleData& d = set.data();
  const Programme& p = d.programmes[index];
  const RuleOrigin at = OriginAt(d.sources.programmes, index);
  if (p.courses.empty()) r->Error(at, "/courses", "expected at least one course, got none");
  for (size_t j = 0; j < p.courses.size(); ++j) {
    const Course& c = p.courses[j];
    const std::string below = "/courses/" + std::to_string(j);
    for (size_t k = 0; k < j; ++k) {
      if (p.courses[k].code == c.code) {
        r->Error(at, below + "/code",
                 "duplicate course code \"" + c.code + "\" in programme \"" + p.code + "\", first at " +
                     at.pointer + "/courses/" + std::to_string(k));
        break;
      }
    }
    if (std::string m = CheckLevel(set.framework(), c.level); !m.empty()) r->Error(at, below + "/level", m);
    if (c.credits.is_negative()) {
      r->Error(at, below + "/credits", "expected credits >= 0, got " + c.credits.ToString());
    }
    // The first programme that lists this institution's course defines it for the whole group.
    const CourseRef first = set.FindCourse(p.institution, c.code);
    if (first.programme == nullptr || first.programme == &p) continue;
    const std::string diff = CourseDifferences(*first.course, c);
    if (diff.empty()) continue;
    const auto first_index = static_cast<size_t>(first.programme - d.programmes.data());
    RuleOrigin there = OriginAt(d.sources.programmes, first_index);
    const auto course_index = static_cast<size_t>(first.course - first.programme->courses.data());
    std::string where = " of programme \"" + first.programme->code + "\"";
    if (!there.file.empty()) {
      where = " in " + there.file + " at " + there.pointer + "/courses/" + std::to_string(course_index);
    }
    r->Error(at, below,
             "course \"" + c.code + "\" of institution \"" + p.institution + "\" disagrees with its definition" +
                 where + ": " + diff);
  }
}

void ValidatePolicy(const RuleSet& set, const Policy& policy, const RuleOrigin& at, Reporter* r) {
  if (policy.cap_percent < 0 || policy.cap_percent > 100) {
    r->Error(at, "/policy/cap_percent",
             "expected an integer between 0 and 100, got " + std::to_string(policy.cap_percent));
  }
  for (int k = 0; k < kOutcomeKindCount; ++k) {
    const auto& cap = policy.kind_caps[static_cast<size_t>(k)];
    if (cap && cap->is_negative()) {
      r->Error(at, "/policy/kind_caps/" + std::string(OutcomeKindName(static_cast<OutcomeKind>(k))),
               "expected credits >= 0, got " + cap->ToString());
    }
  }
  if (policy.max_per_outcome && policy.max_per_outcome->is_negative()) {
    r->Error(at, "/policy/max_per_outcome", "expected credits >= 0, got " + policy.max_per_outcome->ToString());
  }
  for (int c = 0; c < kCourseCategoryCount; ++c) {
    const int level = policy.category_min_level[static_cast<size_t>(c)];
    if (std::string m = CheckLevel(set.framework(), level); !m.empty()) {
      r->Error(at, "/policy/category_min_level/" + std::string(CourseCategoryName(static_cast<CourseCategory>(c))),
               m);
    }
  }
  if (policy.max_hops < 1) {
    r->Error(at, "/policy/max_hops", "expected an integer >= 1, got " + std::to_string(policy.max_hops));
  }
}

}  // namespace

void ValidateProgrammes(const RuleSet& set, Reporter* r) {
  const RuleData& d = set.data();
  StringMap<size_t> first;
  for (size_t i = 0; i < d.programmes.size(); ++i) {
    const Programme& p = d.programmes[i];
    const RuleOrigin at = OriginAt(d.sources.programmes, i);
    auto [it, inserted] = first.emplace(p.code, i);
    if (!inserted) {
      r->Error(at, "/code",
               "duplicate programme code \"" + p.code + "\"" + FirstDefinedAt(OriginAt(d.sources.programmes, it->second)));
    }
    if (set.FindInstitution(p.institution) == nullptr) {
      r->Error(at, "/institution", UnknownCode(set, CodeKind::kInstitution, p.institution));
    }
    if (std::string m = CheckLevel(set.framework(), p.level); !m.empty()) r->Error(at, "/level", m);
    ValidateCourses(set, i, r);
    ValidatePolicy(set, p.policy, at, r);
  }
}

}  // namespace creditbank::rules
