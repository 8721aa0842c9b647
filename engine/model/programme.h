// Programmes (专业): the targets of conversion, with their courses and conversion policy.
#ifndef CREDITBANK_ENGINE_MODEL_PROGRAMME_H_
#define CREDITBANK_ENGINE_MODEL_PROGRAMME_H_

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/model/decimal.h"
#include "engine/model/outcome.h"
#include "engine/model/text.h"

namespace creditbank {

// 底层共享 / 中层分立 / 高层互选: "foundation", "core", "elective".
enum class CourseCategory { kFoundation = 0, kCore = 1, kElective = 2 };
inline constexpr int kCourseCategoryCount = 3;
std::string_view CourseCategoryName(CourseCategory category);
std::optional<CourseCategory> ParseCourseCategory(std::string_view name);

struct Course {
  std::string code;  // unique within the institution
  Text name;
  Credits credits;
  CourseCategory category = CourseCategory::kFoundation;
  int level = 0;  // framework level
};

// How much a programme lets in, and from what.
struct Policy {
  // At most this percentage of the programme's total credits may be granted by conversion.
  int cap_percent = 30;
  // Per outcome kind, indexed by OutcomeKind: at most this many credits from outcomes of that kind.
  std::array<std::optional<Credits>, kOutcomeKindCount> kind_caps;
  // At most this many credits from any one outcome.
  std::optional<Credits> max_per_outcome;
  // Level matching: a course of category c may be exempted only by an outcome certified at a level
  // of at least category_min_level[c] (e.g. foundation 2 = 初级, core 3 = 中级, elective 4 = 高级).
  std::array<int, kCourseCategoryCount> category_min_level = {2, 3, 4};
  // Whether equivalences may be chained, and how many edges a path may have (1 = direct edges only).
  bool transitive = true;
  int max_hops = 2;
};

struct Programme {
  std::string code;         // unique across the rule set
  std::string institution;  // the institution that runs it; its courses are courses of this institution
  Text name;
  int level = 0;            // the framework level it leads to
  std::string group;        // programme group (专业群) code, or ""
  std::vector<Course> courses;
  Policy policy;

  Credits TotalCredits() const {
    Credits total;
    for (const Course& c : courses) total += c.credits;
    return total;
  }
  // The cap on converted credits: TotalCredits() * cap_percent / 100, rounded down to hundredths.
  Credits TotalCap() const { return TotalCredits().Percent(policy.cap_percent); }
  const Course* FindCourse(std::string_view course_code) const {
    for (const Course& c : courses) {
      if (c.code == course_code) return &c;
    }
    return nullptr;
  }
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_PROGRAMME_H_
