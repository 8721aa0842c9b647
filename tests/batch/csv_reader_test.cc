// The CSV side of LearnerReader: RFC 4180 quoting, grouping of rows into learners, and rejects.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {
namespace {

using std::string_literals::operator""s;

constexpr const char* kHeader =
    "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body";

// Learners as "ID NAME: o1 o2 ..." and rejects as "line N: reason | text", in order.
std::vector<std::string> Summarise(const std::string& text, Status* status = nullptr) {
  std::istringstream in(text);
  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, InputFormat::kCsv);
  std::vector<std::string> out;
  Learner learner;
  Reject reject;
  for (;;) {
    ReadResult r = reader->Next(&learner, &reject);
    if (r == ReadResult::kEnd) break;
    if (r == ReadResult::kLearner) {
      std::string s = "@" + std::to_string(reader->line()) + " " + learner.id + " " + learner.name + ":";
      for (const Outcome& o : learner.outcomes) s += " " + o.id;
      out.push_back(s);
    } else {
      out.push_back(reject.reason + " | " + reject.text);
    }
  }
  if (status != nullptr) *status = reader->status();
  return out;
}

TEST(CsvReaderTest, GroupsConsecutiveRowsAndReadsFields) {
  std::string text = std::string(kHeader) + "\r\n" +
      "S1,张伟,c1,certificate,1X-IOT-IDO,,中级,,,82.5,2023-06-18,NEWLAND-EDU\r\n"
      "S1,张伟,a1,award,NVSC-IOT,,,national,gold,,2024-05-20,\r\n"
      "S2,\"Li, Na\",,course,ZZ-EL-101,CQ-ZZ-01,,,,88,2022-01-15,\r\n"
      "S2,\"Li, Na\",,training,TR-1,,合格,,,,2024-08-01,\r\n"
      "S3,王芳,,,,,,,,,,\r\n";
  std::istringstream in(text);
  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, InputFormat::kCsv);
  Learner l;
  Reject rej;
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(reader->line(), 2u);
  EXPECT_EQ(l.id, "S1");
  EXPECT_EQ(l.name, "张伟");
  ASSERT_EQ(l.outcomes.size(), 2u);
  EXPECT_EQ(l.outcomes[0].id, "c1");
  EXPECT_EQ(l.outcomes[0].kind, OutcomeKind::kCertificate);
  EXPECT_EQ(l.outcomes[0].grade, "中级");
  EXPECT_EQ(l.outcomes[0].score, Decimal::FromHundredths(8250));
  EXPECT_EQ(l.outcomes[0].awarding_body, "NEWLAND-EDU");
  EXPECT_EQ(l.outcomes[1].tier, Tier::kNational);
  EXPECT_EQ(l.outcomes[1].rank, Rank::kFirst);
  EXPECT_EQ(l.outcomes[1].awarding_body, "");
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(reader->line(), 4u);
  EXPECT_EQ(l.name, "Li, Na");
  ASSERT_EQ(l.outcomes.size(), 2u);
  EXPECT_EQ(l.outcomes[0].id, "CQ-ZZ-01/ZZ-EL-101@2022-01-15");  // derived from the content
  EXPECT_EQ(l.outcomes[0].institution, "CQ-ZZ-01");
  EXPECT_EQ(l.outcomes[1].id, "TR-1/合格@2024-08-01");
  EXPECT_EQ(l.outcomes[1].kind, OutcomeKind::kTraining);
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(l.id, "S3");
  EXPECT_TRUE(l.outcomes.empty());
  EXPECT_EQ(reader->Next(&l, &rej), ReadResult::kEnd);
  EXPECT_TRUE(reader->status().ok());
}

TEST(CsvReaderTest, QuotingPerRfc4180) {
  // Quoted commas, doubled quotes, a line break inside quotes, a BOM and columns in another order.
  std::string text =
      "\xEF\xBB\xBF" "name,learner_id,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\n"
      "\"王\"\"小\"\"明, 同学\",S1,x,certificate,C1,,,,,,2023-01-01,\"NEWLAND-EDU\"\n"
      "\"two\nlines\",S2,,certificate,C1,,,,,,2023-01-01,\n"
      "\"\",S3,,certificate,C1,,,,,,2023-01-01,\n";
  std::istringstream in(text);
  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, InputFormat::kCsv);
  Learner l;
  Reject rej;
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(l.id, "S1");
  EXPECT_EQ(l.name, "王\"小\"明, 同学");
  EXPECT_EQ(l.outcomes[0].awarding_body, "NEWLAND-EDU");
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(l.name, "two\nlines");
  EXPECT_EQ(reader->line(), 3u);
  ASSERT_EQ(reader->Next(&l, &rej), ReadResult::kLearner);
  EXPECT_EQ(l.id, "S3");
  EXPECT_EQ(l.name, "");
  EXPECT_EQ(reader->line(), 5u);  // the quoted line break counts as a line
  EXPECT_EQ(reader->Next(&l, &rej), ReadResult::kEnd);
}

TEST(CsvReaderTest, BadRowsRejectTheirWholeLearner) {
  std::string text = std::string(kHeader) + "\n" +
      "S1,甲,,certificate,C1,,,,,,2023-01-01,\n"       // line 2: good, but its learner has a bad row
      "S1,甲,,certificate,C2,,,,,,2023-02-30,\n"       // line 3: bad date
      "S1,甲,,certificate,C3,,,,,,2023-01-01,\n"       // line 4: good
      "S2,乙,,certificate,C1,,,,,,2023-01-01,\n";      // line 5: another learner, fine
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "line 2: learner \"S1\" rejected whole: its row on line 3 was rejected | S1,甲,,certificate,C1,,,,,,2023-01-01,",
      "line 3: date: expected a date YYYY-MM-DD, got \"2023-02-30\" | S1,甲,,certificate,C2,,,,,,2023-02-30,",
      "line 4: learner \"S1\" rejected whole: its row on line 3 was rejected | S1,甲,,certificate,C3,,,,,,2023-01-01,",
      "@5 S2 乙: C1@2023-01-01",
  }));
}

TEST(CsvReaderTest, EveryKindOfBadRow) {
  std::string text = std::string(kHeader) + "\n" +
      "S1,a,,certificate,C1,,,,,,2023-01-01\n"                   // 2: 11 fields
      ",a,,certificate,C1,,,,,,2023-01-01,\n"                    // 3: no learner id
      "S3,a,,diploma,C1,,,,,,2023-01-01,\n"                      // 4: unknown kind
      "S4,a,,certificate,C1,,,,,abc,2023-01-01,\n"               // 5: bad score
      "S5,a,,award,NVSC,,,national,,,2023-01-01,\n"              // 6: award without rank
      "S6,a\"b,,certificate,C1,,,,,,2023-01-01,\n"               // 7: quote inside an unquoted field
      "S7,\"a\"b,,certificate,C1,,,,,,2023-01-01,\n"             // 8: text after a closing quote
      "S8,a,x,certificate,C1,,,,,,2023-01-01,\n"                 // 9: fine
      "S8,a,x,certificate,C2,,,,,,2023-01-01,\n"                 // 10: duplicate outcome id
      "S9,\xff,,certificate,C1,,,,,,2023-01-01,\n"               // 11: invalid UTF-8
      "S10,a,,certificate,C1,,,,,,,\n"                           // 12: no date
      "S11,\"never closed,,certificate\n";                       // 13: unterminated quote at the end
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "line 2: expected 12 fields, got 11 | S1,a,,certificate,C1,,,,,,2023-01-01",
      "line 3: learner_id: missing | ,a,,certificate,C1,,,,,,2023-01-01,",
      "line 4: kind: expected one of course, certificate, award, training, got \"diploma\" | "
      "S3,a,,diploma,C1,,,,,,2023-01-01,",
      "line 5: score: expected a score from 0 to 100 with at most 2 decimal places, got \"abc\" | "
      "S4,a,,certificate,C1,,,,,abc,2023-01-01,",
      "line 6: missing \"rank\" (an award needs it) | S5,a,,award,NVSC,,,national,,,2023-01-01,",
      "line 7: name: unexpected '\"' in an unquoted field | S6,a\"b,,certificate,C1,,,,,,2023-01-01,",
      "line 8: name: expected ',' after a quoted field, got 'b' | S7,\"a\"b,,certificate,C1,,,,,,2023-01-01,",
      "line 9: learner \"S8\" rejected whole: its row on line 10 was rejected | S8,a,x,certificate,C1,,,,,,2023-01-01,",
      "line 10: outcome_id: duplicate outcome id \"x\" | S8,a,x,certificate,C2,,,,,,2023-01-01,",
      "line 11: name: invalid UTF-8 (is the file saved as UTF-8?) | S9,\xff,,certificate,C1,,,,,,2023-01-01,",
      "line 12: missing \"date\" | S10,a,,certificate,C1,,,,,,,",
      "line 13: name: unterminated quoted field (no closing '\"' by the end of the input) | "
      "S11,\"never closed,,certificate",
  }));
}

// A row of learner ID with outcome ID, good unless the caller changes it.
std::string Row(const std::string& id, const std::string& outcome, const std::string& name = "a") {
  return id + "," + name + "," + outcome + ",certificate,C1,,,,,,2023-01-01,\n";
}

TEST(CsvReaderTest, StrayQuoteRejectsOnlyItsFirstLine) {
  // An opening quote that is never closed would take every following line into its field.
  std::string text = std::string(kHeader) + "\n" + Row("S1", "o1") + Row("S2", "o1", "\"Tom") + Row("S3", "o1") +
                     Row("S4", "o1");
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "@2 S1 a: o1",
      "line 3: name: unterminated quoted field (no closing '\"' by the end of the input) | "
      "S2,\"Tom,o1,certificate,C1,,,,,,2023-01-01,",
      "@4 S3 a: o1",
      "@5 S4 a: o1",
  }));
}

TEST(CsvReaderTest, TwoStrayQuotesLoseNoLineBetweenThem) {
  // The quote opened on line 3 closes on line 6, where text follows it: one bad record of four lines.
  std::string text = std::string(kHeader) + "\n" + Row("S1", "o1") + Row("S2", "o1", "\"Tom") + Row("S3", "o1") +
                     Row("S4", "o1") + Row("S5", "o1", "Bo\"y") + Row("S6", "o1");
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "@2 S1 a: o1",
      "line 3: name: quoted field runs to line 6, where the record is bad: name: expected ',' after a quoted "
      "field, got 'y' | S2,\"Tom,o1,certificate,C1,,,,,,2023-01-01,",
      "@4 S3 a: o1",
      "@5 S4 a: o1",
      "line 6: name: unexpected '\"' in an unquoted field | S5,Bo\"y,o1,certificate,C1,,,,,,2023-01-01,",
      "@7 S6 a: o1",
  }));
}

TEST(CsvReaderTest, MultiLineRecordWithWrongFieldCountRejectsItsFirstLine) {
  std::string text = std::string(kHeader) + "\n" + "S1,\"two\nlines\",o1\n" + Row("S2", "o1");
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "line 2: name: quoted field runs to line 3, where the record is bad: expected 12 fields, got 3 | "
      "S1,\"two",
      "line 3: learner_id: unexpected '\"' in an unquoted field | lines\",o1",
      "@4 S2 a: o1",
  }));
}

TEST(CsvReaderTest, QuotedRecordOverTheSizeLimitRejectsItsFirstLine) {
  // Lines 3 and 4 together are over kMaxLineBytes: line 3 is rejected, line 4 is read again as a row.
  const std::string ys(kMaxLineBytes / 2 + 10, 'y');
  std::string text = std::string(kHeader) + "\n" + Row("S1", "o1") + "S2,\"" + ys + "\n" + ys + "\n" +
                     "y\",o1,certificate,C1,,,,,,2023-01-01,\n" + Row("S3", "o1");
  std::vector<std::string> got = Summarise(text);
  ASSERT_EQ(got.size(), 5u);
  EXPECT_EQ(got[0], "@2 S1 a: o1");
  EXPECT_EQ(got[1],
            "line 3: name: unterminated quoted field (no closing '\"' within 1048576 bytes, by line 4) | S2,\"" + ys);
  EXPECT_EQ(got[2], "line 4: expected 12 fields, got 1 | " + ys);
  EXPECT_EQ(got[3],
            "line 5: learner_id: unexpected '\"' in an unquoted field | y\",o1,certificate,C1,,,,,,2023-01-01,");
  EXPECT_EQ(got[4], "@6 S3 a: o1");
}

TEST(CsvReaderTest, EveryBadRowOfAReadableLearnerRejectsItsLearner) {
  std::string text = std::string(kHeader) + "\n" +
      Row("S1", "o1") + Row("S1", "o2", "\xb9\xfa") + Row("S1", "o3") +                 // 2-4: GBK name
      Row("S2", "o1") + "S2,a,o2,certificate,C1,,,,,,2023-01-01\n" +                  // 5-6: 11 fields
      Row("S3", "o1", "\"Tom \"Jr\"\"") + Row("S3", "o2") +                             // 7-8: bad quoting
      Row("S4", "o1", "N\0UL"s) +                                                       // 9: NUL
      "\"S5,a,o1\n" +                                                                   // 10: no learner_id
      Row("S6", "o1");                                                                  // 11
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "line 2: learner \"S1\" rejected whole: its row on line 3 was rejected | S1,a,o1,certificate,C1,,,,,,2023-01-01,",
      "line 3: name: invalid UTF-8 (is the file saved as UTF-8?) | S1,\xb9\xfa,o2,certificate,C1,,,,,,2023-01-01,",
      "line 4: learner \"S1\" rejected whole: its row on line 3 was rejected | S1,a,o3,certificate,C1,,,,,,2023-01-01,",
      "line 5: learner \"S2\" rejected whole: its row on line 6 was rejected | S2,a,o1,certificate,C1,,,,,,2023-01-01,",
      "line 6: expected 12 fields, got 11 | S2,a,o2,certificate,C1,,,,,,2023-01-01",
      "line 7: name: expected ',' after a quoted field, got 'J' | S3,\"Tom \"Jr\"\",o1,certificate,C1,,,,,,2023-01-01,",
      "line 8: learner \"S3\" rejected whole: its row on line 7 was rejected | S3,a,o2,certificate,C1,,,,,,2023-01-01,",
      "line 9: name: unexpected control character U+0000 | S4,N\0UL,o1,certificate,C1,,,,,,2023-01-01,"s,
      "line 10: learner_id: unterminated quoted field (no closing '\"' by the end of the input) | \"S5,a,o1",
      "@11 S6 a: o1",
  }));
}

TEST(CsvReaderTest, LearnerIdWithByteOrderMarkSpaceOrControlIsRejected) {
  std::string text = std::string(kHeader) + "\n" + Row("\xEF\xBB\xBF" "C1", "o1") + Row(" C2", "o1") +
                     Row("C3\xE3\x80\x80", "o1") + Row("N\0x"s, "o1") + Row("C5", "o1");
  const std::string expected = "learner_id: expected no control characters, and no white space or byte order mark "
                               "(U+FEFF) at either end, got ";
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{
      "line 2: " + expected + "\"\\ufeffC1\" | \xEF\xBB\xBF" "C1,a,o1,certificate,C1,,,,,,2023-01-01,",
      "line 3: " + expected + "\" C2\" |  C2,a,o1,certificate,C1,,,,,,2023-01-01,",
      "line 4: " + expected + "\"C3\\u3000\" | C3\xE3\x80\x80,a,o1,certificate,C1,,,,,,2023-01-01,",
      "line 5: " + expected + "\"N\\u0000x\" | N\0x,a,o1,certificate,C1,,,,,,2023-01-01,"s,
      "@6 C5 a: o1",
  }));
}

TEST(CsvReaderTest, LoneCrEndsALine) {
  std::string text = std::string(kHeader) + "\r" + "S1,a,o1,certificate,C1,,,,,,2023-01-01,\r" +
                     "S2,\"two\rlines\",o1,certificate,C1,,,,,,2023-01-01,\r\n" +
                     "S3,a,o1,certificate,C1,,,,,,2023-01-01,\r";
  EXPECT_EQ(Summarise(text), (std::vector<std::string>{"@2 S1 a: o1", "@3 S2 two\nlines: o1", "@5 S3 a: o1"}));
}

TEST(CsvReaderTest, HeaderProblemsStopTheReader) {
  Status status;
  EXPECT_TRUE(Summarise("", &status).empty());
  EXPECT_EQ(status, InvalidArgument(std::string("empty input: expected the header ") + kHeader));
  EXPECT_TRUE(Summarise("learner_id,name\nS1,a\n", &status).empty());
  EXPECT_EQ(status, InvalidArgument(std::string("line 1: missing column \"outcome_id\" (expected ") + kHeader + ")"));
  EXPECT_TRUE(Summarise(std::string(kHeader) + ",colour\n", &status).empty());
  EXPECT_EQ(status, InvalidArgument(std::string("line 1: unknown column \"colour\" (expected ") + kHeader + ")"));
  EXPECT_TRUE(Summarise(std::string(kHeader) + ",name\n", &status).empty());
  EXPECT_EQ(status, InvalidArgument("line 1: duplicate column \"name\""));
}

}  // namespace
}  // namespace creditbank::batch
