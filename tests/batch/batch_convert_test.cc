// ConvertAll: order, counts and rejects do not depend on the number of workers or the chunk size.
#include "engine/batch/batch_convert.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine/json/json.h"
#include "engine/rules/loader.h"
#include "tests/rules/test_files.h"

namespace creditbank::batch {
namespace {

// The rule set of the golden case one-to-one.
std::shared_ptr<const RuleSet> OneToOneRules() {
  return rules::LoadRuleSetFromFiles(rules::testing::GoldenRuleFiles("one-to-one")).rule_set;
}

class RecordingSink : public BatchSink {
 public:
  Status WriteDecision(std::string_view json) override {
    lines.push_back("D " + std::string(json));
    return fail_after-- == 0 ? IOError("disk full") : Status::Ok();
  }
  Status WriteReject(const Reject& r) override {
    lines.push_back("R " + RejectToJson(r));
    return Status::Ok();
  }
  std::vector<std::string> lines;
  int fail_after = -1;
};

// Learner i holds IDO 中级 when i is even (IOT202, 4 credits) and SND 中级 when i is odd (IOT203, 3).
std::string Input(int learners, int bad_every) {
  std::string text;
  for (int i = 0; i < learners; ++i) {
    if (bad_every > 0 && i % bad_every == bad_every - 1) text += "{\"learner_id\": \"bad\"\n";
    std::string code = i % 2 == 0 ? "1X-IOT-IDO" : "1X-IOT-SND";
    text += "{\"learner_id\": \"L" + std::to_string(i) + "\", \"outcomes\": [{\"kind\": \"certificate\", \"code\": \"" +
            code + "\", \"grade\": \"中级\", \"score\": 80, \"date\": \"2024-06-01\", \"awarding_body\": \"NEWLAND-EDU\"}]}\n";
  }
  return text;
}

TEST(BatchConvertTest, SameOutputForAnyWorkersAndChunks) {
  std::shared_ptr<const RuleSet> rules = OneToOneRules();
  ASSERT_NE(rules, nullptr);
  Converter converter(rules);
  const Date date = *Date::Parse("2025-09-01");
  const std::string text = Input(101, 7);

  // The reference: one learner at a time, in order, without the pipeline.
  std::vector<std::string> reference;
  {
    std::istringstream in(text);
    auto reader = NewLearnerReader(&in, InputFormat::kJsonLines);
    Learner l;
    Reject r;
    for (ReadResult x; (x = reader->Next(&l, &r)) != ReadResult::kEnd;) {
      if (x == ReadResult::kReject) {
        reference.push_back("R " + RejectToJson(r));
      } else {
        reference.push_back("D " + json::Write(DecisionToJson(*converter.Convert(l, "CQEIT-510102", date))));
      }
    }
  }
  ASSERT_EQ(reference.size(), 101u + 14u);
  for (int jobs : {1, 2, 4}) {
    for (size_t chunk : {size_t{1}, size_t{3}, size_t{256}}) {
      std::istringstream in(text);
      auto reader = NewLearnerReader(&in, InputFormat::kJsonLines);
      RecordingSink sink;
      BatchOptions options;
      options.jobs = jobs;
      options.chunk_size = chunk;
      StatusOr<BatchSummary> s = ConvertAll(reader.get(), converter, "CQEIT-510102", date, options, &sink);
      ASSERT_TRUE(s.ok()) << s.status().ToString();
      EXPECT_EQ(s->learners, 101u);
      EXPECT_EQ(s->rejects, 14u);
      // 51 even learners x 4 + 50 odd learners x 3, by hand.
      EXPECT_EQ(s->granted, Decimal::FromInt(51 * 4 + 50 * 3));
      EXPECT_EQ(sink.lines, reference) << "jobs " << jobs << ", chunk " << chunk;
    }
  }
}

TEST(BatchConvertTest, UnknownProgrammeFailsBeforeReading) {
  Converter converter(OneToOneRules());
  std::istringstream in(Input(3, 0));
  auto reader = NewLearnerReader(&in, InputFormat::kJsonLines);
  RecordingSink sink;
  StatusOr<BatchSummary> s = ConvertAll(reader.get(), converter, "NOPE", Date(), BatchOptions(), &sink);
  EXPECT_EQ(s.status(), NotFound("convert: no programme \"NOPE\""));
  EXPECT_TRUE(sink.lines.empty());
}

TEST(BatchConvertTest, SinkFailureStopsTheRun) {
  Converter converter(OneToOneRules());
  std::istringstream in(Input(50, 0));
  auto reader = NewLearnerReader(&in, InputFormat::kJsonLines);
  RecordingSink sink;
  sink.fail_after = 2;
  BatchOptions options;
  options.jobs = 2;
  options.chunk_size = 4;
  StatusOr<BatchSummary> s = ConvertAll(reader.get(), converter, "CQEIT-510102", *Date::Parse("2025-09-01"),
                                        options, &sink);
  EXPECT_EQ(s.status(), IOError("disk full"));
  EXPECT_EQ(sink.lines.size(), 3u);
}

TEST(RejectToJsonTest, ExactFormAndInvalidUtf8Replaced) {
  EXPECT_EQ(RejectToJson({7, "line 7: missing \"outcomes\"", "{\"learner_id\": \"张\"}", "张"}),
            R"({"line":7,"reason":"line 7: missing \"outcomes\"","text":"{\"learner_id\": \"张\"}"})");
  EXPECT_EQ(RejectToJson({2, "line 2: name: invalid UTF-8", "S1,\xff\xe4\xb8,x", "S1"}),
            "{\"line\":2,\"reason\":\"line 2: name: invalid UTF-8\",\"text\":\"S1,\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD,x\"}");
}

}  // namespace
}  // namespace creditbank::batch
