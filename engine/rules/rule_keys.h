// Keys and orderings shared by the index and the validator (internal to the rules part).
#ifndef CREDITBANK_ENGINE_RULES_RULE_KEYS_H_
#define CREDITBANK_ENGINE_RULES_RULE_KEYS_H_

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "engine/model/catalogue.h"
#include "engine/model/outcome.h"
#include "engine/model/rule.h"

namespace creditbank::rules {

// Hash maps keyed by std::string that can be probed with a std::string_view without a copy.
struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
};
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// Hash maps keyed by a pair of strings (such as institution and course code), probed with a pair of
// std::string_view without building a joined key.
struct PairHash {
  using is_transparent = void;
  size_t operator()(const std::pair<std::string_view, std::string_view>& p) const {
    size_t h = std::hash<std::string_view>()(p.first);
    return h ^ (std::hash<std::string_view>()(p.second) + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2));
  }
  size_t operator()(const std::pair<std::string, std::string>& p) const {
    return (*this)(std::pair<std::string_view, std::string_view>(p.first, p.second));
  }
};
struct PairEqual {
  using is_transparent = void;
  template <typename A, typename B>
  bool operator()(const A& a, const B& b) const {
    return std::string_view(a.first) == std::string_view(b.first) &&
           std::string_view(a.second) == std::string_view(b.second);
  }
};
template <typename V>
using PairMap = std::unordered_map<std::pair<std::string, std::string>, V, PairHash, PairEqual>;

// The grade a certificate / training match key uses: `grade`, or the only grade of `certificate`
// when `grade` is empty and the certificate has exactly one.
std::string_view EffectiveGrade(std::string_view grade, const Certificate* certificate);

// The match key "kind|code|institution|grade|tier|rank" of a recognition rule. `certificate` is the
// rule's certificate (or null): a rule that leaves out the grade of a single-grade certificate is
// keyed by that grade, so that it meets outcomes that state it.
std::string RecognitionKey(const RecognitionRule& rule, const Certificate* certificate);
// The same key for an outcome; a course outcome gives the key of rules for that exact course.
std::string OutcomeKey(const Outcome& outcome, const Certificate* certificate);

// Priority descending, then id ascending: the order in which rules are tried.
template <typename R>
bool ByPriorityThenId(const R* a, const R* b) {
  if (a->priority != b->priority) return a->priority > b->priority;
  return a->id < b->id;
}

// Levenshtein distance over Unicode code points (UTF-8 input; invalid bytes count as one each).
size_t EditDistance(std::string_view a, std::string_view b);

}  // namespace creditbank::rules

#endif  // CREDITBANK_ENGINE_RULES_RULE_KEYS_H_
