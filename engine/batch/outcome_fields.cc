#include "engine/batch/outcome_fields.h"

#include <algorithm>
#include <map>
#include <set>
#include <cstdint>
#include <utility>

#include "engine/model/date.h"
#include "engine/model/decimal.h"
#include "engine/records/digest.h"

namespace creditbank::batch {
namespace {

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

Status Problem(FieldNamer namer, std::string_view base, std::string_view field, std::string_view detail) {
  std::string where = namer(base, field);
  if (where.empty()) return InvalidArgument(std::string(detail));
  return InvalidArgument(where + ": " + std::string(detail));
}

// Which fields each kind may carry: code, institution, grade, tier, rank.
struct KindShape {
  bool institution, grade, tier_rank;
};

KindShape ShapeOf(OutcomeKind kind) {
  switch (kind) {
    case OutcomeKind::kCourse: return {true, false, false};
    case OutcomeKind::kCertificate: return {false, true, false};
    case OutcomeKind::kTraining: return {false, true, false};
    case OutcomeKind::kAward: return {false, false, true};
  }
  return {false, false, false};
}

// Codes are ASCII [A-Z0-9][A-Z0-9._-]* (docs/rules-format.md), as in the rule files they must match.
bool IsCode(std::string_view s) {
  if (s.empty()) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || (i > 0 && (c == '.' || c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

// The code point that starts at s[*i], which is valid UTF-8; advances *i past it.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  auto c = static_cast<uint8_t>(s[*i]);
  size_t n = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
  uint32_t cp = n == 0 ? c : c & (0x3F >> n);
  for (size_t k = 1; k <= n && *i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<uint8_t>(s[*i + k]) & 0x3F);
  *i += n + 1;
  return cp;
}

// Unicode's Cc: C0, DEL and C1.
bool IsControl(uint32_t cp) { return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F); }

// Unicode's White_Space, and U+FEFF, which a spreadsheet leaves at the start of a field: characters a
// reader cannot see at the end of an id.
bool IsBlankOrBom(uint32_t cp) {
  return cp == 0x20 || (cp >= 0x09 && cp <= 0x0D) || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F ||
         cp == 0x3000 || cp == 0xFEFF;
}

// Four hex digits (for a code point below U+10000), lower-case as in a JSON escape or upper-case as in
// "U+00E9".
std::string Hex4(uint32_t cp, bool upper) {
  const char* digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
  std::string hex(4, '0');
  for (size_t k = hex.size(); k-- > 0; cp >>= 4) hex[k] = digits[cp & 0xF];
  return hex;
}

// `s` in double quotes, with '"', '\\', controls and the characters IsBlankOrBom names (but ' ') as
// JSON escapes \uxxxx, so that a reason shows what cannot be seen.
std::string QuoteVisibly(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, &i);
    if (cp == '"' || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (IsControl(cp) || (cp != ' ' && IsBlankOrBom(cp))) {
      out += "\\u" + Hex4(cp, false);
    } else {
      out.append(s.substr(start, i - start));
    }
  }
  return out + "\"";
}

}  // namespace

std::string LearnerIdProblem(std::string_view id) {
  if (id.empty()) return "";
  size_t i = 0;
  const uint32_t first = NextCodePoint(id, &i);
  uint32_t last = first;
  bool control = IsControl(first);
  while (i < id.size()) {
    last = NextCodePoint(id, &i);
    control = control || IsControl(last);
  }
  if (!control && !IsBlankOrBom(first) && !IsBlankOrBom(last)) return "";
  return "expected no control characters, and no white space or byte order mark (U+FEFF) at either end, got " +
         QuoteVisibly(id);
}

std::string CsvTextProblem(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    uint32_t cp = NextCodePoint(s, &i);
    if (IsControl(cp) && cp != '\t' && cp != '\n') return "unexpected control character U+" + Hex4(cp, true);
  }
  return "";
}

Status BuildOutcome(const OutcomeFields& f, std::string_view base, FieldNamer namer,
                    bool require_kind_fields, Outcome* outcome) {
  *outcome = Outcome();
  const std::pair<const char*, const std::optional<std::string_view>*> named[] = {
      {"id", &f.id},       {"kind", &f.kind}, {"code", &f.code}, {"institution", &f.institution},
      {"grade", &f.grade}, {"tier", &f.tier}, {"rank", &f.rank}, {"awarding_body", &f.awarding_body}};
  for (const auto& [field, value] : named) {
    if (*value && (*value)->empty()) return Problem(namer, base, field, "expected a non-empty string");
  }
  const std::pair<const char*, const std::optional<std::string_view>*> coded[] = {
      {"code", &f.code}, {"institution", &f.institution}, {"awarding_body", &f.awarding_body}};
  for (const auto& [field, value] : coded) {
    if (*value && !IsCode(**value)) {
      return Problem(namer, base, field, "expected a code [A-Z0-9][A-Z0-9._-]*, got " + Quote(**value));
    }
  }
  if (f.id) outcome->id.assign(*f.id);
  if (!f.kind) return Problem(namer, base, "", "missing \"kind\"");
  std::optional<OutcomeKind> kind = ParseOutcomeKind(*f.kind);
  if (!kind) {
    return Problem(namer, base, "kind",
                   "expected one of course, certificate, award, training, got " + Quote(*f.kind));
  }
  outcome->kind = *kind;
  std::string_view kind_name = OutcomeKindName(*kind);
  KindShape shape = ShapeOf(*kind);
  std::string article = *kind == OutcomeKind::kAward ? "an " : "a ";

  auto needs = [&](std::string_view field) {
    return Problem(namer, base, "",
                   "missing " + Quote(field) + " (" + article + std::string(kind_name) + " needs it)");
  };
  auto not_allowed = [&](std::string_view field) {
    return Problem(namer, base, field, "not allowed for " + article + std::string(kind_name));
  };

  if (f.code) outcome->code.assign(*f.code);
  else if (require_kind_fields) return needs("code");
  if (f.institution) {
    if (!shape.institution) return not_allowed("institution");
    outcome->institution.assign(*f.institution);
  } else if (shape.institution && require_kind_fields) {
    return needs("institution");
  }
  if (f.grade) {
    if (!shape.grade) return not_allowed("grade");
    outcome->grade.assign(*f.grade);
  }
  if (f.tier) {
    if (!shape.tier_rank) return not_allowed("tier");
    outcome->tier = ParseTier(*f.tier);
    if (!outcome->tier) {
      return Problem(namer, base, "tier",
                     "expected one of international, national, provincial, municipal, school, got " +
                         Quote(*f.tier));
    }
  } else if (shape.tier_rank && require_kind_fields) {
    return needs("tier");
  }
  if (f.rank) {
    if (!shape.tier_rank) return not_allowed("rank");
    outcome->rank = ParseRank(*f.rank);
    if (!outcome->rank) {
      return Problem(namer, base, "rank",
                     "expected one of first, second, third, merit (or gold, silver, bronze, excellence), "
                     "got " + Quote(*f.rank));
    }
  } else if (shape.tier_rank && require_kind_fields) {
    return needs("rank");
  }
  if (f.score) {
    StatusOr<Decimal> score = Decimal::Parse(*f.score);
    if (!score.ok() || score->is_negative() || *score > Decimal::FromInt(100)) {
      return Problem(namer, base, "score",
                     "expected a score from 0 to 100 with at most 2 decimal places, got " + Quote(*f.score));
    }
    outcome->score = *score;
  }
  if (!f.date) return Problem(namer, base, "", "missing \"date\"");
  StatusOr<Date> date = Date::Parse(*f.date);
  if (!date.ok()) return Problem(namer, base, "date", date.status().message());
  outcome->date = *date;
  if (f.awarding_body) outcome->awarding_body.assign(*f.awarding_body);
  return Status::Ok();
}

namespace {

// What identifies an outcome (see DeriveMissingOutcomeIds).
std::string IdentityId(const Outcome& outcome) {
  std::string id = outcome.code;
  switch (outcome.kind) {
    case OutcomeKind::kCourse:
      id = outcome.institution + "/" + id;
      break;
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining:
      if (!outcome.grade.empty()) id += "/" + outcome.grade;
      break;
    case OutcomeKind::kAward:
      if (outcome.tier) id += "/" + std::string(TierName(*outcome.tier));
      break;
  }
  return id + "@" + outcome.date.ToString();
}

// 8 hex digits of the SHA-256 of every field but the id, each written as its length and its text.
std::string ContentDigits(const Outcome& o) {
  std::string fields;
  for (const std::string& f :
       {std::string(OutcomeKindName(o.kind)), o.code, o.institution, o.grade,
        o.tier ? std::string(TierName(*o.tier)) : std::string(),
        o.rank ? std::string(RankName(*o.rank)) : std::string(),
        o.score ? o.score->ToString() : std::string(), o.awarding_body, o.date.ToString()}) {
    fields += std::to_string(f.size()) + ":" + f;
  }
  return records::Sha256Hex(fields).substr(0, 8);
}

}  // namespace

void DeriveMissingOutcomeIds(std::vector<Outcome>* outcomes) {
  std::map<std::string, int> alike;  // identity -> outcomes without an id that have it
  for (const Outcome& o : *outcomes) {
    if (o.id.empty()) ++alike[IdentityId(o)];
  }
  if (alike.empty()) return;
  std::set<std::string> taken;
  for (const Outcome& o : *outcomes) {
    if (!o.id.empty()) taken.insert(o.id);
  }
  for (Outcome& o : *outcomes) {
    if (!o.id.empty()) continue;
    std::string id = IdentityId(o);
    if (alike[id] > 1) id += "#" + ContentDigits(o);
    std::string unique = id;
    for (int n = 2; taken.count(unique) != 0; ++n) unique = id + "#" + std::to_string(n);
    taken.insert(unique);
    o.id = std::move(unique);
  }
}

}  // namespace creditbank::batch
