// Run keys, input identity and the run state's text form.
#include "engine/batch/run_state.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "engine/json/json.h"
#include "engine/records/digest.h"

namespace creditbank::batch {
namespace {

TEST(RunStateTest, RunKeyIsTheHashOfTheCanonicalParts) {
  RunKeyParts p{"CQEIT-510102", "2025-09-01", "store", "abc", "batch"};
  // RFC 8785: members sorted by key, no spaces.
  EXPECT_EQ(RunKey(p), records::Sha256Hex(R"({"date":"2025-09-01","input":"store","programme":"CQEIT-510102",)"
                                          R"("rule_set":"abc","signing":"batch"})"));
  EXPECT_EQ(PendingDateMetaKey(p),
            "convert.date." + records::Sha256Hex(R"({"input":"store","programme":"CQEIT-510102","rule_set":"abc",)"
                                                 R"("signing":"batch"})"));
  RunKeyParts q = p;
  q.date = "2025-09-02";
  EXPECT_NE(RunKey(q), RunKey(p));
  EXPECT_EQ(PendingDateMetaKey(q), PendingDateMetaKey(p));  // the date is what it remembers
}

TEST(RunStateTest, FileIdentityChainsBlockDigests) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("creditbank-run-state-" + std::to_string(::getpid()) + ".jsonl");
  {
    std::ofstream out(path, std::ios::binary);
    out << "a\nb\nc";
  }
  StatusOr<InputIdentity> id = IdentifyFile(path.string());
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->lines, 3);
  const records::Digest zero{};
  const records::Digest expected =
      records::Sha256Parts({std::span<const uint8_t>(zero), records::AsBytes(std::string_view("a\nb\nc"))});
  EXPECT_EQ(id->text, "file:" + path.string() + ":5:" + records::HexEncode(expected));
  std::filesystem::remove(path);
  StatusOr<InputIdentity> missing = IdentifyFile("/nonexistent/x.jsonl");
  EXPECT_EQ(missing.status().code(), StatusCode::kIOError);
  EXPECT_EQ(missing.status().message(), "/nonexistent/x.jsonl: cannot open: No such file or directory");
}

// Line ends as the readers see them: LF, CRLF and a lone CR (a spreadsheet's old Mac export).
TEST(RunStateTest, FileIdentityCountsEveryKindOfLineEnd) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("creditbank-run-state-cr-" + std::to_string(::getpid()) + ".csv");
  for (const auto& [text, lines] : std::vector<std::pair<std::string, int64_t>>{
           {"a\rb\rc\r", 3}, {"a\rb\rc", 3}, {"a\r\nb\rc\n", 3}, {"a\n\rb", 3}, {"\r\r\n", 2}, {"", 0}, {"a", 1}}) {
    {
      std::ofstream out(path, std::ios::binary | std::ios::trunc);
      out << text;
    }
    StatusOr<InputIdentity> id = IdentifyFile(path.string());
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(id->lines, lines) << json::Write(json::Value::String(text));
  }
  std::filesystem::remove(path);
}

// Lines that cross the 1 MiB blocks the digest chains over, and a last one without its newline. Every
// other line is CRs before its LF: as the readers count them (line_source.h), each lone CR ends a line
// and the last one's LF makes a CRLF, one line end, also where a block ends between the two.
TEST(RunStateTest, FileIdentityCountsLinesAcrossBlocks) {
  const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("creditbank-run-state-big-" + std::to_string(::getpid()) + ".jsonl");
  std::string text;
  for (size_t length = 0, k = 0; text.size() < (size_t{5} << 19); length = (length * 7 + 13) % 1500, ++k) {
    text.append(length, k % 2 == 1 ? '\r' : 'x');
    text += '\n';
  }
  // A CRLF split by the first block's end, and a lone CR at the second's.
  const size_t mib = size_t{1} << 20;
  text[mib - 1] = '\r';
  text[mib] = '\n';
  text[2 * mib - 1] = '\r';
  text[2 * mib] = 'y';
  text += "{\"id\":\"没有换行\"}";  // the unterminated last line
  // The count byte by byte, as line_source.cc ends lines.
  int64_t written = 1;
  for (size_t i = 0; i < text.size(); ++i) {
    written += text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
  }
  ASSERT_GT(written, 2000);
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  StatusOr<InputIdentity> id = IdentifyFile(path.string());
  std::filesystem::remove(path);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  EXPECT_EQ(id->lines, written);
  // RunKeyParts' input names the size and d = SHA-256(d || block) over 1 MiB blocks (run_state.h).
  ASSERT_GT(text.size(), 2 * mib);
  ASSERT_LT(text.size(), 3 * mib);
  records::Digest d{};
  for (size_t at = 0; at < text.size(); at += mib) {
    d = records::Sha256Parts({std::span<const uint8_t>(d), records::AsBytes(std::string_view(text).substr(at, mib))});
  }
  EXPECT_EQ(id->text, "file:" + path.string() + ":" + std::to_string(text.size()) + ":" + records::HexEncode(d));
}

TEST(RunStateTest, StateRoundTrips) {
  RunState s;
  s.date = "2025-09-01";
  s.chunk_size = 256;
  s.output_bytes = 123456;
  s.rejects_bytes = 789;
  s.learners = 1000;
  s.outcomes = 5500;
  s.certified = 3000;
  s.rejects = 5;
  s.records_signed = 4000;
  s.records_new = 3990;
  s.chunks = 4;
  s.not_counted = 17;
  s.done = true;
  const std::string text = RunStateToJson(s);
  EXPECT_EQ(text, R"({"date":"2025-09-01","chunk_size":256,"output_bytes":123456,"rejects_bytes":789,)"
                  R"("learners":1000,"outcomes":5500,"certified":3000,"rejects":5,"records_signed":4000,)"
                  R"("records_new":3990,"chunks":4,"not_counted":17,"done":true})");
  StatusOr<RunState> back = RunStateFromJson(text);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(RunStateToJson(*back), text);
  EXPECT_EQ(RunStateFromJson(R"({"date":"x","done":false})").status().message(),
            "run state: missing field /chunk_size");
  EXPECT_EQ(RunStateFromJson("{").status().code(), StatusCode::kCorruption);
  // A state written before the chunk count was kept reads as -1 (BankConvert counts them then).
  const std::string old = R"({"date":"2025-09-01","chunk_size":256,"output_bytes":0,"rejects_bytes":0,)"
                          R"("learners":0,"outcomes":0,"certified":0,"rejects":0,"records_signed":0,)"
                          R"("records_new":0,"done":false})";
  ASSERT_TRUE(RunStateFromJson(old).ok());
  EXPECT_EQ(RunStateFromJson(old)->chunks, -1);
  // ... and before the count of copies not counted was kept, as 0.
  EXPECT_EQ(RunStateFromJson(old)->not_counted, 0);
  EXPECT_EQ(RunStateFromJson(R"({"date":"x","chunk_size":1,"output_bytes":0,"rejects_bytes":0,"learners":0,)"
                             R"("outcomes":0,"certified":0,"rejects":0,"records_signed":0,"records_new":0,)"
                             R"("not_counted":-1,"done":false})")
                .status()
                .message(),
            "run state: /not_counted: expected a number >= 0");
  std::string zero = old;
  zero.replace(zero.find("256"), 3, "0");
  EXPECT_EQ(RunStateFromJson(zero).status(),
            Corruption("run state: /chunk_size: expected a number >= 1, got 0"));
  // Absent, decided_again reads as empty (above); present, in the order of its pseudonyms.
  s.decided_again = {{"bb", "record2"}, {"a/b", "record1"}};
  const std::string again = RunStateToJson(s);
  EXPECT_EQ(again, text.substr(0, text.size() - 1) + R"(,"decided_again":{"a/b":"record1","bb":"record2"}})");
  StatusOr<RunState> read = RunStateFromJson(again);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->decided_again, s.decided_again);
  // The files, when kept.
  RunState files = s;
  files.decided_again.clear();
  files.output_file = "/srv/intake/九月.jsonl";
  const std::string with_files = RunStateToJson(files);
  EXPECT_EQ(with_files, text.substr(0, text.size() - 1) + R"(,"output_file":"/srv/intake/九月.jsonl"})");
  StatusOr<RunState> files_back = RunStateFromJson(with_files);
  ASSERT_TRUE(files_back.ok()) << files_back.status().ToString();
  EXPECT_EQ(files_back->output_file, files.output_file);
  EXPECT_EQ(RunStateFromJson(old)->output_file, std::nullopt);
  EXPECT_EQ(RunStateFromJson(old.substr(0, old.size() - 1) + R"(,"output_file":7})").status(),
            Corruption("run state: /output_file: expected a path"));
  EXPECT_EQ(RunStateFromJson(old.substr(0, old.size() - 1) + R"(,"decided_again":[]})").status(),
            Corruption("run state: /decided_again: expected an object"));
  EXPECT_EQ(RunStateFromJson(old.substr(0, old.size() - 1) + R"(,"decided_again":{"a/b":1}})").status(),
            Corruption("run state: /decided_again/a~1b: expected a record id"));
}

}  // namespace
}  // namespace creditbank::batch
