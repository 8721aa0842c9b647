// The whole pipeline (RuleData -> RuleSet::Build -> Converter::Convert) against a brute-force
// reference written from docs/conversion.md alone, on random small rule sets and learners.
//
// The reference certifies by a table it keeps itself, builds every option by the page's definitions
// (rule options by assigning distinct outcomes to inputs, equivalence options by the best single
// edge; hop limit 1 so that the best path is the best edge), enumerates every subset of the
// admissible options, checks each constraint directly, and picks by the three steps of the page.
// The decision must leave the same outcomes eligible (certified, not expired, counted once, not
// withdrawn), grant the same credits and choose the same options. A quarter of the learners come with
// a withdrawal ("Revoked certifications"): a copy of one of their outcomes under another id (a TR
// training's one grade stated if it was left out, and left out if it was stated), half of the time
// with a score that differs, which withdraws nothing.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "engine/convert/convert.h"
#include "gtest/gtest.h"
#include "tests/convert/convert_test_rules.h"

namespace creditbank {
namespace {

using convert_test::D;
using convert_test::Dec;

// The reference's own view of a certified outcome.
struct RefCert {
  bool eligible = false;
  int level = 0;
  int64_t credits = 0;             // hundredths
  std::optional<Date> valid_until;
  std::vector<std::string> units;
};

struct RefOption {
  int priority = 0;
  std::string rule;
  std::vector<std::string> courses;   // codes, rule order
  std::vector<std::string> outcomes;  // ids, input order
  std::vector<size_t> outcome_index;  // learner positions
  int64_t credits = 0;                // hundredths
  bool shareable = false;
  bool admissible = true;
  uint8_t kinds = 0;
};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  int Pick(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int one_in) { return Pick(0, one_in - 1) == 0; }
  std::mt19937_64& rng() { return rng_; }

 private:
  std::mt19937_64 rng_;
};

const char* const kGrades1X[] = {"初级", "中级", "高级"};
const char* const kGradesVq[] = {"四级", "三级", "二级"};

// Framework, catalogues, units and recognition rules; the reference keeps its own copy of what
// each rule certifies.
struct World {
  RuleData data;
  std::map<std::string, RecognitionRule> rec;  // "<kind>|<code>|<grade or tier/rank>" -> rule
};

std::string RecKey(const Outcome& o) {
  if (o.kind == OutcomeKind::kAward) {
    return "award|" + o.code + "|" + std::string(TierName(*o.tier)) + std::string(RankName(*o.rank));
  }
  return std::string(OutcomeKindName(o.kind)) + "|" + o.code + "|" + o.grade;
}

World MakeWorld(Generator& g) {
  World w;
  RuleData& d = w.data;
  d.framework.id = "QF";
  d.framework.name.zh = "框架";
  for (int l = 1; l <= 4; ++l) {
    FrameworkLevel level;
    level.level = l;
    level.name.zh = std::to_string(l);
    d.framework.levels.push_back(level);
  }
  d.institutions = {{"SCH", {"学校", ""}, InstitutionType::kHigherVocational}};
  Certificate c1;
  c1.code = "C1";
  c1.scheme = CertificateScheme::k1X;
  c1.name.zh = "证书一";
  c1.grades = {{kGrades1X[0], 2}, {kGrades1X[1], 3}, {kGrades1X[2], 4}};
  Certificate c2;
  c2.code = "C2";
  c2.scheme = CertificateScheme::kVocationalQualification;
  c2.name.zh = "证书二";
  c2.grades = {{kGradesVq[0], 2}, {kGradesVq[1], 3}, {kGradesVq[2], 4}};
  Certificate tr;
  tr.code = "TR";
  tr.scheme = CertificateScheme::kTraining;
  tr.name.zh = "培训";
  tr.grades = {{"合格", 1}};
  d.certificates = {c1, c2, tr};
  Competition aw;
  aw.code = "AW";
  aw.name.zh = "大赛";
  aw.tiers = {Tier::kNational, Tier::kProvincial};
  d.competitions = {aw};
  CompetencyStandard units;
  units.code = "STD";
  units.name.zh = "标准";
  for (int u = 1; u <= 4; ++u) units.units.push_back({"U" + std::to_string(u), {"单元", ""}, 2, Dec("1")});
  d.standards = {units};

  auto add_rule = [&](OutcomeKind kind, const std::string& code, const std::string& grade,
                      std::optional<Tier> tier, std::optional<Rank> rank, int level) {
    RecognitionRule r;
    r.id = "R-" + std::to_string(d.recognition_rules.size());
    r.priority = 100;
    r.effective.from = D("2000-01-01");
    r.kind = kind;
    r.code = code;
    r.grade = grade;
    r.tier = tier;
    r.rank = rank;
    r.level = level;
    r.credits = Decimal::FromHundredths(100 * g.Pick(1, 6));
    int unit_count = g.Pick(0, 2);
    for (int k = 0; k < unit_count; ++k) {
      std::string u = "U" + std::to_string(g.Pick(1, 4));
      if (std::find(r.units.begin(), r.units.end(), u) == r.units.end()) r.units.push_back(u);
    }
    if (g.Chance(2)) r.validity_years = g.Pick(1, 4);
    d.recognition_rules.push_back(r);
    Outcome probe;
    probe.kind = kind;
    probe.code = code;
    probe.grade = grade;
    probe.tier = tier;
    probe.rank = rank;
    w.rec[RecKey(probe)] = r;
  };
  for (int k = 0; k < 3; ++k) {
    add_rule(OutcomeKind::kCertificate, "C1", kGrades1X[k], std::nullopt, std::nullopt, k + 2);
    add_rule(OutcomeKind::kCertificate, "C2", kGradesVq[k], std::nullopt, std::nullopt, k + 2);
  }
  add_rule(OutcomeKind::kTraining, "TR", "合格", std::nullopt, std::nullopt, 1);
  add_rule(OutcomeKind::kAward, "AW", "", Tier::kNational, Rank::kFirst, 4);
  add_rule(OutcomeKind::kAward, "AW", "", Tier::kNational, Rank::kSecond, 3);
  add_rule(OutcomeKind::kAward, "AW", "", Tier::kProvincial, Rank::kFirst, 3);
  // Two ranks of one tier at one level: copies of that qualification reach the later steps of "the best"
  // (credits, validity) with results that differ.
  add_rule(OutcomeKind::kAward, "AW", "", Tier::kProvincial, Rank::kSecond, 3);

  // The programme: up to 8 courses, a random policy with a hop limit of 1.
  Programme p;
  p.code = "PRG";
  p.institution = "SCH";
  p.name.zh = "专业";
  p.level = 3;
  int courses = g.Pick(1, 8);
  const int64_t kCredits[] = {0, 50, 100, 150, 200, 250, 300, 400, 600};
  for (int c = 0; c < courses; ++c) {
    Course course;
    course.code = "K" + std::to_string(c + 1);
    course.name.zh = "课程";
    course.credits = Decimal::FromHundredths(kCredits[g.Pick(0, 8)]);
    course.category = static_cast<CourseCategory>(g.Pick(0, 2));
    course.level = g.Pick(2, 4);
    p.courses.push_back(course);
  }
  p.policy.cap_percent = g.Pick(10, 100);
  for (auto& cap : p.policy.kind_caps) {
    if (g.Chance(3)) cap = Decimal::FromHundredths(50 * g.Pick(0, 16));
  }
  if (g.Chance(2)) p.policy.max_per_outcome = Decimal::FromHundredths(100 * g.Pick(1, 8));
  for (int& level : p.policy.category_min_level) level = g.Pick(1, 4);
  p.policy.transitive = g.Chance(2);
  p.policy.max_hops = 1;
  d.programmes = {p};

  // Conversion rules: one-to-one, many-to-one and one-to-many; waivers; some not yet effective.
  auto random_input = [&]() {
    OutcomeSelector in;
    switch (g.Pick(0, 4)) {
      case 0:
      case 1:
        in.kind = OutcomeKind::kCertificate;
        in.code = g.Chance(2) ? "C1" : "C2";
        in.min_level = g.Pick(0, 4);
        break;
      case 2:
        in.kind = OutcomeKind::kTraining;
        in.code = "TR";
        break;
      case 3:
        in.kind = OutcomeKind::kAward;
        in.code = "AW";
        if (g.Chance(2)) in.min_tier = g.Chance(2) ? Tier::kNational : Tier::kProvincial;
        if (g.Chance(2)) in.min_rank = g.Chance(2) ? Rank::kFirst : Rank::kSecond;
        break;
      default:
        in.unit = "U" + std::to_string(g.Pick(1, 4));
        break;
    }
    return in;
  };
  int rule_count = g.Pick(1, 8);
  const int kPriorities[] = {50, 80, 100};
  for (int k = 0; k < rule_count; ++k) {
    ConversionRule r;
    r.id = "V" + std::to_string(k);
    r.priority = kPriorities[g.Pick(0, 2)];
    if (g.Chance(8)) r.effective.from = D("2026-01-01");
    r.programme = "PRG";
    int shape = g.Pick(0, 2);
    r.inputs.push_back(random_input());
    if (shape == 1) r.inputs.push_back(random_input());
    int exempt = shape == 2 ? std::min(courses, g.Pick(2, 3)) : 1;
    while (static_cast<int>(r.exempts.size()) < exempt) {
      std::string code = "K" + std::to_string(g.Pick(1, courses));
      if (std::find(r.exempts.begin(), r.exempts.end(), code) == r.exempts.end()) r.exempts.push_back(code);
    }
    if (g.Chance(6)) {
      r.credits = Decimal::FromHundredths(0);
    } else if (g.Chance(4)) {
      r.credits = Decimal::FromHundredths(50 * g.Pick(1, 12));
    }
    r.shareable = g.Chance(3);
    d.conversion_rules.push_back(r);
  }

  // One-way equivalences from certificate grades and units to units and courses.
  int edge_count = g.Pick(0, 5);
  const int64_t kRatios[] = {25, 50, 80, 100};
  for (int k = 0; k < edge_count; ++k) {
    Equivalence e;
    e.id = "E" + std::to_string(k);
    e.priority = 10 * g.Pick(1, 3);
    if (g.Chance(6)) e.effective.to = D("2020-12-31");
    if (g.Chance(2)) {
      int grade = g.Pick(0, 2);
      bool first = g.Chance(2);
      e.from = {VertexKey::Kind::kCertificate, first ? "C1" : "C2", first ? kGrades1X[grade] : kGradesVq[grade]};
    } else {
      e.from = {VertexKey::Kind::kUnit, "U" + std::to_string(g.Pick(1, 4)), ""};
    }
    if (g.Chance(3)) {
      e.to = {VertexKey::Kind::kUnit, "U" + std::to_string(g.Pick(1, 4)), ""};
    } else {
      e.to = {VertexKey::Kind::kCourse, "SCH", "K" + std::to_string(g.Pick(1, courses))};
    }
    if (e.from == e.to) continue;
    e.ratio = Decimal::FromHundredths(kRatios[g.Pick(0, 3)]);
    d.equivalences.push_back(e);
  }
  return w;
}

Learner MakeLearner(Generator& g) {
  Learner l;
  l.id = "L";
  int n = g.Pick(1, 10);
  std::vector<int> ids(n);
  for (int i = 0; i < n; ++i) ids[i] = i + 1;
  std::shuffle(ids.begin(), ids.end(), g.rng());
  for (int i = 0; i < n; ++i) {
    Outcome o;
    o.id = "o" + std::to_string(ids[i]);
    // Half-yearly dates and a few distinct scores, so that copies of a qualification often tie on
    // them; an awarding body (which no rule asks for) keeps some full ties from being duplicates.
    o.date = Date::FromDays(D("2019-01-01").days() + 182 * g.Pick(0, 12));
    if (g.Chance(2)) o.score = Decimal::FromHundredths(100 * (60 + 10 * g.Pick(0, 3)));
    if (g.Chance(3)) o.awarding_body = "B";
    switch (g.Pick(0, 3)) {
      case 0:
      case 1: {
        bool first = g.Chance(2);
        o.kind = OutcomeKind::kCertificate;
        o.code = first ? "C1" : "C2";
        o.grade = first ? kGrades1X[g.Pick(0, 2)] : kGradesVq[g.Pick(0, 2)];
        break;
      }
      case 2:
        o.kind = OutcomeKind::kTraining;
        o.code = "TR";
        o.grade = g.Chance(3) ? "" : "合格";  // TR's only grade may be left out
        break;
      default:
        o.kind = OutcomeKind::kAward;
        o.code = "AW";
        o.tier = g.Chance(3) ? Tier::kMunicipal : (g.Chance(2) ? Tier::kNational : Tier::kProvincial);
        o.rank = static_cast<Rank>(g.Pick(0, 2));
        break;
    }
    l.outcomes.push_back(o);
  }
  return l;
}

// `o` with its grade stated: TR, a training of one grade, may leave it out (docs/rules-format.md).
Outcome WithGrade(Outcome o) {
  if (o.code == "TR" && o.grade.empty()) o.grade = "合格";
  return o;
}

// The reference: options by the page's definitions, then every subset.
class Reference {
 public:
  Reference(const World& w, const Learner& l, Date d, const std::vector<Outcome>& withdrawn)
      : w_(w), l_(l), d_(d), p_(w.data.programmes[0]), withdrawn_(withdrawn) {}

  void Run() {
    Certify();
    RuleOptions();
    EquivalenceOptions();
    std::sort(options_.begin(), options_.end(), [](const RefOption& a, const RefOption& b) {
      return std::make_tuple(-a.priority, a.rule, a.courses, a.outcomes) <
             std::make_tuple(-b.priority, b.rule, b.courses, b.outcomes);
    });
  }
  const std::vector<RefOption>& options() const { return options_; }
  // Whether outcome i takes part in conversion (certified, not expired, and counted).
  bool eligible(size_t i) const { return certs_[i].eligible; }
  // Outcomes left out because another of the same qualification counts.
  int same_qualification() const { return same_qualification_; }
  // Outcomes withdrawn (not duplicates).
  int revoked() const { return revoked_; }
  // Whether outcome i is withdrawn (and not a duplicate).
  bool revoked(size_t i) const { return revoked_outcomes_.count(i) > 0; }
  size_t admissible_count() const {
    return static_cast<size_t>(std::count_if(options_.begin(), options_.end(),
                                             [](const RefOption& o) { return o.admissible; }));
  }

  // The chosen options (indices into options()).
  std::vector<size_t> Choose() const {
    std::vector<size_t> admissible;
    for (size_t i = 0; i < options_.size(); ++i) {
      if (options_[i].admissible) admissible.push_back(i);
    }
    std::vector<size_t> best;
    int64_t best_credits = -1;
    int64_t best_courses = -1;
    for (uint32_t mask = 0; mask < (1u << admissible.size()); ++mask) {
      std::vector<size_t> set;
      for (size_t k = 0; k < admissible.size(); ++k) {
        if ((mask >> k) & 1) set.push_back(admissible[k]);
      }
      if (!Feasible(set)) continue;
      int64_t credits = 0;
      int64_t courses = 0;
      for (size_t i : set) {
        credits += options_[i].credits;
        courses += static_cast<int64_t>(options_[i].courses.size());
      }
      // options_ is in rank order, so a set's rank list is its ascending index list.
      if (credits > best_credits || (credits == best_credits && courses > best_courses) ||
          (credits == best_credits && courses == best_courses && set < best)) {
        best = set;
        best_credits = credits;
        best_courses = courses;
      }
    }
    return best;
  }

 private:
  bool Feasible(const std::vector<size_t>& set) const {
    int64_t total = 0;
    std::map<std::string, int> course_uses;
    std::array<int64_t, kOutcomeKindCount> by_kind = {};
    std::map<size_t, int64_t> by_outcome;
    for (size_t i : set) {
      const RefOption& o = options_[i];
      total += o.credits;
      for (const std::string& c : o.courses) {
        if (++course_uses[c] > 1) return false;
      }
      for (int k = 0; k < kOutcomeKindCount; ++k) {
        if ((o.kinds >> k) & 1) by_kind[k] += o.credits;
      }
      for (size_t x : o.outcome_index) by_outcome[x] += o.credits;
      for (size_t j : set) {
        if (j == i) continue;
        const RefOption& other = options_[j];
        for (size_t x : o.outcome_index) {
          bool shared = std::find(other.outcome_index.begin(), other.outcome_index.end(), x) !=
                        other.outcome_index.end();
          if (shared && !(o.shareable && other.shareable)) return false;
        }
      }
    }
    if (total > p_.TotalCap().hundredths()) return false;
    for (int k = 0; k < kOutcomeKindCount; ++k) {
      const auto& cap = p_.policy.kind_caps[k];
      if (cap && by_kind[k] > cap->hundredths()) return false;
    }
    if (p_.policy.max_per_outcome) {
      for (const auto& [x, sum] : by_outcome) {
        if (sum > p_.policy.max_per_outcome->hundredths()) return false;
      }
    }
    return true;
  }

  void Certify() {
    certs_.assign(l_.outcomes.size(), RefCert());
    for (size_t i = 0; i < l_.outcomes.size(); ++i) {
      const Outcome& o = l_.outcomes[i];
      // docs/conversion.md "Duplicates": an outcome equal to an earlier one in all but its id.
      bool duplicate = false;
      for (size_t j = 0; j < i && !duplicate; ++j) {
        const Outcome& e = l_.outcomes[j];
        duplicate = std::tie(o.kind, o.code, o.institution, o.grade, o.tier, o.rank, o.score, o.awarding_body,
                             o.date) == std::tie(e.kind, e.code, e.institution, e.grade, e.tier, e.rank, e.score,
                                                 e.awarding_body, e.date);
      }
      if (duplicate) continue;
      // "Revoked certifications": equal to a withdrawn outcome in all but its id, TR's grade stated.
      bool revoked = false;
      for (const Outcome& withdrawn : withdrawn_) {
        const Outcome a = WithGrade(o), e = WithGrade(withdrawn);
        revoked = revoked || std::tie(a.kind, a.code, a.institution, a.grade, a.tier, a.rank, a.score,
                                      a.awarding_body, a.date) == std::tie(e.kind, e.code, e.institution, e.grade,
                                                                           e.tier, e.rank, e.score, e.awarding_body,
                                                                           e.date);
      }
      if (revoked) {
        ++revoked_;
        revoked_outcomes_.insert(i);
        continue;
      }
      auto it = w_.rec.find(RecKey(WithGrade(o)));
      if (it == w_.rec.end()) continue;
      const RecognitionRule& r = it->second;
      std::optional<Date> valid_until;
      if (r.validity_years) valid_until = o.date.AddYears(*r.validity_years);
      if (valid_until && d_ >= *valid_until) continue;
      certs_[i] = {true, r.level, r.credits->hundredths(), valid_until, r.units};
    }
    // "One qualification counts once": among eligible outcomes of one qualification (kind and code,
    // and grade, or an award's tier) keep the best by the page's order; the smaller id breaks ties.
    auto qualification = [&](const Outcome& o) {
      return std::string(OutcomeKindName(o.kind)) + "|" + o.code + "|" +
             (o.kind == OutcomeKind::kAward ? std::string(TierName(*o.tier)) : WithGrade(o).grade);
    };
    auto rank = [&](size_t i) {
      const Outcome& o = l_.outcomes[i];
      const RefCert& c = certs_[i];
      // Greater is better; no validity is the latest, no score the lowest.
      const int32_t until = c.valid_until ? c.valid_until->days() : std::numeric_limits<int32_t>::max();
      return std::make_tuple(c.level, c.credits, until, o.score ? o.score->hundredths() : -1, o.date.days());
    };
    // Whether j counts rather than i: a greater rank, or an equal rank and a smaller id.
    auto before = [&](size_t j, size_t i) {
      return rank(j) > rank(i) || (rank(j) == rank(i) && l_.outcomes[j].id < l_.outcomes[i].id);
    };
    std::vector<bool> counts(l_.outcomes.size(), false);
    for (size_t i = 0; i < l_.outcomes.size(); ++i) {
      if (!certs_[i].eligible) continue;
      bool best = true;
      for (size_t j = 0; j < l_.outcomes.size() && best; ++j) {
        best = j == i || !certs_[j].eligible ||
               qualification(l_.outcomes[j]) != qualification(l_.outcomes[i]) || !before(j, i);
      }
      counts[i] = best;
      if (!best) ++same_qualification_;
    }
    for (size_t i = 0; i < l_.outcomes.size(); ++i) {
      if (!counts[i]) certs_[i] = RefCert();
    }
    for (size_t i = 0; i < l_.outcomes.size(); ++i) {
      if (certs_[i].eligible) by_id_.push_back(i);
    }
    std::sort(by_id_.begin(), by_id_.end(),
              [&](size_t a, size_t b) { return l_.outcomes[a].id < l_.outcomes[b].id; });
  }

  // The best effective edge from one of outcome i's vertices to `to`: ratio (hundredths), or -1.
  int64_t BestEdge(size_t i, const VertexKey& to, std::string* id, int* priority) const {
    const Outcome& o = l_.outcomes[i];
    std::vector<VertexKey> sources;
    if (o.kind != OutcomeKind::kAward) sources.push_back({VertexKey::Kind::kCertificate, o.code, o.grade});
    for (const std::string& u : certs_[i].units) sources.push_back({VertexKey::Kind::kUnit, u, ""});
    int64_t best = -1;
    for (const Equivalence& e : w_.data.equivalences) {
      if (!e.effective.Contains(d_) || !(e.to == to)) continue;
      if (std::find(sources.begin(), sources.end(), e.from) == sources.end()) continue;
      int64_t r = e.ratio.hundredths();
      if (r > best || (r == best && e.id < *id)) {
        best = r;
        *id = e.id;
        *priority = e.priority;
      }
    }
    return best;
  }

  bool Admissible(const RefOption& o) const {
    for (const std::string& code : o.courses) {
      const Course* c = p_.FindCourse(code);
      int min = p_.policy.category_min_level[static_cast<size_t>(c->category)];
      for (size_t x : o.outcome_index) {
        if (certs_[x].level < min) return false;
      }
    }
    return true;
  }

  void Finish(RefOption* o) const {
    o->admissible = Admissible(*o);
    for (size_t x : o->outcome_index) o->kinds |= static_cast<uint8_t>(1u << static_cast<int>(l_.outcomes[x].kind));
  }

  void RuleOptions() {
    std::vector<const ConversionRule*> rules;
    for (const ConversionRule& r : w_.data.conversion_rules) rules.push_back(&r);
    std::sort(rules.begin(), rules.end(), [](const ConversionRule* a, const ConversionRule* b) {
      return std::make_pair(-a->priority, a->id) < std::make_pair(-b->priority, b->id);
    });
    for (const ConversionRule* r : rules) {
      if (!r->effective.Contains(d_)) continue;
      // Per input: (outcome, ratio) that satisfy it, outcomes by id.
      std::vector<std::vector<std::pair<size_t, int64_t>>> sat(r->inputs.size());
      for (size_t j = 0; j < r->inputs.size(); ++j) {
        const OutcomeSelector& in = r->inputs[j];
        for (size_t x : by_id_) {
          const Outcome& o = l_.outcomes[x];
          if (!in.unit.empty()) {
            const auto& units = certs_[x].units;
            if (std::find(units.begin(), units.end(), in.unit) != units.end()) {
              sat[j].push_back({x, 100});
              continue;
            }
            std::string id;
            int priority = 0;
            int64_t ratio = BestEdge(x, {VertexKey::Kind::kUnit, in.unit, ""}, &id, &priority);
            if (ratio > 0) sat[j].push_back({x, ratio});
            continue;
          }
          if (o.kind != *in.kind || o.code != in.code || certs_[x].level < in.min_level) continue;
          if (in.min_tier && *o.tier > *in.min_tier) continue;
          if (in.min_rank && *o.rank > *in.min_rank) continue;
          sat[j].push_back({x, 100});
        }
      }
      int64_t base = 0;
      if (r->credits) {
        base = r->credits->hundredths();
      } else {
        for (const std::string& c : r->exempts) base += p_.FindCourse(c)->credits.hundredths();
      }
      std::vector<RefOption> mine;
      std::vector<size_t> pick;
      Assign(*r, sat, 0, base, &pick, &mine);
      for (RefOption& o : mine) {
        Finish(&o);
        options_.push_back(o);
      }
    }
  }

  void Assign(const ConversionRule& r, const std::vector<std::vector<std::pair<size_t, int64_t>>>& sat,
              size_t j, int64_t base, std::vector<size_t>* pick, std::vector<RefOption>* out) const {
    if (j == r.inputs.size()) {
      int64_t ratio = 100;
      RefOption o;
      for (size_t k = 0; k < pick->size(); ++k) {
        ratio = std::min(ratio, sat[k][(*pick)[k]].second);
        size_t x = sat[k][(*pick)[k]].first;
        o.outcome_index.push_back(x);
        o.outcomes.push_back(l_.outcomes[x].id);
      }
      o.priority = r.priority;
      o.rule = r.id;
      o.courses = r.exempts;
      o.credits = base * ratio / 100;
      o.shareable = r.shareable;
      std::vector<size_t> set = o.outcome_index;
      std::sort(set.begin(), set.end());
      for (RefOption& seen : *out) {
        std::vector<size_t> other = seen.outcome_index;
        std::sort(other.begin(), other.end());
        if (other == set) {
          if (o.credits > seen.credits) seen = o;
          return;
        }
      }
      out->push_back(o);
      return;
    }
    for (size_t k = 0; k < sat[j].size(); ++k) {
      size_t x = sat[j][k].first;
      bool taken = false;
      for (size_t q = 0; q < j; ++q) taken = taken || sat[q][(*pick)[q]].first == x;
      if (taken) continue;
      pick->push_back(k);
      Assign(r, sat, j + 1, base, pick, out);
      pick->pop_back();
    }
  }

  void EquivalenceOptions() {
    for (size_t x : by_id_) {
      for (const Course& c : p_.courses) {
        std::string id;
        int priority = 0;
        int64_t ratio = BestEdge(x, {VertexKey::Kind::kCourse, p_.institution, c.code}, &id, &priority);
        if (ratio <= 0) continue;
        RefOption o;
        o.priority = priority;
        o.rule = id;
        o.courses = {c.code};
        o.outcomes = {l_.outcomes[x].id};
        o.outcome_index = {x};
        o.credits = c.credits.hundredths() * ratio / 100;
        Finish(&o);
        options_.push_back(o);
      }
    }
  }

  const World& w_;
  const Learner& l_;
  Date d_;
  const Programme& p_;
  const std::vector<Outcome>& withdrawn_;
  std::vector<RefCert> certs_;
  std::vector<size_t> by_id_;
  std::vector<RefOption> options_;
  int same_qualification_ = 0;
  int revoked_ = 0;
  std::set<size_t> revoked_outcomes_;
};

std::string Describe(const std::string& rule, std::vector<std::string> courses,
                     const std::vector<std::string>& outcomes, int64_t credits) {
  std::sort(courses.begin(), courses.end());
  std::string s = rule + " [";
  for (const std::string& c : courses) s += c + " ";
  s += "] (";
  for (const std::string& o : outcomes) s += o + " ";
  return s + ") " + Decimal::FromHundredths(credits).ToString();
}

TEST(ConvertPropertyTest, PipelineMatchesBruteForceReference) {
  Generator g(7);
  const Date d = D("2025-01-01");
  int compared = 0;
  int skipped = 0;
  int with_choice = 0;  // instances with at least two admissible options
  int credit_mismatches = 0;
  int choice_mismatches = 0;
  int option_mismatches = 0;
  int build_failures = 0;
  int eligibility_mismatches = 0;
  int reason_mismatches = 0;  // revoked in one, not in the other
  int with_same_qualification = 0;  // instances where a copy of a qualification was left out
  int with_revoked = 0;             // instances where an outcome was withdrawn
  for (int attempt = 0; compared < 10000 && attempt < 40000; ++attempt) {
    World w = MakeWorld(g);
    Learner learner = MakeLearner(g);
    rules::Diagnostics diagnostics;
    auto built = RuleSet::Build(w.data, "h", &diagnostics);
    if (!built.ok()) {
      if (++build_failures <= 3) ADD_FAILURE() << built.status().ToString();
      continue;
    }
    // Drawn from a stream of its own, so that the rule sets and learners stay those of the seed.
    std::mt19937_64 withdraw(static_cast<uint64_t>(attempt));
    std::vector<Withdrawal> withdrawn;
    std::vector<Outcome> withdrawn_outcomes;
    if (!learner.outcomes.empty() && withdraw() % 4 == 0) {
      Outcome o = learner.outcomes[withdraw() % learner.outcomes.size()];
      o.id = "revoked";
      if (withdraw() % 2 == 0) o.score = Decimal::FromHundredths(o.score ? o.score->hundredths() + 100 : 5000);
      if (o.code == "TR") o.grade = o.grade.empty() ? "合格" : "";  // the one grade stated, or left out
      withdrawn_outcomes.push_back(o);
      withdrawn.push_back({o, std::string(64, 'a'), "2024-06-01T00:00:00Z"});
    }
    Reference ref(w, learner, d, withdrawn_outcomes);
    ref.Run();
    if (ref.admissible_count() > 16) {
      ++skipped;
      continue;
    }
    Converter converter(*built);
    StatusOr<Decision> decision = converter.Convert(learner, "PRG", d, withdrawn);
    ASSERT_TRUE(decision.ok()) << decision.status().ToString();
    ++compared;
    if (ref.admissible_count() >= 2) ++with_choice;

    if (ref.same_qualification() > 0) ++with_same_qualification;
    if (ref.revoked() > 0) ++with_revoked;
    for (size_t i = 0; i < learner.outcomes.size(); ++i) {
      const bool revoked = decision->certifications[i].reason == Reason::kRevoked;
      if (ref.revoked(i) != revoked && ++reason_mismatches <= 3) {
        ADD_FAILURE() << "attempt " << attempt << ": outcome " << learner.outcomes[i].id << " is "
                      << (ref.revoked(i) ? "withdrawn" : "not withdrawn") << " in the reference, "
                      << ReasonName(decision->certifications[i].reason) << " in the decision";
      }
      if (ref.eligible(i) == decision->certifications[i].certified) continue;
      if (++eligibility_mismatches <= 3) {
        const Certification& c = decision->certifications[i];
        ADD_FAILURE() << "attempt " << attempt << ": outcome " << learner.outcomes[i].id << " is "
                      << (ref.eligible(i) ? "eligible" : "not eligible") << " in the reference, "
                      << (c.certified ? std::string_view("certified") : ReasonName(c.reason)) << " in the decision";
      }
    }
    std::vector<size_t> chosen = ref.Choose();
    int64_t expected_credits = 0;
    std::multiset<std::string> expected_chosen;
    for (size_t i : chosen) {
      const RefOption& o = ref.options()[i];
      expected_credits += o.credits;
      expected_chosen.insert(Describe(o.rule, o.courses, o.outcomes, o.credits));
    }
    // The decision's chosen options, regrouped from its per-course exemptions.
    std::map<std::string, std::tuple<std::string, std::vector<std::string>, std::vector<std::string>, int64_t>> groups;
    for (const Exemption& e : decision->exemptions) {
      std::string key = e.rule;
      for (const std::string& o : e.outcomes) key += "|" + o;
      auto& [rule, courses, outcomes, credits] = groups[key];
      rule = e.rule;
      courses.push_back(e.course);
      outcomes = e.outcomes;
      credits += e.credits.hundredths();
    }
    std::multiset<std::string> actual_chosen;
    for (const auto& [key, group] : groups) {
      actual_chosen.insert(Describe(std::get<0>(group), std::get<1>(group), std::get<2>(group), std::get<3>(group)));
    }
    // Every option, chosen or not, must be the reference's.
    std::multiset<std::string> expected_all;
    for (const RefOption& o : ref.options()) expected_all.insert(Describe(o.rule, o.courses, o.outcomes, o.credits));
    std::multiset<std::string> actual_all = actual_chosen;
    for (const NotChosen& n : decision->not_chosen) {
      actual_all.insert(Describe(n.rule, n.courses, n.outcomes, n.credits.hundredths()));
    }
    if (decision->granted.hundredths() != expected_credits) ++credit_mismatches;
    if (actual_chosen != expected_chosen) {
      if (++choice_mismatches <= 3) {
        std::string a, e;
        for (const auto& s : actual_chosen) a += s + "; ";
        for (const auto& s : expected_chosen) e += s + "; ";
        ADD_FAILURE() << "attempt " << attempt << ": chose " << a << " expected " << e;
      }
    }
    if (actual_all != expected_all) {
      if (++option_mismatches <= 3) {
        std::string a, e;
        for (const auto& s : actual_all) a += s + "; ";
        for (const auto& s : expected_all) e += s + "; ";
        ADD_FAILURE() << "attempt " << attempt << ": options " << a << " expected " << e;
      }
    }
  }
  std::printf("[ property ] %d random rule sets and learners through the pipeline (%d with 2+ "
              "admissible options, %d with a qualification held twice, %d with an outcome withdrawn, %d "
              "skipped with more than 16)\n",
              compared, with_choice, with_same_qualification, with_revoked, skipped);
  EXPECT_EQ(compared, 10000);
  EXPECT_EQ(build_failures, 0);
  EXPECT_EQ(credit_mismatches, 0);
  EXPECT_EQ(choice_mismatches, 0);
  EXPECT_EQ(option_mismatches, 0);
  EXPECT_GT(with_choice, 3000);
  EXPECT_EQ(eligibility_mismatches, 0);
  EXPECT_EQ(reason_mismatches, 0);
  EXPECT_GT(with_same_qualification, 1000);
  EXPECT_GT(with_revoked, 1000);
}

}  // namespace
}  // namespace creditbank
