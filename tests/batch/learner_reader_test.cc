// LearnerReader: JSON Lines and CSV, good input and every kind of bad line, with exact reasons.
#include "engine/batch/learner_reader.h"

#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace creditbank::batch {
namespace {

// Everything a reader yields, in order: learners as a short text, rejects as they are.
struct Item {
  bool is_learner = false;
  Learner learner;
  Reject reject;
  uint64_t line = 0;
};

std::vector<Item> ReadAll(const std::string& text, InputFormat format, Status* status = nullptr,
                          ReaderOptions options = {}) {
  std::istringstream in(text);
  std::unique_ptr<LearnerReader> reader = NewLearnerReader(&in, format, options);
  std::vector<Item> items;
  for (;;) {
    Item item;
    ReadResult r = reader->Next(&item.learner, &item.reject);
    if (r == ReadResult::kEnd) break;
    item.is_learner = r == ReadResult::kLearner;
    item.line = item.is_learner ? reader->line() : item.reject.line;
    items.push_back(std::move(item));
  }
  if (status != nullptr) *status = reader->status();
  return items;
}

// The one reject reason a single bad JSON line gives.
std::string JsonLineReason(const std::string& line) {
  std::vector<Item> items = ReadAll(line + "\n", InputFormat::kJsonLines);
  if (items.size() != 1 || items[0].is_learner) return "<no single reject>";
  return items[0].reject.reason;
}

TEST(JsonLinesReaderTest, ReadsEveryField) {
  std::string text =
      "{\"learner_id\": \"S2024000123\", \"name\": \"张伟\", \"outcomes\": ["
      "{\"id\": \"o1\", \"kind\": \"certificate\", \"code\": \"1X-IOT-IDO\", \"grade\": \"中级\", "
      "\"score\": 82.5, \"date\": \"2023-06-18\", \"awarding_body\": \"NEWLAND-EDU\"},"
      "{\"id\": \"o2\", \"kind\": \"award\", \"code\": \"NVSC-IOT\", \"tier\": \"national\", \"rank\": \"silver\","
      " \"date\": \"2024-05-20\"},"
      "{\"kind\": \"course\", \"institution\": \"CQ-ZZ-01\", \"code\": \"ZZ-EL-101\", \"date\": \"2022-01-15\"}]}\n";
  std::vector<Item> items = ReadAll(text, InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].is_learner);
  const Learner& l = items[0].learner;
  EXPECT_EQ(l.id, "S2024000123");
  EXPECT_EQ(l.name, "张伟");
  ASSERT_EQ(l.outcomes.size(), 3u);
  const Outcome& c = l.outcomes[0];
  EXPECT_EQ(c.id, "o1");
  EXPECT_EQ(c.kind, OutcomeKind::kCertificate);
  EXPECT_EQ(c.code, "1X-IOT-IDO");
  EXPECT_EQ(c.grade, "中级");
  EXPECT_EQ(c.score, Decimal::FromHundredths(8250));
  EXPECT_EQ(c.date.ToString(), "2023-06-18");
  EXPECT_EQ(c.awarding_body, "NEWLAND-EDU");
  const Outcome& a = l.outcomes[1];
  EXPECT_EQ(a.kind, OutcomeKind::kAward);
  EXPECT_EQ(a.tier, Tier::kNational);
  EXPECT_EQ(a.rank, Rank::kSecond);
  EXPECT_FALSE(a.score.has_value());
  const Outcome& k = l.outcomes[2];
  EXPECT_EQ(k.id, "CQ-ZZ-01/ZZ-EL-101@2022-01-15");  // derived from the content
  EXPECT_EQ(k.institution, "CQ-ZZ-01");
  EXPECT_EQ(items[0].line, 1u);
}

TEST(JsonLinesReaderTest, BomCrlfBlankLinesAndLineNumbers) {
  std::string text =
      "\xEF\xBB\xBF{\"learner_id\": \"A\", \"outcomes\": []}\r\n"
      "\r\n"
      "   \n"
      "{\"learner_id\": \"B\", \"name\": \"李娜\", \"outcomes\": []}\r\n"
      "{\"learner_id\": \"C\", \"outcomes\": []}";  // no final line end
  std::vector<Item> items = ReadAll(text, InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[0].learner.id, "A");
  EXPECT_EQ(items[0].line, 1u);
  EXPECT_EQ(items[1].learner.id, "B");
  EXPECT_EQ(items[1].learner.name, "李娜");
  EXPECT_EQ(items[1].line, 4u);
  EXPECT_EQ(items[2].learner.id, "C");
  EXPECT_EQ(items[2].line, 5u);
}

TEST(JsonLinesReaderTest, LoneCrEndsALine) {
  // The first CRLF straddles the reader's 64 KiB buffer: its '\r' is the buffer's last byte.
  const std::string head = "{\"learner_id\": \"A\", \"name\": \"";
  const std::string tail = "\", \"outcomes\": []}";
  const std::string a = head + std::string(64 * 1024 - 1 - head.size() - tail.size(), 'x') + tail;
  std::string text = a + "\r\n{\"learner_id\": \"B\", \"outcomes\": []}\r{\"learner_id\": \"C\", \"outcomes\": []}\r"
                     "\r{\"learner_id\": \"D\", \"outcomes\": []}";
  std::vector<Item> items = ReadAll(text, InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[0].learner.id, "A");
  EXPECT_EQ(items[0].line, 1u);
  EXPECT_EQ(items[1].learner.id, "B");
  EXPECT_EQ(items[1].line, 2u);
  EXPECT_EQ(items[2].learner.id, "C");
  EXPECT_EQ(items[2].line, 3u);
  EXPECT_EQ(items[3].learner.id, "D");
  EXPECT_EQ(items[3].line, 5u);
}

TEST(JsonLinesReaderTest, BomOnlyOnTheFirstLine) {
  std::string text = "{\"learner_id\": \"A\", \"outcomes\": []}\n\xEF\xBB\xBF{\"learner_id\": \"B\", \"outcomes\": []}\n";
  std::vector<Item> items = ReadAll(text, InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_TRUE(items[0].is_learner);
  ASSERT_FALSE(items[1].is_learner);
  EXPECT_EQ(items[1].reject.reason, "line 2, column 1: expected a JSON value, got a byte order mark (U+FEFF)");
}

TEST(JsonLinesReaderTest, RejectsContinueReading) {
  std::string text =
      "{\"learner_id\": \"A\", \"outcomes\": []}\n"
      "{\"learner_id\": \"B\", \"outcomes\": [}\n"
      "{\"learner_id\": \"C\", \"outcomes\": []}\n";
  std::vector<Item> items = ReadAll(text, InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_TRUE(items[0].is_learner);
  ASSERT_FALSE(items[1].is_learner);
  EXPECT_EQ(items[1].reject.line, 2u);
  EXPECT_EQ(items[1].reject.reason, "line 2, column 34: expected a JSON value or ']', got '}'");
  EXPECT_EQ(items[1].reject.text, "{\"learner_id\": \"B\", \"outcomes\": [}");
  EXPECT_TRUE(items[2].is_learner);
  EXPECT_EQ(items[2].learner.id, "C");
}

struct BadLine {
  const char* line;
  const char* reason;
};

TEST(JsonLinesReaderTest, EveryKindOfBadLine) {
  const std::string ok_outcome = R"("kind": "certificate", "code": "X", "date": "2023-01-01")";
  const BadLine cases[] = {
      {R"([1, 2])", "line 1: expected a JSON object, got array"},
      {R"({"name": "x", "outcomes": []})", "line 1: missing \"learner_id\""},
      {R"({"learner_id": "A"})", "line 1: missing \"outcomes\""},
      {R"({"learner_id": 7, "outcomes": []})", "line 1: /learner_id: expected a string, got number"},
      {R"({"learner_id": "", "outcomes": []})", "line 1: /learner_id: expected a non-empty string"},
      {R"({"learner_id": " C1", "outcomes": []})",
       "line 1: /learner_id: expected no control characters, and no white space or byte order mark (U+FEFF) at "
       "either end, got \" C1\""},
      {R"({"learner_id": "\ufeffC1", "outcomes": []})",
       "line 1: /learner_id: expected no control characters, and no white space or byte order mark (U+FEFF) at "
       "either end, got \"\\ufeffC1\""},
      {R"({"learner_id": "N2\u0000x", "outcomes": []})",
       "line 1: /learner_id: expected no control characters, and no white space or byte order mark (U+FEFF) at "
       "either end, got \"N2\\u0000x\""},
      {R"({"learner_id": "A", "outcomes": {}})", "line 1: /outcomes: expected an array, got object"},
      {R"({"learner_id": "A", "name": null, "outcomes": []})", "line 1: /name: expected a string, got null"},
      {R"({"learner_id": "A", "outcomes": [], "age": 3})", "line 1: /age: unknown field"},
      {R"({"learner_id": "A", "outcomes": ["x"]})", "line 1: /outcomes/0: expected an object, got string"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X"}]})",
       "line 1: /outcomes/0: missing \"date\""},
      {R"({"learner_id": "A", "outcomes": [{"code": "X", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0: missing \"kind\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "diploma", "code": "X", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/kind: expected one of course, certificate, award, training, got \"diploma\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-02-30"}]})",
       "line 1: /outcomes/0/date: expected a date YYYY-MM-DD, got \"2023-02-30\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": 20230101}]})",
       "line 1: /outcomes/0/date: expected a string, got number"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "score": "82"}]})",
       "line 1: /outcomes/0/score: expected a number, got string"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "score": 100.5}]})",
       "line 1: /outcomes/0/score: expected a score from 0 to 100 with at most 2 decimal places, got \"100.5\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "score": 82.125}]})",
       "line 1: /outcomes/0/score: expected a score from 0 to 100 with at most 2 decimal places, got \"82.125\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "score": -1}]})",
       "line 1: /outcomes/0/score: expected a score from 0 to 100 with at most 2 decimal places, got \"-1\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0: missing \"code\" (a certificate needs it)"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "course", "code": "C1", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0: missing \"institution\" (a course needs it)"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "award", "code": "NVSC", "rank": "first", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0: missing \"tier\" (an award needs it)"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "award", "code": "NVSC", "tier": "national", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0: missing \"rank\" (an award needs it)"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "award", "code": "NVSC", "tier": "galactic", "rank": "first", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/tier: expected one of international, national, provincial, municipal, school, got \"galactic\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "award", "code": "NVSC", "tier": "national", "rank": "4th", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/rank: expected one of first, second, third, merit (or gold, silver, bronze, excellence), got \"4th\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "tier": "national", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/tier: not allowed for a certificate"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "course", "institution": "I", "code": "C", "grade": "中级", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/grade: not allowed for a course"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/code: expected a non-empty string"},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "1x-iot-ido", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/code: expected a code [A-Z0-9][A-Z0-9._-]*, got \"1x-iot-ido\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "course", "institution": "CQ ZZ", "code": "C1", "date": "2023-01-01"}]})",
       "line 1: /outcomes/0/institution: expected a code [A-Z0-9][A-Z0-9._-]*, got \"CQ ZZ\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "awarding_body": "-X"}]})",
       "line 1: /outcomes/0/awarding_body: expected a code [A-Z0-9][A-Z0-9._-]*, got \"-X\""},
      {R"({"learner_id": "A", "outcomes": [{"kind": "certificate", "code": "X", "date": "2023-01-01", "colour": "red"}]})",
       "line 1: /outcomes/0/colour: unknown field"},
      {R"({"learner_id": "A", "outcomes": [{"id": "o2", "kind": "certificate", "code": "X", "date": "2023-01-01"}, {"id": "o2", "kind": "certificate", "code": "Y", "date": "2023-01-01"}]})",
       "line 1: /outcomes/1/id: duplicate outcome id \"o2\""},
      {R"({"learner_id": "A", "outcomes": [], "learner_id": "B"})", "line 1, column 37: duplicate key \"learner_id\""},
      {"{\"learner_id\": \"A\", \"name\": \"\xff\", \"outcomes\": []}", "line 1, column 30: invalid UTF-8 byte 0xff"},
  };
  for (const BadLine& c : cases) {
    EXPECT_EQ(JsonLineReason(c.line), c.reason) << c.line;
  }
  // The same outcome, well formed, is accepted (so the cases above fail for the reason given).
  std::vector<Item> good =
      ReadAll("{\"learner_id\": \"A\", \"outcomes\": [{" + ok_outcome + "}]}\n", InputFormat::kJsonLines);
  ASSERT_EQ(good.size(), 1u);
  EXPECT_TRUE(good[0].is_learner);
}

TEST(JsonLinesReaderTest, KindFieldsLeftToCertificationWhenAsked) {
  ReaderOptions lenient;
  lenient.require_kind_fields = false;
  std::vector<Item> items = ReadAll(
      R"({"learner_id": "A", "outcomes": [{"kind": "award", "code": "NVSC", "date": "2023-01-01"}]})" "\n",
      InputFormat::kJsonLines, nullptr, lenient);
  ASSERT_EQ(items.size(), 1u);
  ASSERT_TRUE(items[0].is_learner);
  EXPECT_FALSE(items[0].learner.outcomes[0].tier.has_value());
  EXPECT_FALSE(items[0].learner.outcomes[0].rank.has_value());
}

TEST(JsonLinesReaderTest, OverlongLineIsRejectedAndSkipped) {
  std::string huge = "{\"learner_id\": \"A\", \"name\": \"" + std::string(kMaxLineBytes, 'x') + "\", \"outcomes\": []}";
  std::vector<Item> items =
      ReadAll(huge + "\n{\"learner_id\": \"B\", \"outcomes\": []}\n", InputFormat::kJsonLines);
  ASSERT_EQ(items.size(), 2u);
  ASSERT_FALSE(items[0].is_learner);
  EXPECT_EQ(items[0].reject.reason, "line 1: longer than 1048576 bytes");
  EXPECT_EQ(items[0].reject.text.size(), kMaxLineBytes);
  EXPECT_EQ(items[1].learner.id, "B");
  EXPECT_EQ(items[1].line, 2u);
}

// An outcome given without an id gets one from what identifies it (outcome_fields.h), the same in
// both formats and wherever it stands: a second file that leaves out or reorders outcomes, or corrects
// a score, names each outcome as the first did.
TEST(LearnerReaderTest, OutcomeIdsAreDerivedFromTheOutcome) {
  const std::string jsonl =
      R"({"learner_id": "A", "outcomes": [)"
      R"({"kind": "certificate", "code": "1X-IOT-IDO", "grade": "中级", "score": 82, "date": "2024-06-01"}, )"
      R"({"kind": "course", "institution": "CQ-ZZ-01", "code": "ZZ-EL-101", "date": "2023-06-30"}, )"
      R"({"kind": "award", "code": "NVSC-IOT", "tier": "national", "rank": "second", "date": "2024-05-20"}, )"
      R"({"kind": "training", "code": "TR-IOT-INSTALL", "date": "2024-08-01"}, )"
      R"({"kind": "certificate", "code": "1X-IOT-IDO", "grade": "中级", "score": 90, "date": "2024-06-01"}]})"
      "\n"
      R"({"learner_id": "B", "outcomes": [)"
      R"({"kind": "award", "code": "NVSC-IOT", "tier": "national", "rank": "first", "date": "2024-05-20"}, )"
      R"({"kind": "certificate", "code": "1X-IOT-IDO", "grade": "中级", "score": 85, "date": "2024-06-01"}]})"
      "\n";
  const std::string csv =
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body\n"
      "A,,,certificate,1X-IOT-IDO,,中级,,,82,2024-06-01,\n"
      "A,,,course,ZZ-EL-101,CQ-ZZ-01,,,,,2023-06-30,\n"
      "A,,,award,NVSC-IOT,,,national,second,,2024-05-20,\n"
      "A,,,training,TR-IOT-INSTALL,,,,,,2024-08-01,\n"
      "A,,,certificate,1X-IOT-IDO,,中级,,,90,2024-06-01,\n"
      "B,,,award,NVSC-IOT,,,national,first,,2024-05-20,\n"
      "B,,,certificate,1X-IOT-IDO,,中级,,,85,2024-06-01,\n";
  for (InputFormat format : {InputFormat::kJsonLines, InputFormat::kCsv}) {
    std::vector<Item> items = ReadAll(format == InputFormat::kJsonLines ? jsonl : csv, format);
    ASSERT_EQ(items.size(), 2u);
    std::vector<std::vector<std::string>> ids;
    for (const Item& item : items) {
      ASSERT_TRUE(item.is_learner) << item.reject.reason;
      ids.emplace_back();
      for (const Outcome& o : item.learner.outcomes) ids.back().push_back(o.id);
    }
    // The two certificates alike but for their scores are told apart by their content: "#" and the
    // first 8 hex digits of SHA-256("11:certificate10:1X-IOT-IDO0:6:中级0:0:2:820:10:2024-06-01") (each
    // field as its byte length, ':' and its text), computed with Python's hashlib; 90 for the second.
    EXPECT_EQ(ids[0], (std::vector<std::string>{"1X-IOT-IDO/中级@2024-06-01#3587d38e", "CQ-ZZ-01/ZZ-EL-101@2023-06-30",
                                                "NVSC-IOT/national@2024-05-20", "TR-IOT-INSTALL@2024-08-01",
                                                "1X-IOT-IDO/中级@2024-06-01#bfbe87d6"}));
    EXPECT_EQ(ids[1], (std::vector<std::string>{"NVSC-IOT/national@2024-05-20", "1X-IOT-IDO/中级@2024-06-01"}));
  }
}

// Twins keep their ids whatever their order, or when one is left out; an id given to another outcome
// is not taken.
TEST(LearnerReaderTest, DerivedIdsDoNotDependOnOrder) {
  auto ids = [](const std::string& line) {
    std::vector<Item> items = ReadAll(line + "\n", InputFormat::kJsonLines);
    std::vector<std::string> out;
    if (items.size() == 1 && items[0].is_learner) {
      for (const Outcome& o : items[0].learner.outcomes) out.push_back(o.id);
    }
    return out;
  };
  const std::string a = R"({"kind": "certificate", "code": "1X-IOT-IDO", "grade": "中级", "score": 82, "date": "2024-06-01"})";
  const std::string b = R"({"kind": "certificate", "code": "1X-IOT-IDO", "grade": "中级", "score": 90, "date": "2024-06-01"})";
  const std::string c = R"({"kind": "training", "code": "TR-IOT-INSTALL", "date": "2024-08-01"})";
  auto learner = [](const std::vector<std::string>& outcomes) {
    std::string line = R"({"learner_id": "A", "outcomes": [)";
    for (size_t i = 0; i < outcomes.size(); ++i) line += (i ? ", " : "") + outcomes[i];
    return line + "]}";
  };
  EXPECT_EQ(ids(learner({a, b, c})), (std::vector<std::string>{"1X-IOT-IDO/中级@2024-06-01#3587d38e",
                                                               "1X-IOT-IDO/中级@2024-06-01#bfbe87d6",
                                                               "TR-IOT-INSTALL@2024-08-01"}));
  EXPECT_EQ(ids(learner({c, b, a})), (std::vector<std::string>{"TR-IOT-INSTALL@2024-08-01",
                                                               "1X-IOT-IDO/中级@2024-06-01#bfbe87d6",
                                                               "1X-IOT-IDO/中级@2024-06-01#3587d38e"}));
  // One of the twins left out: the other is no twin, and named as one alone would be.
  EXPECT_EQ(ids(learner({b, c})), (std::vector<std::string>{"1X-IOT-IDO/中级@2024-06-01", "TR-IOT-INSTALL@2024-08-01"}));
  // Outcomes equal in everything are numbered; an id given to another outcome is not taken.
  EXPECT_EQ(ids(learner({a, a})), (std::vector<std::string>{"1X-IOT-IDO/中级@2024-06-01#3587d38e",
                                                           "1X-IOT-IDO/中级@2024-06-01#3587d38e#2"}));
  const std::string given = R"({"id": "TR-IOT-INSTALL@2024-08-01", "kind": "award", "code": "NVSC-IOT", )"
                            R"("tier": "national", "rank": "first", "date": "2024-05-20"})";
  EXPECT_EQ(ids(learner({c, given})), (std::vector<std::string>{"TR-IOT-INSTALL@2024-08-01#2",
                                                               "TR-IOT-INSTALL@2024-08-01"}));
}

TEST(FormatForPathTest, CsvByExtension) {
  EXPECT_EQ(FormatForPath("in.csv"), InputFormat::kCsv);
  EXPECT_EQ(FormatForPath("IN.CSV"), InputFormat::kCsv);
  EXPECT_EQ(FormatForPath("in.jsonl"), InputFormat::kJsonLines);
  EXPECT_EQ(FormatForPath("csv"), InputFormat::kJsonLines);
}

TEST(OpenLearnerFileTest, MissingFile) {
  StatusOr<std::unique_ptr<LearnerReader>> r = OpenLearnerFile("/nonexistent/learners.jsonl");
  EXPECT_EQ(r.status(), IOError("/nonexistent/learners.jsonl: cannot open: No such file or directory"));
}

// A spreadsheet's "Unicode text" is UTF-16: refused whole, with what to do, rather than every line a
// reject. A UTF-8 byte order mark is read past.
TEST(OpenLearnerFileTest, Utf16IsRefusedAndAUtf8ByteOrderMarkIsRead) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "creditbank-utf16";
  std::filesystem::create_directories(dir);
  const std::string utf16 = (dir / "in.csv").string();
  const std::string utf8 = (dir / "in.jsonl").string();
  std::ofstream(utf16, std::ios::binary) << std::string("\xFF\xFEl\0e\0", 6);
  std::ofstream(utf8, std::ios::binary) << "\xEF\xBB\xBF{\"learner_id\":\"S1\",\"name\":\"李雷\",\"outcomes\":[]}\n";
  EXPECT_EQ(OpenLearnerFile(utf16).status(), InvalidArgument(utf16 + ": UTF-16 text; save it as UTF-8"));
  StatusOr<std::unique_ptr<LearnerReader>> r = OpenLearnerFile(utf8);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  Learner learner;
  Reject reject;
  EXPECT_EQ((*r)->Next(&learner, &reject), ReadResult::kLearner) << reject.reason;
  EXPECT_EQ(learner.name, "李雷");
  // A pipe is not read ahead (it cannot go back): every byte reaches the reader.
  const std::string fifo = (dir / "in.fifo").string();
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::thread writer([&] {
    std::ofstream(fifo, std::ios::binary) << "{\"learner_id\":\"S2\",\"name\":\"韩梅梅\",\"outcomes\":[]}\n";
  });
  StatusOr<std::unique_ptr<LearnerReader>> piped = OpenLearnerFile(fifo);
  ASSERT_TRUE(piped.ok()) << piped.status().ToString();
  EXPECT_EQ((*piped)->Next(&learner, &reject), ReadResult::kLearner) << reject.reason;
  EXPECT_EQ(learner.name, "韩梅梅");
  writer.join();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace creditbank::batch
