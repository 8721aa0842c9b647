// Input parsing through engine/batch's learner readers (the streaming readers `creditbank import` and
// `convert --input` use): JSON Lines and CSV side by side, by outcomes per learner.
//
//  BM_ReadLearnersJsonl/<outcomes>  1,000 learners, one JSON line each.
//  BM_ReadLearnersCsv/<outcomes>    the same learners, one CSV row per outcome.
// items/s = outcomes/s (the unit end-to-end throughput is given in); the learners/s counter beside it.
// Cost per outcome should stay flat as outcomes per learner grow.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <cstdio>
#include <memory>
#include <sstream>
#include <string>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {
namespace {

constexpr int kLearners = 1000;

// The outcome k of learner l: certificates, awards, courses and trainings in turn, as an intake has.
struct OutcomeText {
  const char* kind;
  const char* code;
  const char* institution;
  const char* grade;
  const char* tier;
  const char* rank;
  const char* score;
  const char* awarding_body;
};

const OutcomeText kOutcomes[] = {
    {"certificate", "1X-IOT-IDO", "", "中级", "", "", "82", "NEWLAND-EDU"},
    {"award", "NVSC-IOT", "", "", "national", "second", "", ""},
    {"course", "ZZ-EL-101", "CQ-ZZ-01", "", "", "", "88", ""},
    {"training", "TR-IOT-INSTALL", "", "合格", "", "", "", ""},
};

std::string DateText(int l, int k) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "20%02d-%02d-%02d", 20 + (l + k) % 5, 1 + (l * 7 + k) % 12,
                1 + (l + 3 * k) % 28);
  return buffer;
}

std::string JsonLines(int outcomes) {
  std::string text;
  for (int l = 0; l < kLearners; ++l) {
    text += "{\"learner_id\":\"S2024" + std::to_string(100000 + l) + "\",\"name\":\"张伟\",\"outcomes\":[";
    for (int k = 0; k < outcomes; ++k) {
      const OutcomeText& o = kOutcomes[k % 4];
      if (k > 0) text += ',';
      text += "{\"id\":\"o" + std::to_string(k + 1) + "\",\"kind\":\"" + o.kind + "\",\"code\":\"" + o.code + "\"";
      auto field = [&text](const char* name, const char* value, bool quoted) {
        if (*value == '\0') return;
        text += std::string(",\"") + name + "\":" + (quoted ? "\"" : "") + value + (quoted ? "\"" : "");
      };
      field("institution", o.institution, true);
      field("grade", o.grade, true);
      field("tier", o.tier, true);
      field("rank", o.rank, true);
      field("score", o.score, false);
      field("awarding_body", o.awarding_body, true);
      text += ",\"date\":\"" + DateText(l, k) + "\"}";
    }
    text += "]}\n";
  }
  return text;
}

std::string CsvRows(int outcomes) {
  std::string text = "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\n";
  for (int l = 0; l < kLearners; ++l) {
    for (int k = 0; k < outcomes; ++k) {
      const OutcomeText& o = kOutcomes[k % 4];
      text += "S2024" + std::to_string(100000 + l) + ",张伟,o" + std::to_string(k + 1) + "," + o.kind + "," +
              o.code + "," + o.institution + "," + o.grade + "," + o.tier + "," + o.rank + "," + o.score +
              "," + DateText(l, k) + "," + o.awarding_body + "\n";
    }
  }
  return text;
}

void ReadAll(benchmark::State& state, const std::string& text, InputFormat format) {
  const int outcomes = static_cast<int>(state.range(0));
  Learner learner;
  Reject reject;
  for (auto _ : state) {
    std::istringstream in(text);
    std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, format);
    int learners = 0;
    for (ReadResult r; (r = reader->Next(&learner, &reject)) != ReadResult::kEnd;) {
      if (r == ReadResult::kReject) return state.SkipWithError(reject.reason.c_str());
      ++learners;
    }
    if (!reader->status().ok()) return state.SkipWithError(reader->status().ToString().c_str());
    if (learners != kLearners) return state.SkipWithError("a learner went missing");
  }
  state.SetItemsProcessed(state.iterations() * kLearners * outcomes);
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
  state.counters["learners/s"] = benchmark::Counter(static_cast<double>(state.iterations() * kLearners),
                                                    benchmark::Counter::kIsRate);
}

void BM_ReadLearnersJsonl(benchmark::State& state) {
  ReadAll(state, JsonLines(static_cast<int>(state.range(0))), InputFormat::kJsonLines);
}
BENCHMARK(BM_ReadLearnersJsonl)->ArgName("outcomes")->Arg(1)->Arg(4)->Arg(10)->Arg(32);

void BM_ReadLearnersCsv(benchmark::State& state) {
  ReadAll(state, CsvRows(static_cast<int>(state.range(0))), InputFormat::kCsv);
}
BENCHMARK(BM_ReadLearnersCsv)->ArgName("outcomes")->Arg(1)->Arg(4)->Arg(10)->Arg(32);

}  // namespace
}  // namespace creditbank::batch
