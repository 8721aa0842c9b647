// `creditbank lookup certificate CODE [--grade G]`, `lookup course INSTITUTION CODE`,
// `lookup award COMPETITION --tier T --rank R`, each with [--programme P] [--date D] [--rules DIR |
// --db FILE] [--json]: what one outcome is worth (engine/convert/lookup.h), as tables or as JSON.
// Which rules: --rules DIR; else the rule set the bank of --db converts with (the output names it);
// else $CREDITBANK_RULES; else the bank of $CREDITBANK_DB; else ./rules or the shipped rules. A bank is
// opened as every command opens it (an older one is migrated), but without its keys.
// A CODE, COMPETITION or INSTITUTION may be given by name, Chinese or English, whole or in part.
// Exit 0; 2 for bad usage, unknown codes (with the nearest known ones, or the entries whose names
// match) or rules that do not load.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/options.h"
#include "engine/bank/bank.h"
#include "engine/convert/lookup.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"

namespace creditbank::cli {
namespace {

constexpr const char* kUsage =
    "creditbank lookup certificate CODE [--grade G] | course INSTITUTION CODE | award COMPETITION "
    "--tier T --rank R  [--programme P] [--date YYYY-MM-DD] [--rules DIR | --db FILE] [--json]\n"
    "  (a code, competition or institution may also be given by its name, Chinese or English, or part of it)";

using Row = std::vector<std::string>;

// Terminal columns taken by `s`: East Asian wide characters take two.
size_t Width(const std::string& s) {
  size_t w = 0;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    uint32_t cp = c;
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (n > 1) {
      cp = c & (0x7F >> n);
      for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    i += n;
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                (cp >= 0xFFE0 && cp <= 0xFFE6) || cp >= 0x20000;
    w += wide ? 2 : 1;
  }
  return w;
}

// Left-aligned columns two spaces apart; the last column is not padded.
void PrintTable(std::ostream& out, const std::vector<Row>& rows, const std::string& indent = "") {
  std::vector<size_t> widths;
  for (const Row& r : rows) {
    if (widths.size() < r.size()) widths.resize(r.size(), 0);
    for (size_t i = 0; i < r.size(); ++i) widths[i] = std::max(widths[i], Width(r[i]));
  }
  for (const Row& r : rows) {
    std::string line = indent;
    for (size_t i = 0; i < r.size(); ++i) {
      line += r[i];
      if (i + 1 < r.size()) line += std::string(widths[i] - Width(r[i]) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << "\n";
  }
}

std::string Name(const Text& t) { return t.en.empty() ? t.zh : t.zh + " (" + t.en + ")"; }

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string Conditions(const RecognitionRule& r) {
  std::vector<std::string> parts;
  if (r.min_score) parts.push_back("score >= " + r.min_score->ToString());
  if (!r.awarding_bodies.empty()) parts.push_back("body " + Join(r.awarding_bodies, " or "));
  if (r.outcome_window) {
    std::string from = r.outcome_window->from == Date::Min() ? "" : r.outcome_window->from.ToString();
    std::string to = r.outcome_window->to == Date::Max() ? "" : r.outcome_window->to.ToString();
    parts.push_back("dated " + from + ".." + to);
  }
  return parts.empty() ? "-" : Join(parts, "; ");
}

// The form of one variant: "1X-IOT-IDO 中级", "NVSC-IOT national first", "CQEIT/IOT101".
std::string Form(const Outcome& o) {
  switch (o.kind) {
    case OutcomeKind::kCourse: return o.institution + "/" + o.code;
    case OutcomeKind::kAward: return o.code + " " + std::string(TierName(*o.tier)) + " " + std::string(RankName(*o.rank));
    default: return o.code + " " + o.grade;
  }
}

void PrintRecognition(std::ostream& out, const LookupResult& r) {
  std::vector<Row> rows = {{"form", "rule", "level", "credits", "units", "validity", "conditions"}};
  std::vector<std::string> notes;
  for (const LookupVariant& v : r.variants) {
    for (const RecognitionRule* rule : v.recognition) {
      const Course* course = r.course.course;
      int level = rule->level != 0 || course == nullptr ? rule->level : course->level;
      Credits credits = rule->credits ? *rule->credits : (course != nullptr ? course->credits : Credits());
      rows.push_back({Form(v.outcome), rule->id, std::to_string(level), credits.ToString(),
                      rule->units.empty() ? "-" : Join(rule->units, " "),
                      rule->validity_years ? std::to_string(*rule->validity_years) + " years" : "no expiry",
                      Conditions(*rule)});
    }
    const Certification& c = v.certification;
    if (!c.certified) {
      notes.push_back(Form(v.outcome) + ": not certified: " + std::string(ReasonName(c.reason)) + ": " + c.detail);
    }
  }
  out << "\nrecognition on " << r.date.ToString() << ":\n";
  if (rows.size() == 1) {
    out << "  no rule is effective\n";
  } else {
    PrintTable(out, rows, "  ");
  }
  for (const std::string& n : notes) out << "  " << n << "\n";
}

void PrintConversion(std::ostream& out, const LookupResult& r) {
  const Programme& p = *r.programme;
  out << "\nprogramme " << p.code << " " << Name(p.name) << ", " << p.institution << "\n";
  for (const LookupVariant& v : r.variants) {
    const Decision& d = *v.decision;
    out << "\n" << Form(v.outcome) << " ("
        << (v.outcome.score ? "score " + v.outcome.score->ToString() + ", " : std::string()) << "dated "
        << r.date.ToString() << "):\n";
    if (v.conversion.empty()) {
      out << "  no conversion rule of " << p.code << " names it\n";
    } else {
      std::vector<Row> rows = {{"rule", "priority", "inputs", "exempts", "credits"}};
      for (const ConversionRule* rule : v.conversion) {
        std::vector<std::string> inputs;
        for (const OutcomeSelector& in : rule->inputs) inputs.push_back(DescribeInput(*r.rules, in));
        rows.push_back({rule->id, std::to_string(rule->priority), Join(inputs, " + "), Join(rule->exempts),
                        rule->credits ? rule->credits->ToString() : "sum"});
      }
      PrintTable(out, rows, "  ");
    }
    if (d.exemptions.empty()) {
      out << "  exempts nothing\n";
    } else {
      std::vector<Row> rows = {{"exempts", "course", "credits", "rule", "path"}};
      for (const Exemption& e : d.exemptions) {
        const Course* course = p.FindCourse(e.course);
        rows.push_back({e.course, course != nullptr ? Name(course->name) : "", e.credits.ToString(), e.rule,
                        e.path.empty() ? "-" : Join(e.path, " > ")});
      }
      PrintTable(out, rows, "  ");
    }
    out << "  granted " << d.granted.ToString() << " of the cap " << d.cap.ToString() << "\n";
    for (const Unused& u : d.not_used) {
      out << "  not used: " << ReasonName(u.reason) << ": " << u.detail << "\n";
    }
    for (const NotChosen& n : d.not_chosen) {
      out << "  not chosen: " << n.rule << " for " << Join(n.courses) << ": " << ReasonName(n.reason) << ": "
          << n.detail << "\n";
    }
  }
}

void PrintText(std::ostream& out, const LookupResult& r) {
  if (r.certificate != nullptr) {
    const Certificate& c = *r.certificate;
    out << OutcomeKindName(r.kind) << " " << c.code << " " << Name(c.name) << "\n";
    out << "scheme " << CertificateSchemeName(c.scheme) << ", awarding body " << c.awarding_body;
    if (!c.awarding_body_name.zh.empty()) out << " " << Name(c.awarding_body_name);
    std::vector<std::string> grades;
    for (const Grade& g : c.grades) grades.push_back(g.grade + " (level " + std::to_string(g.level) + ")");
    out << "\ngrades " << Join(grades) << "\n";
  } else if (r.competition != nullptr) {
    out << "competition " << r.competition->code << " " << Name(r.competition->name) << "\n";
    std::vector<std::string> tiers;
    for (Tier t : r.competition->tiers) tiers.emplace_back(TierName(t));
    out << "organizer " << r.competition->organizer << ", tiers " << Join(tiers) << "\n";
  } else {
    const Course& c = *r.course.course;
    out << "course " << r.course.programme->institution << "/" << c.code << " " << Name(c.name) << "\n";
    if (r.institution != nullptr) out << "taught at " << Name(r.institution->name) << "\n";
    out << CreditsText(c.credits) << ", " << CourseCategoryName(c.category) << ", level " << c.level << "\n";
  }
  PrintRecognition(out, r);
  if (r.programme != nullptr) PrintConversion(out, r);
}

Date Today() {
  auto now = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  return Date::FromDays(static_cast<int32_t>(now.time_since_epoch().count()));
}

int Fail(const std::string& message) {
  std::cerr << "creditbank lookup: " << message << "\n";
  return kExitUsage;
}

}  // namespace

int RunLookup(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("grade", po::value<std::string>(), "certificate grade, e.g. 中级")(
      "tier", po::value<std::string>(), "award tier: international, national, provincial, municipal, school")(
      "rank", po::value<std::string>(), "award rank: first, second, third, merit (or gold, silver, bronze)")(
      "programme", po::value<std::string>(), "also show the conversion at this programme")(
      "date", po::value<std::string>(), "decision date YYYY-MM-DD (default: today)")(
      "rules", po::value<std::string>(), "rules directory (default: $CREDITBANK_RULES, else the bank of "
                                         "$CREDITBANK_DB, else the shipped rules)")(
      "db", po::value<std::string>(), "use the rule set the bank at FILE converts with")(
      "json", "print JSON");
  po::options_description hidden;
  hidden.add_options()("what", po::value<std::string>())("args", po::value<std::vector<std::string>>());
  po::positional_options_description positional;
  positional.add("what", 1).add("args", -1);
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("lookup", kUsage, args, visible, positional, &vm, &exit_code, &hidden)) return exit_code;

  auto usage = [&](const std::string& problem) {
    std::cerr << "creditbank lookup: " << problem << "\nusage: " << kUsage << "\n";
    return kExitUsage;
  };
  if (!vm.count("what")) return usage("expected certificate, course or award");
  const std::string what = vm["what"].as<std::string>();
  std::vector<std::string> rest = vm.count("args") ? vm["args"].as<std::vector<std::string>>() : std::vector<std::string>();
  LookupQuery q;
  if (what == "certificate") {
    if (rest.size() != 1) return usage("lookup certificate takes one CODE");
    q.kind = OutcomeKind::kCertificate;
    q.code = rest[0];
    if (vm.count("grade")) q.grade = vm["grade"].as<std::string>();
  } else if (what == "course") {
    if (rest.size() != 2) return usage("lookup course takes INSTITUTION and CODE");
    q.kind = OutcomeKind::kCourse;
    q.institution = rest[0];
    q.code = rest[1];
  } else if (what == "award") {
    if (rest.size() != 1) return usage("lookup award takes one COMPETITION");
    if (!vm.count("tier") || !vm.count("rank")) return usage("lookup award needs --tier and --rank");
    q.kind = OutcomeKind::kAward;
    q.code = rest[0];
    q.tier = ParseTier(vm["tier"].as<std::string>());
    if (!q.tier) return usage("--tier: expected one of international, national, provincial, municipal, school, got \"" + vm["tier"].as<std::string>() + "\"");
    q.rank = ParseRank(vm["rank"].as<std::string>());
    if (!q.rank) return usage("--rank: expected one of first, second, third, merit (or gold, silver, bronze, excellence), got \"" + vm["rank"].as<std::string>() + "\"");
  } else {
    return usage("expected certificate, course or award, got \"" + what + "\"");
  }
  if ((what != "certificate") && vm.count("grade")) return usage("--grade is for certificates");
  if ((what != "award") && (vm.count("tier") || vm.count("rank"))) return usage("--tier and --rank are for awards");
  if (vm.count("programme")) q.programme = vm["programme"].as<std::string>();
  q.date = Today();
  if (vm.count("date")) {
    StatusOr<Date> d = Date::Parse(vm["date"].as<std::string>());
    if (!d.ok()) return usage("--date: " + d.status().message());
    q.date = *d;
  }
  if (vm.count("rules") && vm.count("db")) return usage("give --rules or --db, not both: each names the rules to use");
  auto env = [](const char* name) {
    const char* value = std::getenv(name);
    return value != nullptr && *value != '\0' ? std::string(value) : std::string();
  };
  std::string db;
  if (vm.count("db")) {
    db = vm["db"].as<std::string>();
  } else if (!vm.count("rules") && env("CREDITBANK_RULES").empty()) {
    // A bank $CREDITBANK_DB names before it is made (init) leaves the shipped rules.
    std::error_code ec;
    if (std::filesystem::exists(env("CREDITBANK_DB"), ec)) db = env("CREDITBANK_DB");
  }
  std::shared_ptr<const RuleSet> rule_set;
  int64_t version = 0;
  if (!db.empty()) {
    StatusOr<bank::CurrentRuleSet> current = bank::ReadCurrentRuleSet(db);
    if (!current.ok() && !vm.count("db")) {
      return Fail("$CREDITBANK_DB: " + current.status().message() + "; or give --rules DIR to look up without a bank");
    }
    if (!current.ok()) return Fail(current.status().message());
    rule_set = std::move(current->rule_set);
    version = current->version;
  } else {
    StatusOr<std::shared_ptr<const RuleSet>> loaded =
        LoadRulesOrSayWhy(vm.count("rules") ? vm["rules"].as<std::string>() : DefaultRulesDir());
    if (!loaded.ok()) return Fail(loaded.status().message());
    rule_set = std::move(loaded).value();
  }
  Converter converter(rule_set);
  StatusOr<LookupResult> result = Lookup(converter, q);
  if (!result.ok()) return Fail(result.status().message());
  if (vm.count("json")) {
    json::Value v = LookupToJson(*result);
    if (!db.empty()) {
      json::Value from = json::Value::Object();
      from.Set("bank", json::Value::String(db));
      from.Set("version", json::Value::Integer(version));
      from.Set("hash", json::Value::String(rule_set->hash()));
      v.Set("rule_set", std::move(from));
    }
    std::cout << json::Write(v, 2) << "\n";
  } else {
    if (!db.empty()) {
      std::cout << "rules of the bank " << db << ": rule set version " << version << " ("
                << rule_set->hash().substr(0, 12) << "…)\n\n";
    }
    PrintText(std::cout, *result);
  }
  return kExitOk;
}

}  // namespace creditbank::cli
