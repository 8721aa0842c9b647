// engine/json throughput: parsing learner records as JSON Lines, canonicalizing a record-like
// object, and formatting numbers. Bytes per second are of the JSON text read or written.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

const char* const kCodes[] = {"1X-IOT-IDO", "1X-SNAD", "1X-CPOD",  "1X-BDPO",
                              "1X-WEB",     "1X-MAD",  "NVSC-IOT", "CQ-IOT-101"};
const char* const kGrades[] = {"\xE5\x88\x9D\xE7\xBA\xA7", "\xE4\xB8\xAD\xE7\xBA\xA7",
                               "\xE9\xAB\x98\xE7\xBA\xA7"};  // 初级 中级 高级
const char* const kNames[] = {"\xE5\xBC\xA0\xE4\xB8\x89", "\xE6\x9D\x8E\xE5\x9B\x9B", "Wang Wu",
                              "\xE8\xB5\xB5\xE5\x85\xAD"};  // 张三 李四 Wang Wu 赵六

// One learner per line, as the batch input: an id, a name, and `outcomes` outcomes with codes,
// grades, scores with decimals, dates and institutions. Deterministic.
std::string LearnerLines(int learners, int outcomes) {
  std::mt19937_64 rng(20261129);
  std::string text;
  for (int l = 0; l < learners; ++l) {
    text += "{\"id\":\"S2024";
    text += std::to_string(100000 + l);
    text += "\",\"name\":\"";
    text += kNames[rng() % 4];
    text += "\",\"programme\":\"CQEIT-IOT-2024\",\"outcomes\":[";
    for (int o = 0; o < outcomes; ++o) {
      if (o > 0) text += ',';
      text += "{\"id\":\"o" + std::to_string(o + 1) + "\",\"kind\":\"certificate\",\"code\":\"";
      text += kCodes[rng() % 8];
      text += "\",\"grade\":\"";
      text += kGrades[rng() % 3];
      text += "\",\"score\":" + std::to_string(60 + rng() % 40) + "." + std::to_string(rng() % 10);
      text += ",\"credits\":" + std::to_string(1 + rng() % 4) + ".5";
      text += ",\"awarding_body\":\"NEWLAND-EDU\",\"institution\":\"CQEIT\",\"date\":\"2024-0";
      text += std::to_string(1 + rng() % 9) + "-1" + std::to_string(rng() % 10) + "\"}";
    }
    text += "]}\n";
  }
  return text;
}

// Parses each line on its own, as the batch reader does. Arg: outcomes per learner.
void BM_ParseLearnerLines(benchmark::State& state) {
  const std::string text = LearnerLines(1000, static_cast<int>(state.range(0)));
  std::vector<std::string_view> lines;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    lines.push_back(std::string_view(text).substr(start, end - start));
    start = end + 1;
  }
  for (auto _ : state) {
    for (std::string_view line : lines) {
      StatusOr<Value> v = Parse(line);
      if (!v.ok()) {
        state.SkipWithError(v.status().ToString().c_str());
        return;
      }
      benchmark::DoNotOptimize(v);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(text.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(lines.size()));
}
BENCHMARK(BM_ParseLearnerLines)->Arg(1)->Arg(4)->Arg(16)->Arg(64);

// A conversion-decision-like record with `n` exemptions. Bytes are of the canonical output.
void BM_CanonicalizeRecord(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Value record = Value::Object();
  record.Set("type", Value::String("conversion"));
  record.Set("learner",
             Value::String(
                 "hmac-sha256:9f2c0e7d4b1a6c3e8f5d2b7a0c9e4f1d6b3a8c5e2f7d0b9a4c1e6f3d8b5a2c7e"));
  record.Set(
      "rule_set",
      Value::String("sha256:0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c"));
  record.Set("decision_date", Value::String("2026-09-01"));
  record.Set("issuer", Value::String("key-2026-01"));
  Value& exemptions = record.Set("exemptions", Value::Array());
  for (int i = 0; i < n; ++i) {
    Value e = Value::Object();
    e.Set("course", Value::String("CQEIT-IOT-" + std::to_string(1000 + i)));
    e.Set("credits", Value::Number(0.5 * (1 + i % 8)));
    e.Set("rule", Value::String("CONV-IOT-" + std::to_string(i % 13)));
    e.Set("outcome", Value::String("o" + std::to_string(i + 1)));
    e.Set("hops", Value::Integer(i % 3));
    e.Set("\xE8\xAF\xBE\xE7\xA8\x8B",
          Value::String("\xE7\x89\xA9\xE8\x81\x94\xE7\xBD\x91"));  // 课程: 物联网
    exemptions.Push(std::move(e));
  }
  record.Set("total_credits", Value::Number(12.5));
  size_t bytes = 0;
  for (auto _ : state) {
    StatusOr<std::string> c = Canonicalize(record);
    if (!c.ok()) {
      state.SkipWithError(c.status().ToString().c_str());
      return;
    }
    bytes += c->size();
    benchmark::DoNotOptimize(c);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_CanonicalizeRecord)->Arg(1)->Arg(8)->Arg(64);

// Arg 0: small integers; 1: two-decimal credits; 2: random doubles (17 digits).
void BM_FormatNumber(benchmark::State& state) {
  std::mt19937_64 rng(42);
  std::vector<double> values(4096);
  for (double& d : values) {
    switch (state.range(0)) {
      case 0: d = static_cast<double>(rng() % 100000); break;
      case 1: d = static_cast<double>(rng() % 10000) / 100.0; break;
      default:
        d = std::uniform_real_distribution<double>(-1e300, 1e300)(rng) /
            static_cast<double>(1 + rng() % 1000000);
    }
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (double d : values) {
      std::string s = FormatNumber(d);
      bytes += s.size();
      benchmark::DoNotOptimize(s);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) *
                          static_cast<int64_t>(values.size()));
}
BENCHMARK(BM_FormatNumber)->DenseRange(0, 2);

// Compact Write of the parsed learner lines. Arg: outcomes per learner.
void BM_WriteLearnerLines(benchmark::State& state) {
  const std::string text = LearnerLines(200, static_cast<int>(state.range(0)));
  std::vector<Value> values;
  for (size_t start = 0; start < text.size();) {
    const size_t end = text.find('\n', start);
    values.push_back(*Parse(std::string_view(text).substr(start, end - start)));
    start = end + 1;
  }
  size_t bytes = 0;
  for (auto _ : state) {
    for (const Value& v : values) {
      std::string s = Write(v);
      bytes += s.size();
      benchmark::DoNotOptimize(s);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_WriteLearnerLines)->Arg(4)->Arg(16);

}  // namespace
}  // namespace creditbank::json
