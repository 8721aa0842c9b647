#include "engine/batch/import.h"

#include <filesystem>
#include <sstream>

#include <gtest/gtest.h>

#include "engine/bank/outcome_json.h"
#include "tests/bank/bank_test_util.h"

namespace creditbank::bank {
namespace {

class ImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = BankTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
    ASSERT_TRUE(InitBank(db_, ShippedRules(), clock_).ok());
    StatusOr<std::unique_ptr<Bank>> b = Bank::Open(db_, clock_);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    bank_ = std::move(b).value();
  }
  void TearDown() override {
    bank_.reset();
    std::filesystem::remove_all(dir_);
  }
  batch::ImportSummary Import(const std::string& text, batch::InputFormat format) {
    std::istringstream in(text);
    auto reader = batch::NewLearnerReader(&in, format);
    rejects_.clear();
    reject_texts_.clear();
    StatusOr<batch::ImportSummary> s = batch::ImportLearners(*bank_, reader.get(), [&](const batch::Reject& r) {
      rejects_.push_back(r.reason);
      reject_texts_.push_back(r.text);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : batch::ImportSummary();
  }

  std::filesystem::path dir_;
  std::string db_;
  FixedClock clock_{kTestNow};
  std::unique_ptr<Bank> bank_;
  std::vector<std::string> rejects_;
  std::vector<std::string> reject_texts_;
};

// The reject of a learner named again later in the file, as convert gives it too; `first_rejected`:
// its first line was rejected.
std::string AppearsAgain(const std::string& id, int line, bool first_rejected = false) {
  return "line " + std::to_string(line) + ": learner \"" + id + "\" appears again, on an earlier line" +
         (first_rejected ? " that was rejected" : "") +
         ": a learner is one line (JSON Lines) or one run of rows (CSV)" +
         (first_rejected ? "; correct that line, with all of its outcomes" : "");
}

const char kJsonl[] =
    "\xEF\xBB\xBF{\"learner_id\": \"S1\", \"name\": \"张伟\", \"outcomes\": [{\"id\": \"o1\", \"kind\": "
    "\"certificate\", \"code\": \"1X-IOT-IDO\", \"grade\": \"中级\", \"score\": 82.5, \"date\": \"2023-06-18\"}, "
    "{\"id\": \"o2\", \"kind\": \"award\", \"code\": \"NVSC-IOT\", \"tier\": \"national\", \"rank\": \"second\", "
    "\"date\": \"2024-05-20\"}]}\r\n"
    "{\"learner_id\": \"S2\", \"name\": \"王芳\", \"outcomes\": []}\r\n"
    "\r\n"
    "{\"learner_id\": \"S3\", \"outcomes\": [{\"kind\": \"diploma\", \"code\": \"X\", \"date\": \"2023-01-01\"}]}\n"
    "not json\n"
    "{\"learner_id\": \"S4\", \"outcomes\": [{\"kind\": \"certificate\", \"code\": \"1X-A\", \"date\": \"2023-02-30\"}]}\n";

TEST_F(ImportTest, JsonLinesWithBomCrlfChineseAndBadLines) {
  batch::ImportSummary s = Import(kJsonl, batch::InputFormat::kJsonLines);
  EXPECT_EQ(s.counts.learners_new, 2);
  EXPECT_EQ(s.counts.learners_existing, 0);
  EXPECT_EQ(s.counts.outcomes_new, 2);
  EXPECT_EQ(s.counts.outcomes_existing, 0);
  EXPECT_EQ(s.rejects, 3);
  ASSERT_EQ(rejects_.size(), 3u);
  EXPECT_EQ(rejects_[0].substr(0, 8), "line 4: ");
  EXPECT_EQ(rejects_[1].substr(0, 8), "line 5, ");  // a JSON syntax error names the column
  EXPECT_EQ(rejects_[2], "line 6: /outcomes/0/date: expected a date YYYY-MM-DD, got \"2023-02-30\"");

  StatusOr<std::optional<store::LearnerRow>> l = bank_->store().FindLearner(bank_->Pseudonym("S1"));
  ASSERT_TRUE(l.ok() && *l);
  EXPECT_EQ((*l)->name, "张伟");
  EXPECT_EQ((*l)->pseudonym, bank_->Pseudonym("S1"));
  StatusOr<std::vector<store::OutcomeRow>> outcomes = bank_->store().OutcomesOf(bank_->Pseudonym("S1"));
  ASSERT_TRUE(outcomes.ok());
  ASSERT_EQ(outcomes->size(), 2u);
  EXPECT_EQ((*outcomes)[0].body,
            "{\"code\":\"1X-IOT-IDO\",\"date\":\"2023-06-18\",\"grade\":\"中级\",\"id\":\"o1\",\"kind\":"
            "\"certificate\",\"score\":82.5}");
  EXPECT_EQ((*outcomes)[1].body,
            "{\"code\":\"NVSC-IOT\",\"date\":\"2024-05-20\",\"id\":\"o2\",\"kind\":\"award\",\"rank\":\"second\","
            "\"tier\":\"national\"}");
  // The stored body reads back as the same outcome.
  StatusOr<json::Value> parsed = json::Parse((*outcomes)[1].body);
  ASSERT_TRUE(parsed.ok());
  StatusOr<Outcome> back = OutcomeFromJson(*parsed);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->tier, Tier::kNational);
  EXPECT_EQ(back->rank, Rank::kSecond);
  EXPECT_EQ(back->date.ToString(), "2024-05-20");
}

TEST_F(ImportTest, ReimportChangesNothing) {
  Import(kJsonl, batch::InputFormat::kJsonLines);
  batch::ImportSummary again = Import(kJsonl, batch::InputFormat::kJsonLines);
  EXPECT_EQ(again.counts.learners_new, 0);
  EXPECT_EQ(again.counts.learners_existing, 2);
  EXPECT_EQ(again.counts.outcomes_new, 0);
  EXPECT_EQ(again.counts.outcomes_existing, 2);
  EXPECT_EQ(again.rejects, 3);
  EXPECT_EQ(*bank_->store().LearnerCount(), 2);
  EXPECT_EQ(*bank_->store().OutcomeCount(), 2);
}

TEST_F(ImportTest, CsvRepeatedLearnerDuplicateRowAndANewOutcome) {
  const std::string header =
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\r\n";
  batch::ImportSummary s = Import(header +
                                      "C1,陈晨,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\r\n"
                                      "C2,李娜,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\r\n"
                                      "C1,陈晨,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\r\n"
                                      "C1,陈晨,o3,award,NVSC-IOT,,,national,second,,2024-05-20,\r\n"
                                      "C3,王五,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\r\n"
                                      "C3,王五,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\r\n",
                                  batch::InputFormat::kCsv);
  EXPECT_EQ(s.counts.learners_new, 2);  // C1, C2
  EXPECT_EQ(s.counts.learners_existing, 0);
  EXPECT_EQ(s.counts.outcomes_new, 2);
  EXPECT_EQ(s.counts.outcomes_existing, 0);
  // C1 again, after another learner's row: rejected, as convert does, with both of its rows as text.
  // A learner with the same outcome id twice is rejected whole: both rows, none stored.
  EXPECT_EQ(s.rejects, 3);
  ASSERT_EQ(rejects_.size(), 3u);
  EXPECT_EQ(rejects_[0], AppearsAgain("C1", 4));
  EXPECT_EQ(reject_texts_[0],
            "C1,陈晨,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
            "C1,陈晨,o3,award,NVSC-IOT,,,national,second,,2024-05-20,");
  EXPECT_EQ(rejects_[1].substr(0, 8), "line 6: ");
  EXPECT_EQ(rejects_[2].substr(0, 8), "line 7: ");
  EXPECT_EQ(*bank_->store().LearnerCount(), 2);

  batch::ImportSummary more = Import(header + "C1,陈晨,o2,course,ZZ-EL-101,CQ-ZZ-01,,,,81,2022-07-01,\r\n",
                                     batch::InputFormat::kCsv);
  EXPECT_EQ(more.counts.learners_existing, 1);
  EXPECT_EQ(more.counts.outcomes_new, 1);
  EXPECT_EQ(*bank_->store().OutcomeCount(), 3);
}

// A learner rejected whole is not imported from a later line or run of rows of its own, which would
// store a part of its outcomes as all of them: the later one is rejected as a learner named again
// (its id read even after the field at fault).
TEST_F(ImportTest, ALearnerRejectedWholeIsNotImportedFromALaterLine) {
  batch::ImportSummary lines = Import(
      "{\"outcomes\": [{\"kind\": \"certificate\", \"code\": \"1X-A\", \"date\": \"2023-02-30\"}], "
      "\"learner_id\": \"R1\"}\n"
      "{\"learner_id\": \"R2\", \"outcomes\": []}\n"
      "{\"learner_id\": \"R1\", \"outcomes\": []}\n"
      // Lines that are no JSON, or too long to read: their learner found by a scan of the text.
      "{\"learner_id\" :\t\"R3\", \"outcomes\": [,]}\n"
      "{\"learner_id\": \"R3\", \"outcomes\": []}\n"
      "{\"learner_id\": \"R4\", \"name\": \"" + std::string(batch::kMaxLineBytes, 'x') + "\", \"outcomes\": []}\n"
      "{\"learner_id\": \"R4\", \"outcomes\": []}\n"
      // An escape in the id ends the scan: nothing is marked, and the later line of R5 stands.
      "{\"learner_id\": \"R\\u0035\", \"outcomes\": [,]}\n"
      "{\"learner_id\": \"R5\", \"outcomes\": []}\n",
      batch::InputFormat::kJsonLines);
  EXPECT_EQ(lines.counts.learners_new, 2);  // R2, R5
  ASSERT_EQ(rejects_.size(), 7u);
  EXPECT_EQ(rejects_[0], "line 1: /outcomes/0/date: expected a date YYYY-MM-DD, got \"2023-02-30\"");
  EXPECT_EQ(rejects_[1], AppearsAgain("R1", 3, true));
  EXPECT_EQ(rejects_[2], "line 4, column 36: expected a JSON value or ']', got ','");
  EXPECT_EQ(rejects_[3], AppearsAgain("R3", 5, true));
  EXPECT_EQ(rejects_[4], "line 6: longer than 1048576 bytes");
  EXPECT_EQ(rejects_[5], AppearsAgain("R4", 7, true));
  EXPECT_EQ(rejects_[6], "line 8, column 40: expected a JSON value or ']', got ','");
  rejects_.clear();
  batch::ImportSummary rows = Import(
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\n"
      "C1,陈晨,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
      "C1,陈晨,o2,certificate,1X-IOT-IDO,,中级,,,77,2024-13-15,ZYCX\n"
      "C2,李娜,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
      "C1,陈晨,o3,award,NVSC-IOT,,,national,second,,2024-05-20,\n",
      batch::InputFormat::kCsv);
  EXPECT_EQ(rows.counts.learners_new, 1);  // C2
  EXPECT_EQ(rejects_, (std::vector<std::string>{
                          "line 2: learner \"C1\" rejected whole: its row on line 3 was rejected",
                          "line 3: date: expected a date YYYY-MM-DD, got \"2024-13-15\"",
                          AppearsAgain("C1", 5, true)}));
  EXPECT_EQ(*bank_->store().LearnerCount(), 3);  // R2, R5, C2
  StatusOr<std::optional<store::LearnerRow>> c1 = bank_->store().FindLearner(bank_->Pseudonym("C1"));
  ASSERT_TRUE(c1.ok());
  EXPECT_FALSE(c1->has_value());
}

// A learner imported from its first line or run of rows, then named again on a line or run that is
// bad too: rejected first as the learner appearing again (it once read "rejected whole", as if the
// first run had not been imported).
TEST_F(ImportTest, ALaterBadLineOfALearnerImportedIsALearnerNamedAgain) {
  Import("{\"learner_id\": \"J1\", \"outcomes\": []}\n"
         "{\"learner_id\": \"J1\", \"outcomes\": [{\"kind\": \"certificate\", \"code\": \"1X-A\", "
         "\"date\": \"2023-02-30\"}]}\n"
         "{\"learner_id\": \"J1\", \"outcomes\": [,]}\n",
         batch::InputFormat::kJsonLines);
  EXPECT_EQ(rejects_, (std::vector<std::string>{AppearsAgain("J1", 2), AppearsAgain("J1", 3)}));
  rejects_.clear();
  batch::ImportSummary rows = Import(
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\n"
      "C1,陈晨,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
      "C2,李娜,o1,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
      "C1,陈晨,o2,certificate,1X-IOT-IDO,,中级,,,77,2024-06-15,ZYCX\n"
      "C1,陈晨,o3,certificate,1X-IOT-IDO,,中级,,,77,2024-13-15,ZYCX\n",
      batch::InputFormat::kCsv);
  EXPECT_EQ(rows.counts.learners_new, 2);
  EXPECT_EQ(rejects_, (std::vector<std::string>{AppearsAgain("C1", 4), AppearsAgain("C1", 5)}));
  EXPECT_EQ(reject_texts_[1], "C1,陈晨,o3,certificate,1X-IOT-IDO,,中级,,,77,2024-13-15,ZYCX");
  EXPECT_EQ(bank_->store().OutcomesOf(bank_->Pseudonym("C1"))->size(), 1u);
}

// A file longer than one import transaction (4,096 learners): every learner and outcome is stored
// once, a learner repeated across a transaction boundary is rejected, one stored in an earlier
// transaction takes a new outcome from another file, and importing the file again changes nothing.
TEST_F(ImportTest, AFileSpanningSeveralTransactions) {
  std::string text;
  auto line = [](int i, int outcomes) {
    std::string l = "{\"learner_id\": \"L" + std::to_string(i) + "\", \"outcomes\": [";
    for (int k = 0; k < outcomes; ++k) {
      if (k > 0) l += ", ";
      l += "{\"id\": \"o" + std::to_string(k) + "\", \"kind\": \"training\", \"code\": \"TR-IOT-APP\", "
           "\"date\": \"2024-0" + std::to_string(k + 1) + "-15\"}";
    }
    return l + "]}\n";
  };
  for (int i = 0; i < 9000; ++i) text += line(i, i % 3);
  text += line(10, 2);    // learner L10 again, in the third transaction: rejected, as convert does
  text += "not json\n";  // line 9002
  batch::ImportSummary first = Import(text, batch::InputFormat::kJsonLines);
  EXPECT_EQ(first.counts.learners_new, 9000);
  EXPECT_EQ(first.counts.learners_existing, 0);
  EXPECT_EQ(first.counts.outcomes_new, 9000);  // 0, 1, 2 outcomes in turn
  EXPECT_EQ(first.counts.outcomes_existing, 0);
  EXPECT_EQ(first.rejects, 2);
  ASSERT_EQ(rejects_.size(), 2u);
  EXPECT_EQ(rejects_[0], AppearsAgain("L10", 9001));
  EXPECT_EQ(rejects_[1].substr(0, 14), "line 9002, col");
  EXPECT_EQ(*bank_->store().LearnerCount(), 9000);
  EXPECT_EQ(*bank_->store().OutcomeCount(), 9000);

  // L10, stored in the first of those transactions, gets one more outcome from another file.
  batch::ImportSummary more = Import(line(10, 2), batch::InputFormat::kJsonLines);
  EXPECT_EQ(more.counts.learners_existing, 1);
  EXPECT_EQ(more.counts.outcomes_new, 1);
  EXPECT_EQ(more.counts.outcomes_existing, 1);
  EXPECT_EQ(bank_->store().OutcomesOf(bank_->Pseudonym("L10"))->size(), 2u);

  batch::ImportSummary again = Import(text, batch::InputFormat::kJsonLines);
  EXPECT_EQ(again.counts.learners_new, 0);
  EXPECT_EQ(again.counts.learners_existing, 9000);
  EXPECT_EQ(again.counts.outcomes_new, 0);
  EXPECT_EQ(again.counts.outcomes_existing, 9000);
  EXPECT_EQ(again.rejects, 2);
  EXPECT_EQ(*bank_->store().OutcomeCount(), 9001);
}

}  // namespace
}  // namespace creditbank::bank
