#include "engine/rules/rule_keys.h"

#include <algorithm>
#include <vector>

namespace creditbank::rules {
namespace {

std::string MakeKey(OutcomeKind kind, std::string_view code, std::string_view institution,
                    std::string_view grade, std::optional<Tier> tier, std::optional<Rank> rank) {
  std::string key(OutcomeKindName(kind));
  key += '|';
  key += code;
  key += '|';
  key += institution;
  key += '|';
  key += grade;
  key += '|';
  if (tier) key += TierName(*tier);
  key += '|';
  if (rank) key += RankName(*rank);
  return key;
}

// Decodes UTF-8 into code points; a byte that does not start a valid sequence stands for itself.
std::vector<char32_t> CodePoints(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(b);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? b : b & (0x7F >> len);
    bool valid = true;
    for (size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) valid = false;
      cp = (cp << 6) | (c & 0x3F);
    }
    if (!valid) {
      out.push_back(b);
      ++i;
      continue;
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

}  // namespace

std::string_view EffectiveGrade(std::string_view grade, const Certificate* certificate) {
  if (grade.empty() && certificate != nullptr && certificate->grades.size() == 1) {
    return certificate->grades.front().grade;
  }
  return grade;
}

std::string RecognitionKey(const RecognitionRule& rule, const Certificate* certificate) {
  const bool graded = rule.kind == OutcomeKind::kCertificate || rule.kind == OutcomeKind::kTraining;
  return MakeKey(rule.kind, rule.code, rule.institution, graded ? EffectiveGrade(rule.grade, certificate) : "",
                 rule.tier, rule.rank);
}

std::string OutcomeKey(const Outcome& outcome, const Certificate* certificate) {
  switch (outcome.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      return MakeKey(outcome.kind, outcome.code, "", EffectiveGrade(outcome.grade, certificate), std::nullopt,
                     std::nullopt);
    case OutcomeKind::kAward:
      return MakeKey(outcome.kind, outcome.code, "", "", outcome.tier, outcome.rank);
    case OutcomeKind::kCourse:
      return MakeKey(outcome.kind, outcome.code, outcome.institution, "", std::nullopt, std::nullopt);
  }
  return "";
}

size_t EditDistance(std::string_view a, std::string_view b) {
  const std::vector<char32_t> x = CodePoints(a);
  const std::vector<char32_t> y = CodePoints(b);
  std::vector<size_t> row(y.size() + 1);
  for (size_t j = 0; j <= y.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= x.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= y.size(); ++j) {
      const size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (x[i - 1] == y[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[y.size()];
}

}  // namespace creditbank::rules
