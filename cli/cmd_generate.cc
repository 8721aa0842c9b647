// `creditbank generate --learners N [--seed S] --output FILE [--rules DIR] [--defects PER_10K] [--json]`:
// a realistic synthetic intake of learners as JSON Lines (engine/batch/synthetic_intake.h), the same
// bytes for the same seed and rules. Prints what it wrote (--json: as JSON, with the seed and the rule
// set that make it again). Exit 0, or 2 for bad usage or a write error.
#include <charconv>
#include <fstream>
#include <iostream>
#include <string>

#include "cli/cmd_bank_util.h"
#include "cli/commands.h"
#include "cli/options.h"
#include "cli/output_paths.h"
#include "cli/progress.h"
#include "engine/batch/learner_reader.h"
#include "engine/batch/synthetic_intake.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"

namespace creditbank::cli {
namespace {

constexpr const char* kUsage =
    "creditbank generate --learners N [--seed S] --output FILE [--rules DIR] [--defects PER_10K] [--json]";

int Fail(const std::string& message) {
  std::cerr << "creditbank generate: " << message << "\n";
  return kExitUsage;
}

}  // namespace

int RunGenerate(const Args& args) {
  po::options_description visible("options");
  visible.add_options()("learners", po::value<int64_t>()->required(), "number of learners (lines)")(
      "seed", po::value<std::string>()->default_value("1"), "generator seed: the same seed gives the same file")(
      "output", po::value<std::string>()->required(), "JSON Lines file to write")(
      "rules", po::value<std::string>(), "rules directory whose catalogues the outcomes come from")(
      "defects", po::value<int>()->default_value(50), "defective lines per 10,000 (for the rejects path)")(
      "json", "print what was written as JSON");
  po::positional_options_description positional;
  po::variables_map vm;
  int exit_code = kExitOk;
  if (!ParseArgs("generate", kUsage, args, visible, positional, &vm, &exit_code)) return exit_code;
  batch::IntakeOptions options;
  options.learners = vm["learners"].as<int64_t>();
  // Read as text: Boost reads "-1" into an unsigned as 2^64 - 1.
  const std::string seed = vm["seed"].as<std::string>();
  const auto [end, error] = std::from_chars(seed.data(), seed.data() + seed.size(), options.seed);
  if (seed.empty() || error != std::errc() || end != seed.data() + seed.size()) {
    return Fail("--seed: expected a number from 0 to 18446744073709551615, got \"" + seed + "\"");
  }
  options.defects_per_10k = vm["defects"].as<int>();
  if (options.learners < 0) return Fail("--learners: expected a number >= 0, got " + std::to_string(options.learners));
  if (options.defects_per_10k < 0 || options.defects_per_10k > 10000) {
    return Fail("--defects: expected 0 to 10000, got " + std::to_string(options.defects_per_10k));
  }
  const std::string dir = vm.count("rules") ? vm["rules"].as<std::string>() : DefaultRulesDir();
  StatusOr<std::shared_ptr<const RuleSet>> rule_set = LoadRulesOrSayWhy(dir);
  if (!rule_set.ok()) return Fail(rule_set.status().message());
  const std::string output = vm["output"].as<std::string>();
  // import and convert read a file named .csv as CSV: JSON Lines there would be every line a reject.
  if (batch::FormatForPath(output) == batch::InputFormat::kCsv) {
    return Fail("--output " + output + ": generate writes JSON Lines, which import and convert read from a file "
                "not named .csv; name it .jsonl");
  }
  OutputGuard guard;
  guard.AddBank(bank::DefaultDbPath());  // generate has no bank, but must not write over the default one
  if (Status g = guard.Claim("--output", output); !g.ok()) return Fail(g.message());
  std::ofstream out(output, std::ios::binary | std::ios::trunc);
  if (!out.is_open()) return Fail(FileProblem(output, "cannot open for writing"));
  batch::IntakeSummary summary;
  Status s = batch::GenerateIntake(**rule_set, options, out, &summary);
  out.close();
  if (s.ok() && !out) s = IOError("write failed");
  if (!s.ok()) return Fail(s.code() == StatusCode::kIOError ? output + ": " + s.message() : s.message());
  if (vm.count("json")) {
    json::Value v = json::Value::Object();
    v.Set("output", json::Value::String(output));
    // Decimal text: a seed goes up to 2^64 - 1, past what a JSON number holds exactly.
    v.Set("seed", json::Value::String(std::to_string(options.seed)));
    v.Set("rule_set", json::Value::String((*rule_set)->hash()));
    v.Set("learners", json::Value::Integer(summary.learners));
    v.Set("outcomes", json::Value::Integer(summary.outcomes));
    v.Set("defective_lines", json::Value::Integer(summary.defective));
    PrintJson(v);
    return kExitOk;
  }
  std::cout << "wrote " << ProgressLine::Grouped(summary.learners) << " learners ("
            << ProgressLine::Grouped(summary.outcomes) << " outcomes, " << ProgressLine::Grouped(summary.defective)
            << " defective lines) to " << output << "\n";
  return kExitOk;
}

}  // namespace creditbank::cli
