// The qualifications framework: ordered levels with descriptors, and hours per credit.
// The framework is data (rules/framework.json); nothing in code assumes four levels.
#ifndef CREDITBANK_ENGINE_MODEL_FRAMEWORK_H_
#define CREDITBANK_ENGINE_MODEL_FRAMEWORK_H_

#include <string>
#include <vector>

#include "engine/model/text.h"

namespace creditbank {

struct FrameworkLevel {
  int level = 0;     // 1..N, contiguous
  Text name;         // e.g. 一级 / Level 1
  Text stage;        // the education stage it corresponds to
  Text knowledge;    // descriptors
  Text skills;
  Text competence;
};

struct Framework {
  std::string id;
  Text name;
  int hours_per_credit = 16;
  std::vector<FrameworkLevel> levels;  // ascending by level

  bool HasLevel(int level) const {
    for (const FrameworkLevel& l : levels) {
      if (l.level == level) return true;
    }
    return false;
  }
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_FRAMEWORK_H_
