#include "engine/batch/synthetic_intake.h"

#include <array>
#include <cstdio>
#include <string>
#include <vector>

#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

// splitmix64: small, fast, and the same on every platform.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, n). REQUIRES: n > 0. The modulo bias is below 2^-40 for the sizes used here.
  uint64_t Below(uint64_t n) { return Next() % n; }
  int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo + 1))); }
  bool Chance(int per_10k) { return Below(10000) < static_cast<uint64_t>(per_10k); }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Below(v.size())]; }

 private:
  uint64_t state_;
};

// Common Chinese surnames and given-name characters (《百家姓》 order of frequency in today's census
// lists); names are two or three characters, as most are.
constexpr std::array<const char*, 60> kSurnames = {
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡",
    "郭", "何", "高", "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹",
    "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏",
    "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "欧阳"};
constexpr std::array<const char*, 48> kGiven = {
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明",
    "超", "秀", "霞", "平", "刚", "桂", "英", "华", "玉", "萍", "红", "鹏", "飞", "宇", "浩", "欣",
    "怡", "佳", "思", "雨", "梓", "涵", "子", "轩", "晨", "博", "文", "嘉", "俊", "诗", "琪", "瑞"};

// What the catalogues offer, flattened once.
struct Pools {
  std::vector<const Certificate*> certificates;  // not training
  std::vector<const Certificate*> trainings;
  std::vector<const Competition*> competitions;
  struct CourseAt {
    std::string institution;
    const Course* course;
  };
  std::vector<CourseAt> secondary_courses;  // courses of secondary-vocational programmes
  std::vector<CourseAt> other_courses;      // courses of the other programmes
};

Pools BuildPools(const RuleSet& rules) {
  Pools p;
  for (const Certificate& c : rules.data().certificates) {
    if (c.grades.empty()) continue;
    (c.scheme == CertificateScheme::kTraining ? p.trainings : p.certificates).push_back(&c);
  }
  for (const Competition& c : rules.data().competitions) {
    if (!c.tiers.empty()) p.competitions.push_back(&c);
  }
  for (const Programme& prog : rules.data().programmes) {
    const Institution* inst = rules.FindInstitution(prog.institution);
    bool secondary = inst != nullptr && inst->type == InstitutionType::kSecondaryVocational;
    for (const Course& course : prog.courses) {
      (secondary ? p.secondary_courses : p.other_courses).push_back({prog.institution, &course});
    }
  }
  return p;
}

std::string LearnerName(Random& r) {
  std::string name = kSurnames[r.Below(kSurnames.size())];
  int given = r.Chance(6500) ? 2 : 1;
  for (int i = 0; i < given; ++i) name += kGiven[r.Below(kGiven.size())];
  return name;
}

json::Value Score(Random& r) {
  // Most pass; about one in eight is below 60.
  int score = r.Chance(1250) ? r.Between(35, 59) : r.Between(60, 100);
  return json::Value::Integer(score);
}

json::Value MakeOutcome(Random& r, const Pools& p, const IntakeOptions& o, int index) {
  json::Value out = json::Value::Object();
  out.Set("id", json::Value::String("o" + std::to_string(index)));
  Date date = Date::FromDays(o.until.days() - static_cast<int32_t>(r.Below(3650)));
  int roll = r.Between(0, 99);
  if (roll < 45 && !p.certificates.empty()) {
    const Certificate* c = r.Pick(p.certificates);
    out.Set("kind", json::Value::String("certificate"));
    // One in a hundred names a certificate the catalogue lacks (well-formed: certification says
    // "unknown").
    out.Set("code", json::Value::String(r.Chance(100) ? "XC-" + std::to_string(r.Below(1000)) : c->code));
    out.Set("grade", json::Value::String(c->grades[r.Below(c->grades.size())].grade));
    out.Set("score", Score(r));
    // One in fifty names another body than the one that awards the certificate.
    out.Set("awarding_body", json::Value::String(r.Chance(200) ? "UNKNOWN-BODY" : c->awarding_body));
  } else if (roll < 60 && !p.trainings.empty()) {
    const Certificate* c = r.Pick(p.trainings);
    out.Set("kind", json::Value::String("training"));
    out.Set("code", json::Value::String(c->code));
    out.Set("grade", json::Value::String(c->grades.front().grade));
    out.Set("awarding_body", json::Value::String(c->awarding_body));
  } else if (roll < 70 && !p.competitions.empty()) {
    const Competition* c = r.Pick(p.competitions);
    out.Set("kind", json::Value::String("award"));
    out.Set("code", json::Value::String(c->code));
    out.Set("tier", json::Value::String(std::string(TierName(c->tiers[r.Below(c->tiers.size())]))));
    // Prizes are rarer the higher they are: first 15%, second 30%, third 40%, merit 15%.
    int rank_roll = r.Between(0, 99);
    Rank rank = rank_roll < 15 ? Rank::kFirst : rank_roll < 45 ? Rank::kSecond
              : rank_roll < 85 ? Rank::kThird : Rank::kMerit;
    out.Set("rank", json::Value::String(std::string(RankName(rank))));
  } else {
    const std::vector<Pools::CourseAt>& pool =
        !p.secondary_courses.empty() && (p.other_courses.empty() || r.Chance(7000)) ? p.secondary_courses
                                                                                    : p.other_courses;
    const Pools::CourseAt& c = r.Pick(pool);
    out.Set("kind", json::Value::String("course"));
    out.Set("institution", json::Value::String(c.institution));
    out.Set("code", json::Value::String(c.course->code));
    out.Set("score", Score(r));
  }
  out.Set("date", json::Value::String(date.ToString()));
  return out;
}

// A line that a reader must reject, of one of four kinds.
std::string DefectiveLine(Random& r, json::Value learner) {
  json::Value* outcomes = nullptr;
  for (auto& [key, value] : learner.members()) {
    if (key == "outcomes") outcomes = &value;
  }
  switch (r.Below(4)) {
    case 0: {  // malformed JSON: the line is cut short
      std::string text = json::Write(learner);
      return text.substr(0, text.size() / 2);
    }
    case 1:  // a code that is not one (codes are upper case): the reader rejects it
      outcomes->items().front().Set("code", json::Value::String("no-such-code-" + std::to_string(r.Below(1000))));
      return json::Write(learner);
    case 2:  // an impossible date
      outcomes->items().front().Set("date", json::Value::String("2023-02-30"));
      return json::Write(learner);
    default:  // a required field missing
      learner.members().erase(learner.members().begin());  // learner_id comes first
      return json::Write(learner);
  }
}

}  // namespace

Status GenerateIntake(const RuleSet& rules, const IntakeOptions& options, std::ostream& out,
                      IntakeSummary* summary) {
  Pools pools = BuildPools(rules);
  if (pools.certificates.empty() || pools.competitions.empty()) {
    return FailedPrecondition("the rule set has no certificates or no competitions to draw from");
  }
  Random r(options.seed);
  *summary = IntakeSummary();
  for (int64_t i = 0; i < options.learners; ++i) {
    json::Value learner = json::Value::Object();
    // Student numbers as a school gives them: "S", the year of entry, seven digits.
    char id[32];
    std::snprintf(id, sizeof id, "S%04d%07lld", options.until.year(), static_cast<long long>(i + 1));
    learner.Set("learner_id", json::Value::String(id));
    learner.Set("name", json::Value::String(LearnerName(r)));
    json::Value& outcomes = learner.Set("outcomes", json::Value::Array());
    int n = 1 + static_cast<int>(r.Below(10));
    for (int k = 1; k <= n; ++k) outcomes.Push(MakeOutcome(r, pools, options, k));
    ++summary->learners;
    if (r.Chance(options.defects_per_10k)) {
      ++summary->defective;
      out << DefectiveLine(r, std::move(learner)) << '\n';
    } else {
      summary->outcomes += n;
      out << json::Write(learner) << '\n';
    }
    if (!out) return IOError("write failed after " + std::to_string(i) + " learners");
  }
  return Status::Ok();
}

}  // namespace creditbank::batch
