// A registrar's session with the program, run as a process: init, import, convert from the bank's own
// learners, then account, explain, verify FILE, export, revoke and keys, each with its exact output.
//
// The bank's secret is replaced by a fixed one right after init (before any learner is stored), so that
// pseudonyms are known: they were computed outside creditbank, with
//   printf C1 | openssl dgst -sha256 -mac HMAC -macopt hexkey:000102…1e1f
// The issuer key is random; its id and Multikey are computed here from its PEM file with OpenSSL and a
// base58 written for this test. Record ids are read from the decisions file convert writes. Times
// the bank takes from the clock (key creation, revocation, a proof's "created") are masked as TIME.
//
// The decisions, computed by hand from rules/ (see also convert_test.cc): C1 holds 1X-IOT-IDO 中级,
// score 80, 2024-06-01, awarded by ZYCX. REC-1X-IOT-IDO-M (rules/recognition/1x.json) certifies it:
// level 3, 6 credits, units IOT-ICS-U01 (level 2, 2 credits), U03 and U10 (level 3, 3 credits each,
// rules/standards/iot-industry-competency.json), valid 3 years, so until 2027-06-01 (exclusive).
// At CQEIT-510102 (cap 30% of 126 = 37.8) CNV-510102-001 exempts IOT202 (4 credits); the equivalences
// EQ-UC-001..003 are not chosen. C3's national merit prize in NVSC-IOT has no recognition rule.
// Leaves: C1's certification 0, C1's conversion 1, C3's conversion 2.
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/json/json.h"
#include "engine/model/date.h"
#include "engine/records/credential.h"
#include "engine/records/did_key.h"
#include "engine/records/eddsa_jcs.h"
#include "engine/records/multikey.h"
#include "engine/records/signer.h"
#include "tests/cli/run_cli.h"
#include "tests/store/store_test_util.h"

namespace creditbank::testing_cli {
namespace {

const std::string kSecret = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
const std::string kC1 = "3015ac8c55b4335a86ce877fe36961440943039b854f3626f78502535c94a122";
const std::string kC3 = "61510f7730ba97a613bd0e0917d540f7fd34efaee3bc6d6504d7893973f0364a";

std::string MaskTimes(const std::string& text) {
  return std::regex_replace(text, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z"), "TIME");
}

// Base58 (the Bitcoin alphabet) by long division, independent of engine/records/base58.
std::string Base58(std::vector<uint8_t> number) {
  static const char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
  size_t zeros = 0;
  while (zeros < number.size() && number[zeros] == 0) ++zeros;
  number.erase(number.begin(), number.begin() + static_cast<std::ptrdiff_t>(zeros));
  std::string digits;
  while (!number.empty()) {
    std::vector<uint8_t> quotient;
    int remainder = 0;
    for (uint8_t byte : number) {
      const int value = remainder * 256 + byte;
      if (!quotient.empty() || value / 58 != 0) quotient.push_back(static_cast<uint8_t>(value / 58));
      remainder = value % 58;
    }
    digits.push_back(kAlphabet[remainder]);
    number = std::move(quotient);
  }
  digits.append(zeros, '1');
  std::reverse(digits.begin(), digits.end());
  return digits;
}

struct IssuerKey {
  std::string id;        // "ed25519:" + the first 8 bytes of SHA-256(public key), in hex
  std::string multikey;  // "z" + base58btc(0xed 0x01 + public key)
};

// The public facts of the private key in a PEM file, from OpenSSL directly.
IssuerKey KeyOfPemFile(const std::filesystem::path& pem) {
  IssuerKey key;
  FILE* file = std::fopen(pem.c_str(), "r");
  if (file == nullptr) return key;
  EVP_PKEY* pkey = PEM_read_PrivateKey(file, nullptr, nullptr, nullptr);
  std::fclose(file);
  std::vector<uint8_t> raw(32);
  size_t len = raw.size();
  if (pkey == nullptr || EVP_PKEY_get_raw_public_key(pkey, raw.data(), &len) != 1 || len != 32) {
    EVP_PKEY_free(pkey);
    return key;
  }
  EVP_PKEY_free(pkey);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(raw.data(), raw.size(), digest);
  static const char kHex[] = "0123456789abcdef";
  key.id = "ed25519:";
  for (int i = 0; i < 8; ++i) key.id += {kHex[digest[i] >> 4], kHex[digest[i] & 15]};
  raw.insert(raw.begin(), {0xed, 0x01});
  key.multikey = "z" + Base58(raw);
  return key;
}

std::string Compact(const std::string& json_text) {
  StatusOr<json::Value> v = json::Parse(json_text);
  return v.ok() ? json::Write(*v) : "(not JSON: " + json_text + ")";
}

// A string member, or a text naming what is missing (so that a missing member fails an expectation).
std::string StringMember(const json::Value& object, const char* key) {
  const json::Value* m = object.Find(key);
  return m != nullptr && m->is_string() ? m->AsString() : "(no string member " + std::string(key) + ")";
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  for (size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
  }
  return lines;
}

class BankFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(std::string("flow-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
    CliResult init = Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    key_ = KeyOfPemFile(db_ + ".keys/issuer-1.pem");
    ASSERT_EQ(init.out.substr(0, init.out.find(" (")), "created bank " + db_ + "\nissuer key " + key_.id);
    {
      std::ofstream secret(db_ + ".keys/secret", std::ios::trunc);  // keeps the file's mode, 0600
      secret << kSecret << "\n";
    }
    import_ = Run({"import", "tests/cli/data/convert_learners.jsonl", "--rejects", (dir_ / "rejects.jsonl").string(),
                   "--json"});
    ASSERT_EQ(import_.exit_code, 0) << import_.err;
    CliResult convert = Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-01", "--output",
                             (dir_ / "decisions.jsonl").string(), "--json"});
    ASSERT_EQ(convert.exit_code, 0) << convert.err;
    StatusOr<json::Value> summary = json::Parse(convert.out);
    ASSERT_TRUE(summary.ok()) << convert.out;
    root_ = StringMember(*summary, "ledger_root");
    std::vector<std::string> decisions = Lines(ReadFile(dir_ / "decisions.jsonl"));
    ASSERT_EQ(decisions.size(), 2u);
    for (const std::string& line : decisions) {
      StatusOr<json::Value> record = json::Parse(line);
      ASSERT_TRUE(record.ok()) << line;
      conversions_.push_back(StringMember(*record, "id"));
    }
    // The certification record's id: the one record of C1's account besides its decision.
    StatusOr<json::Value> account = json::Parse(Run({"account", "C1", "--json"}).out);
    ASSERT_TRUE(account.ok());
    const json::Value* certifications = account->Find("certifications");
    ASSERT_TRUE(certifications != nullptr && certifications->is_array() && certifications->items().size() == 1);
    certification_ = StringMember(certifications->items()[0], "record");
    rule_set_ = ShippedHash();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // A file of C1 again, its outcome o1 (1X-IOT-IDO 中级 of 2024-06-01) with another score.
  std::filesystem::path C1WithScore(int score) {
    const std::filesystem::path path = dir_ / ("c1-score-" + std::to_string(score) + ".jsonl");
    std::ofstream out(path);
    out << R"({"learner_id": "C1", "name": "张伟", "outcomes": [{"id": "o1", "kind": "certificate", )"
           R"("code": "1X-IOT-IDO", "grade": "中级", "score": )"
        << score << R"(, "date": "2024-06-01", "awarding_body": "ZYCX"}]})" << "\n";
    return path;
  }

  // Runs a convert of the bank's learners on a new `date` (a new run: it decides both learners) and
  // returns C1's decision record.
  StatusOr<json::Value> ConvertC1Again(const std::string& date) {
    const std::filesystem::path decisions = dir_ / ("decisions-" + date + ".jsonl");
    CliResult convert =
        Run({"convert", "--programme", "CQEIT-510102", "--date", date, "--output", decisions.string()});
    if (convert.exit_code != 0) return Internal("convert: " + convert.err);
    const std::vector<std::string> decided = Lines(ReadFile(decisions));
    if (decided.size() != 2) return Internal("expected 2 decisions, got " + std::to_string(decided.size()));
    for (const std::string& line : decided) {
      StatusOr<json::Value> d = json::Parse(line);
      if (!d.ok() || StringMember(*d, "learner") == kC1) return d;
    }
    return Internal("no decision of C1's");
  }

  // The convert of 2025-09-01 over the bank's learners, run again (with `more` arguments) once C1 has
  // changed: it decides C1 anew, and only C1. Returns that decision, the decisions file's third line
  // after the first run's two; the run's output is left in anew_.
  StatusOr<json::Value> DecideC1Anew(const std::vector<std::string>& more = {}) {
    std::vector<std::string> convert = {"convert", "--programme", "CQEIT-510102", "--date", "2025-09-01",
                                        "--output", (dir_ / "decisions.jsonl").string()};
    convert.insert(convert.end(), more.begin(), more.end());
    anew_ = Run(convert);
    if (anew_.exit_code != 0) return Internal("convert: " + anew_.err);
    const std::vector<std::string> decided = Lines(ReadFile(dir_ / "decisions.jsonl"));
    if (decided.size() != 3) return Internal("expected 3 decisions, got " + std::to_string(decided.size()));
    StatusOr<json::Value> c1 = json::Parse(decided[2]);
    if (c1.ok() && StringMember(*c1, "learner") != kC1) return Internal("the third decision is not C1's");
    return c1;
  }

  // C1's account on 2025-09-01 once its one certification no longer counts (shown as `shown`) and its
  // decision of that date, made anew as `redecided`, grants nothing; `imported` ends the second line.
  std::string C1AccountWithoutItsCertification(const std::string& imported, const std::string& shown,
                                               const std::string& redecided) {
    return "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
           "on 2025-09-01: 0 credits valid, 0 expired; " + imported + "\n"
           "by level:\n  none\nunits:\n  none\n"
           "certifications:\n  " + certification_.substr(0, 12) + " o1 certificate 1X-IOT-IDO: level 3, 6 credits, " +
           shown + " (until 2027-06-01)\n"
           "decisions:\n"
           "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n"
           "  " + redecided.substr(0, 12) + " CQEIT-510102 2025-09-01: 0 credits\n";
  }

  // The learner's account on `date` in short: each certification's outcome, same_qualification_as and
  // valid, then the valid and expired credits: "p1 null true; p2 \"p1\" false; valid 8, expired 0".
  std::string CountedOn(const std::string& learner, const std::string& date) {
    StatusOr<json::Value> a = json::Parse(Run({"account", learner, "--date", date, "--json"}).out);
    if (!a.ok()) return a.status().ToString();
    std::string out;
    for (const json::Value& c : a->Find("certifications")->items()) {
      out += StringMember(c, "outcome") + " " + json::Write(*c.Find("same_qualification_as")) + " " +
             json::Write(*c.Find("valid")) + "; ";
    }
    return out + "valid " + json::Write(*a->Find("valid")) + ", expired " + json::Write(*a->Find("expired"));
  }

  // The record id of the index-th certification C1's account lists, or "" when there is none.
  std::string C1CertificationRecord(size_t index) {
    StatusOr<json::Value> a = json::Parse(Run({"account", "C1", "--json"}).out);
    if (!a.ok() || a->Find("certifications") == nullptr) return "";
    const std::vector<json::Value>& items = a->Find("certifications")->items();
    return index < items.size() ? StringMember(items[index], "record") : "";
  }

  // C1 with one outcome o9, which is o1 (1X-IOT-IDO 中级, score 80, of 2024-06-01) listed under another id.
  std::filesystem::path C1ListingO1AsO9() {
    const std::filesystem::path path = dir_ / "c1-o1-as-o9.jsonl";
    std::ofstream out(path);
    out << R"({"learner_id": "C1", "name": "张伟", "outcomes": [{"id": "o9", "kind": "certificate", )"
           R"("code": "1X-IOT-IDO", "grade": "中级", "score": 80, "date": "2024-06-01", "awarding_body": "ZYCX"}]})"
        << "\n";
    return path;
  }

  // `revoke RECORD --reason REASON --json`, parsed; an error naming the failure otherwise.
  StatusOr<json::Value> RevokeAsJson(const std::string& record, const std::string& reason) {
    CliResult revoked = Run({"revoke", record, "--reason", reason, "--json"});
    if (revoked.exit_code != 0) return Internal("revoke: " + revoked.err);
    return json::Parse(revoked.out);
  }

  // C1 with one outcome o2, the certificate of o1 taken again on `date` with a score of 70.
  std::filesystem::path C1Retake(const std::string& date) {
    const std::filesystem::path path = dir_ / ("c1-retake-" + date + ".jsonl");
    std::ofstream out(path);
    out << R"({"learner_id": "C1", "name": "张伟", "outcomes": [{"id": "o2", "kind": "certificate", )"
           R"("code": "1X-IOT-IDO", "grade": "中级", "score": 70, "date": ")"
        << date << R"(", "awarding_body": "ZYCX"}]})" << "\n";
    return path;
  }

  // Where a convert over the bank's learners without --output writes its rejects: in the test's own
  // directory, not the working one.
  std::string RejectsFile() const { return (dir_ / "convert.rejects.jsonl").string(); }

  // Loads rule set 2: the shipped rules with a second grade of SS-CABLING, 优秀 (level 2), and its rule
  // REC-SS-CABLING matching the grade 合格 only.
  void LoadRulesWithASecondCablingGrade() {
    const std::filesystem::path rules2 = dir_ / "rules2";
    std::filesystem::copy("rules", rules2, std::filesystem::copy_options::recursive);
    const std::filesystem::path catalogue = rules2 / "catalogues" / "certificates.json";
    std::string text = ReadFile(catalogue);
    const std::string one = R"("grades": [{"grade": "合格", "level": 1}])";
    const size_t at = text.find(one, text.find(R"("code": "SS-CABLING")"));
    ASSERT_NE(at, std::string::npos);
    text.replace(at + one.size() - 1, 1, R"(, {"grade": "优秀", "level": 2}])");
    {
      std::ofstream out(catalogue, std::ios::trunc);
      out << text;
    }
    // Its rule, which left the grade out, names 合格 now that there are two.
    const std::filesystem::path rule = rules2 / "recognition" / "special-skills.json";
    std::string rule_text = ReadFile(rule);
    const std::string match = R"("match": {"kind": "certificate", "code": "SS-CABLING"})";
    const size_t match_at = rule_text.find(match);
    ASSERT_NE(match_at, std::string::npos);
    rule_text.replace(match_at, match.size(),
                      R"("match": {"kind": "certificate", "code": "SS-CABLING", "grade": "合格"})");
    {
      std::ofstream out(rule, std::ios::trunc);
      out << rule_text;
    }
    CliResult loaded = Run({"init", "--rules", rules2.string()});
    ASSERT_EQ(loaded.exit_code, 0) << loaded.err;
    const std::string added = "rule set version 2 ";
    const size_t hash_at = loaded.out.find(added);
    ASSERT_NE(hash_at, std::string::npos) << loaded.out;
    rules2_hash_ = loaded.out.substr(hash_at + added.size(), 64);
    ASSERT_EQ(loaded.out.substr(hash_at + added.size() + 64), " added\n");
  }

  CliResult Run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunCli(args);
  }

  std::filesystem::path dir_;
  std::string db_;
  IssuerKey key_;
  CliResult import_;
  CliResult anew_;  // DecideC1Anew's run
  std::string rules2_hash_;  // LoadRulesWithASecondCablingGrade's rule set
  std::string root_;
  std::vector<std::string> conversions_;  // C1's, C3's
  std::string certification_;             // C1's
  std::string rule_set_;
};

// An account by the learner's id, its pseudonym, or the start of the pseudonym as account shows it.
TEST_F(BankFlowTest, AnAccountIsFoundByThePseudonymItShows) {
  CliResult by_id = Run({"account", "C1", "--date", "2025-09-10"});
  ASSERT_EQ(by_id.exit_code, 0) << by_id.err;
  EXPECT_EQ(by_id.out.substr(0, by_id.out.find('\n')), "learner C1 张伟, pseudonym " + kC1.substr(0, 12) + "…");
  EXPECT_EQ(Run({"account", kC1, "--date", "2025-09-10"}).out, by_id.out);
  EXPECT_EQ(Run({"account", kC1.substr(0, 12), "--date", "2025-09-10"}).out, by_id.out);
  CliResult shorter = Run({"account", kC1.substr(0, 11)});
  EXPECT_EQ(shorter.exit_code, 2);
  EXPECT_EQ(shorter.err, "creditbank account: learner " + kC1.substr(0, 11) + ": not in this bank\n");
}

TEST_F(BankFlowTest, ImportCountsWhatItAddedAndRejects) {
  EXPECT_EQ(Compact(import_.out),
            R"({"learners_new":2,"learners_existing":0,"outcomes_new":2,"outcomes_existing":0,"outcomes_corrected":0,)"
            R"("rejects":2,)"
            R"("rejects_file":")" + (dir_ / "rejects.jsonl").string() + R"("})");
  std::vector<std::string> rejects = Lines(ReadFile(dir_ / "rejects.jsonl"));
  ASSERT_EQ(rejects.size(), 2u);
  EXPECT_EQ(rejects[0].substr(0, rejects[0].find(",\"text\"")),
            R"({"line":2,"reason":"line 2: /outcomes/0/date: expected a date YYYY-MM-DD, got \"2024-13-01\"")");
  EXPECT_EQ(rejects[1],
            R"({"line":5,"reason":"line 5, column 1: expected a JSON value, got 'not'","text":"not json"})");

  CliResult again = Run({"import", "tests/cli/data/convert_learners.jsonl", "--rejects",
                         (dir_ / "rejects2.jsonl").string()});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_EQ(again.out, "learners: 0 new, 2 already in the bank\noutcomes: 0 new, 2 already in the bank\n"
                       "rejects: 2  -> " + (dir_ / "rejects2.jsonl").string() + "\n");
}

// A CSV file as a spreadsheet saves it (a byte order mark, CRLF line ends, Chinese names): the good rows
// go in, each bad row to the rejects file with its line and reason; a file whose header is not the
// learner columns stops the command, which names the file, the line and the column.
TEST_F(BankFlowTest, ImportACsvFileFromASpreadsheet) {
  const std::string header =
      "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body";
  const std::string csv = (dir_ / "intake.csv").string();
  {
    std::ofstream out(csv, std::ios::binary);
    out << "\xef\xbb\xbf" << header << "\r\n"
        << "X1,赵六,o1,certificate,1X-IOT-IDO,,中级,,,80,2024-06-01,ZYCX\r\n"
        << "X1,赵六,o2,award,NVSC-IOT,,,national,first,,2024-05-20,\r\n"
        << "X2,孙七,o1,certificate,1X-IOT-IDO,,中级,,,eighty,2024-06-01,ZYCX\r\n"
        << "X3,钱八,o1,course,ZZ-EL-101,CQ-ZZ-01,,,,,2023-07-01,\r\n";
  }
  CliResult r = Run({"import", csv});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "learners: 2 new, 0 already in the bank\noutcomes: 3 new, 0 already in the bank\n"
                   "rejects: 1  -> " + csv + ".rejects.jsonl\n");
  EXPECT_EQ(ReadFile(csv + ".rejects.jsonl"),
            R"({"line":4,"reason":"line 4: score: expected a score from 0 to 100 with at most 2 decimal places, )"
            R"(got \"eighty\"","text":"X2,孙七,o1,certificate,1X-IOT-IDO,,中级,,,eighty,2024-06-01,ZYCX"})" "\n");
  CliResult account = Run({"account", "X1", "--json"});
  StatusOr<json::Value> a = json::Parse(account.out);
  ASSERT_TRUE(a.ok()) << account.out << account.err;
  EXPECT_EQ(StringMember(*a, "name"), "赵六");
  EXPECT_EQ(json::Write(*a->Find("outcomes")), "2");

  const std::string bad = (dir_ / "bad-header.csv").string();
  {
    std::ofstream out(bad, std::ios::binary);
    out << "id,name\r\nX9,吴九\r\n";
  }
  const std::string problem = bad + ": line 1: unknown column \"id\" (expected " + header + ")\n";
  CliResult import_bad = Run({"import", bad});
  EXPECT_EQ(import_bad.exit_code, 2);
  EXPECT_EQ(import_bad.out, "");
  EXPECT_EQ(import_bad.err, "creditbank import: " + problem);
  CliResult convert_bad = Run({"convert", "--programme", "CQEIT-510102", "--input", bad, "--rejects",
                              (dir_ / "bad-rejects.jsonl").string()});
  EXPECT_EQ(convert_bad.exit_code, 2);
  EXPECT_EQ(convert_bad.err, "creditbank convert: " + problem);
  CliResult dry_bad = RunCli({"convert", "--programme", "CQEIT-510102", "--input", bad, "--dry-run"});
  EXPECT_EQ(dry_bad.exit_code, 2);
  EXPECT_EQ(dry_bad.err, "creditbank convert: " + problem);

  CliResult directory = Run({"import", dir_.string()});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_EQ(directory.err, "creditbank import: " + dir_.string() + ": cannot open: Is a directory\n");
  directory = Run({"convert", "--programme", "CQEIT-510102", "--input", dir_.string(), "--rejects",
                   (dir_ / "dir-rejects.jsonl").string()});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_EQ(directory.err, "creditbank convert: " + dir_.string() + ": cannot open: Is a directory\n");
}

// A learner's outcome imported again under its id with another score is a correction: the bank keeps
// both, but the account and the next conversion take the corrected one, and the certification of the
// earlier score stops counting (it counted twice, 12 credits and two exemptions from one certificate).
TEST_F(BankFlowTest, ACorrectedImportReplacesTheOutcome) {
  const std::filesystem::path corrected = C1WithScore(85);
  CliResult imported = Run({"import", corrected.string(), "--rejects", (dir_ / "corrected-rejects.jsonl").string()});
  EXPECT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_EQ(imported.out,
            "learners: 0 new, 1 already in the bank\n"
            "outcomes: 1 new, 0 already in the bank, 1 correction of an outcome imported before under the same id\n"
            "rejects: 0\n");
  CliResult again = Run({"import", corrected.string(), "--rejects", (dir_ / "corrected-rejects.jsonl").string()});
  EXPECT_EQ(again.out, "learners: 0 new, 1 already in the bank\noutcomes: 0 new, 1 already in the bank\nrejects: 0\n");
  // The first file imported again: its content is stored already; nothing changes, nothing is corrected.
  CliResult original = Run({"import", "tests/cli/data/convert_learners.jsonl", "--rejects",
                            (dir_ / "original-rejects.jsonl").string()});
  EXPECT_EQ(original.out,
            "learners: 0 new, 2 already in the bank\noutcomes: 0 new, 2 already in the bank\nrejects: 2  -> " +
                (dir_ / "original-rejects.jsonl").string() + "\n");

  const std::string superseded = "  " + certification_.substr(0, 12) +
                                 " o1 certificate 1X-IOT-IDO: level 3, 6 credits, superseded (until 2027-06-01)\n";
  // The certification of score 80 is shown superseded, and is no longer exported as a credential.
  CliResult old_text = Run({"explain", certification_});
  EXPECT_EQ(Lines(old_text.out)[2],
            "SUPERSEDED: a later import corrected this outcome; the certification no longer counts");
  CliResult old_vc = Run({"export", certification_});
  EXPECT_EQ(old_vc.exit_code, 2);
  EXPECT_EQ(old_vc.err, "creditbank export: record " + certification_.substr(0, 12) +
                            "…: superseded: a later import corrected the outcome it certifies; export the certification "
                            "of the corrected outcome, or revoke this one\n");
  CliResult before = Run({"account", "C1", "--date", "2025-09-10"});
  EXPECT_EQ(before.out,
            "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
            "on 2025-09-10: 0 credits valid, 0 expired; 1 outcome imported (1 earlier version replaced by a later "
            "import)\n"
            "by level:\n  none\nunits:\n  none\ncertifications:\n" + superseded +
            "decisions:\n"
            "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n");

  // Converted again: one certification, of the score 85, and the one exemption.
  StatusOr<json::Value> c1 = ConvertC1Again("2025-09-10");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  const json::Value& body = *c1->Find("body");
  EXPECT_EQ(Compact(json::Write(*body.Find("certifications"))),
            R"([{"credits":6,"level":3,"outcome":"o1","rule":"REC-1X-IOT-IDO-M","status":"certified",)"
            R"("units":["IOT-ICS-U01","IOT-ICS-U03","IOT-ICS-U10"],"valid_until":"2027-06-01"}])");
  EXPECT_EQ(Compact(json::Write(*body.Find("exemptions"))),
            R"([{"course":"IOT202","credits":4,"outcomes":["o1"],"path":[],"rule":"CNV-510102-001"}])");
  EXPECT_EQ(json::Write(*body.Find("granted")), "4");

  StatusOr<json::Value> account = json::Parse(Run({"account", "C1", "--json"}).out);
  ASSERT_TRUE(account.ok());
  ASSERT_EQ(account->Find("certifications")->items().size(), 2u);
  const std::string recertified = StringMember(account->Find("certifications")->items()[1], "record");
  CliResult explained = Run({"explain", recertified});
  EXPECT_NE(explained.out.find("outcome o1: certificate 1X-IOT-IDO 中级, score 85, dated 2024-06-01\n"),
            std::string::npos)
      << explained.out;
  CliResult after = Run({"account", "C1", "--date", "2025-09-10"});
  EXPECT_EQ(after.out,
            "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
            "on 2025-09-10: 6 credits valid, 0 expired; 1 outcome imported (1 earlier version replaced by a later "
            "import)\n"
            "by level:\n  level 3: 6 valid, 0 expired\n"
            "units:\n"
            "  IOT-ICS-U01 (level 2, 2 credits)\n"
            "  IOT-ICS-U03 (level 3, 3 credits)\n"
            "  IOT-ICS-U10 (level 3, 3 credits)\n"
            "certifications:\n" + superseded +
            "  " + recertified.substr(0, 12) +
                " o1 certificate 1X-IOT-IDO: level 3, 6 credits, valid (until 2027-06-01)\n"
            "decisions:\n"
            "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n"
            "  " + StringMember(*c1, "id").substr(0, 12) + " CQEIT-510102 2025-09-10: 4 credits (IOT202)\n");
}

// A certificate taken again (another id, a later date) is the same qualification, which counts once
// (docs/conversion.md): the next run certifies the retake, which is valid longer, and leaves the first
// out; the account stops counting the first run's certification of it (it counted twice, 12 credits).
TEST_F(BankFlowTest, ACertificateTakenAgainCountsOnce) {
  const std::filesystem::path retake = C1Retake("2025-06-01");
  CliResult imported = Run({"import", retake.string(), "--rejects", (dir_ / "retake-rejects.jsonl").string()});
  EXPECT_EQ(imported.out, "learners: 0 new, 1 already in the bank\noutcomes: 1 new, 0 already in the bank\n"
                          "rejects: 0\n");
  StatusOr<json::Value> c1 = ConvertC1Again("2025-09-10");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  const json::Value& body = *c1->Find("body");
  EXPECT_EQ(Compact(json::Write(*body.Find("certifications"))),
            R"([{"detail":"the same qualification as o2, which counts","outcome":"o1","reason":"same-qualification",)"
            R"("status":"rejected"},{"credits":6,"level":3,"outcome":"o2","rule":"REC-1X-IOT-IDO-M",)"
            R"("status":"certified","units":["IOT-ICS-U01","IOT-ICS-U03","IOT-ICS-U10"],)"
            R"("valid_until":"2028-06-01"}])");
  EXPECT_EQ(Compact(json::Write(*body.Find("exemptions"))),
            R"([{"course":"IOT202","credits":4,"outcomes":["o2"],"path":[],"rule":"CNV-510102-001"}])");

  StatusOr<json::Value> account = json::Parse(Run({"account", "C1", "--json"}).out);
  ASSERT_TRUE(account.ok());
  ASSERT_EQ(account->Find("certifications")->items().size(), 2u);
  // The run certified o1 again, as the same qualification as o2, which it counted: o1's latest record.
  const json::Value& first = account->Find("certifications")->items()[0];
  const std::string first_record = StringMember(first, "record");
  EXPECT_NE(first_record, certification_);
  EXPECT_EQ(json::Write(*first.Find("same_qualification_as")), "\"o2\"");
  EXPECT_EQ(json::Write(*first.Find("valid")), "false");
  CliResult explained = Run({"explain", first_record});
  EXPECT_EQ(Lines(explained.out)[3], "certified: level 3, 6 credits by REC-1X-IOT-IDO-M, units IOT-ICS-U01, "
                                     "IOT-ICS-U03, IOT-ICS-U10, valid until 2027-06-01");
  EXPECT_EQ(Lines(explained.out)[4],
            "not counted by its run: outcome o2 is the same qualification and counted instead (docs/conversion.md)");
  // Its credential would count the qualification twice wherever it is shown: refused while o2 counts.
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()).time_since_epoch();
  const std::string today = Date::FromDays(static_cast<int32_t>(days.count())).ToString();
  CliResult vc = Run({"export", first_record});
  EXPECT_EQ(vc.exit_code, 2);
  EXPECT_EQ(vc.err, "creditbank export: record " + first_record.substr(0, 12) +
                        "…: not counted: outcome o2 is the same qualification and counts in the account on " + today +
                        "; export the certification of o2\n");
  const std::string retaken = StringMember(account->Find("certifications")->items()[1], "record");
  CliResult text = Run({"account", "C1", "--date", "2025-09-10"});
  EXPECT_EQ(text.out,
            "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
            "on 2025-09-10: 6 credits valid, 0 expired; 2 outcomes imported\n"
            "by level:\n  level 3: 6 valid, 0 expired\n"
            "units:\n"
            "  IOT-ICS-U01 (level 2, 2 credits)\n"
            "  IOT-ICS-U03 (level 3, 3 credits)\n"
            "  IOT-ICS-U10 (level 3, 3 credits)\n"
            "certifications:\n"
            "  " + first_record.substr(0, 12) +
                " o1 certificate 1X-IOT-IDO: level 3, 6 credits, not counted: same qualification as o2 "
                "(until 2027-06-01)\n"
            "  " + retaken.substr(0, 12) + " o2 certificate 1X-IOT-IDO: level 3, 6 credits, valid (until 2028-06-01)\n"
            "decisions:\n"
            "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n"
            "  " + StringMember(*c1, "id").substr(0, 12) + " CQEIT-510102 2025-09-10: 4 credits (IOT202)\n");
}

// A run certifies every copy of a qualification and counts one; the account counts one too, but on its
// own date: once the counted copy has expired, another copy still valid counts instead. E1's first
// prize (8 credits, until 2025-06-01) counts in the run of 2024-12-01 over the second prize of the same
// competition and tier (6 credits, until 2028-06-01); from 2025-06-01 the second prize counts.
TEST_F(BankFlowTest, WhenTheCountedCopyExpiresAnotherCopyCounts) {
  const std::filesystem::path prizes = dir_ / "prizes.jsonl";
  {
    std::ofstream out(prizes);
    out << R"({"learner_id": "E1", "name": "Chen Jie 陈杰", "outcomes": [)"
           R"({"id": "p1", "kind": "award", "code": "NVSC-IOT", "tier": "national", "rank": "first", )"
           R"("date": "2021-06-01"}, {"id": "p2", "kind": "award", "code": "NVSC-IOT", "tier": "national", )"
           R"("rank": "second", "date": "2024-06-01"}]})" << "\n";
  }
  ASSERT_EQ(Run({"import", prizes.string(), "--rejects", (dir_ / "prizes-rejects.jsonl").string()}).exit_code, 0);
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2024-12-01", "--rejects", RejectsFile()}).exit_code, 0);
  EXPECT_EQ(CountedOn("E1", "2025-01-01"), "p1 null true; p2 \"p1\" false; valid 8, expired 0");
  EXPECT_EQ(CountedOn("E1", "2025-06-01"), "p1 \"p2\" false; p2 null true; valid 6, expired 0");
}

// The account agrees with the latest decision: C1's retake o2, dated before o1 (so valid a shorter
// time: until 2027-01-01 against 2027-06-01), is all that an application decides on (convert --input
// names only o2), and that decision counts o2. The account counts o2 too, though CountsBefore alone
// would pick the first run's o1.
TEST_F(BankFlowTest, TheAccountCountsTheCopyTheLatestRunCounted) {
  const std::filesystem::path application = C1Retake("2024-01-01");
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-10", "--input", application.string(),
                 "--rejects", (dir_ / "application-rejects.jsonl").string()})
                .exit_code,
            0);
  EXPECT_EQ(CountedOn("C1", "2025-09-10"), "o1 \"o2\" false; o2 null true; valid 6, expired 0");
}

// A revoked record stands for its outcome as the latest: the outcome counts for nothing, and the
// earlier record of it does not come back. Nor does a later run certify the outcome again
// (docs/conversion.md "Revoked certifications").
TEST_F(BankFlowTest, RevokingTheLatestCertificationOfAnOutcomeStopsItCounting) {
  StatusOr<json::Value> c1 = ConvertC1Again("2025-09-10");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  auto certifications = [&]() {
    StatusOr<json::Value> a = json::Parse(Run({"account", "C1", "--date", "2025-09-20", "--json"}).out);
    if (!a.ok()) return a.status().ToString();
    std::string shown;
    for (const json::Value& c : a->Find("certifications")->items()) {
      shown += StringMember(c, "record").substr(0, 8) + " revoked " + json::Write(*c.Find("revoked")) + "; ";
    }
    return shown + "valid " + json::Write(*a->Find("valid"));
  };
  const std::string second = C1CertificationRecord(0);
  ASSERT_NE(second, certification_);
  // The first run's certification of o1 is not its latest: revoking it withdraws nothing, and says so.
  CliResult older = Run({"revoke", certification_, "--reason", "issued in error"});
  ASSERT_EQ(older.exit_code, 0) << older.err;
  EXPECT_EQ(Lines(older.out)[2], "outcome o1 not withdrawn: the later certification " + second +
                                     " of 2025-09-10 stands for it; revoke that one to withdraw the outcome");
  EXPECT_EQ(certifications(), certification_.substr(0, 8) + " revoked true; " + second.substr(0, 8) +
                                  " revoked false; valid 6");
  EXPECT_EQ(Lines(Run({"explain", certification_}).out)[3],
            "outcome o1 not withdrawn: the later certification " + second +
                " of 2025-09-10 stands for it; revoke that one to withdraw the outcome (docs/conversion.md)");
  ASSERT_EQ(Run({"revoke", second, "--reason", "issued in error"}).exit_code, 0);
  const std::string both_revoked =
      certification_.substr(0, 8) + " revoked true; " + second.substr(0, 8) + " revoked true; valid 0";
  EXPECT_EQ(certifications(), both_revoked);
  StatusOr<json::Value> again = ConvertC1Again("2025-09-20");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(certifications(), both_revoked);
  EXPECT_EQ(StringMember((*again->Find("body")->Find("certifications")).items()[0], "reason"), "revoked");
}

// Revoked in the other order, the latest certification first, the earlier one's revocation finds the
// outcome withdrawn already, and says so.
TEST_F(BankFlowTest, RevokingAnEarlierCertificationAfterTheLatestFindsTheOutcomeWithdrawn) {
  StatusOr<json::Value> c1 = ConvertC1Again("2025-09-10");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  const std::string latest = C1CertificationRecord(0);
  // Of the two decisions that exempted a course with o1, the first run's is revoked already: the
  // revocation names the other one only.
  ASSERT_EQ(Run({"revoke", conversions_[0], "--reason", "issued in error"}).exit_code, 0);
  CliResult first = Run({"revoke", latest, "--reason", "forged"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(Lines(first.out)[2], "outcome o1 withdrawn: no later run certifies it again; convert over the bank's "
                                 "learners decides the learner anew");
  EXPECT_EQ(Lines(first.out)[3], "decisions that used it, which stand until revoked: " +
                                     StringMember(*c1, "id").substr(0, 12) + " (CQEIT-510102, 2025-09-10)");
  StatusOr<json::Value> said = RevokeAsJson(certification_, "forged");
  ASSERT_TRUE(said.ok()) << said.status().ToString();
  EXPECT_EQ(json::Write(*said->Find("withdrawn")), "\"o1\"");
  EXPECT_EQ(Compact(json::Write(*said->Find("later_certification"))),
            R"({"record":")" + latest + R"(","date":"2025-09-10","revoked":true})");
  EXPECT_EQ(json::Write(*said->Find("decisions_using")), "[]");  // named when the outcome was withdrawn
  EXPECT_EQ(Lines(Run({"explain", certification_}).out)[3],
            "outcome o1 withdrawn already: its later certification " + latest +
                " of 2025-09-10 was revoked (docs/conversion.md)");
}

// Revoking a forged certificate's certification withdraws the outcome: the revocation says so, a run
// over the bank's learners on the date it ran before decides C1 anew (and only C1), rejecting o1 as
// revoked, with no certification record; the account and explain show it.
TEST_F(BankFlowTest, ARevokedCertificationWithdrawsItsOutcome) {
  CliResult revoked = Run({"revoke", certification_, "--reason", "伪造证书 forged certificate"});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  std::vector<std::string> said = Lines(revoked.out);
  ASSERT_EQ(said.size(), 4u) << revoked.out;
  const std::string at = said[0].substr(said[0].find(" at ") + 4, 20);
  EXPECT_EQ(said[0], "revoked " + certification_ + " at " + at + " (status list index 0): 伪造证书 forged certificate");
  EXPECT_EQ(said[2], "outcome o1 withdrawn: no later run certifies it again; convert over the bank's learners "
                     "decides the learner anew");
  // The first run's decision exempted IOT202 with o1.
  EXPECT_EQ(said[3], "decisions that used it, which stand until revoked: " + conversions_[0].substr(0, 12) +
                         " (CQEIT-510102, 2025-09-01)");
  // A decision withdraws nothing.
  StatusOr<json::Value> decision = RevokeAsJson(conversions_[1], "issued in error");
  ASSERT_TRUE(decision.ok()) << decision.status().ToString();
  EXPECT_EQ(json::Write(*decision->Find("withdrawn")), "null");
  EXPECT_EQ(json::Write(*decision->Find("later_certification")), "null");
  EXPECT_EQ(json::Write(*decision->Find("decisions_using")), "[]");

  StatusOr<json::Value> c1 = DecideC1Anew({"--json"});
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  StatusOr<json::Value> summary = json::Parse(anew_.out);
  ASSERT_TRUE(summary.ok()) << anew_.out;
  // Over the whole run: the first part's 2 learners and 3 records, then C1's new decision, its one
  // record (no certification of o1).
  EXPECT_EQ(json::Write(*summary->Find("learners")), "3");
  EXPECT_EQ(json::Write(*summary->Find("records_signed")), "4");
  EXPECT_EQ(json::Write(*summary->Find("records_new")), "4");
  const std::string detail = "certification " + certification_ + " was revoked at " + at;
  EXPECT_EQ(Compact(json::Write(*c1->Find("body")->Find("certifications"))),
            R"([{"detail":")" + detail + R"(","outcome":"o1","reason":"revoked","status":"rejected"}])");
  EXPECT_EQ(json::Write(*c1->Find("body")->Find("granted")), "0");
  const std::string redecided = StringMember(*c1, "id");
  EXPECT_EQ(Run({"account", "C1", "--date", "2025-09-01"}).out,
            C1AccountWithoutItsCertification("1 outcome imported", "revoked", redecided));
  CliResult explained = Run({"explain", redecided});
  EXPECT_EQ(Lines(explained.out)[6], "  o1: not certified (revoked): " + detail);
  const std::vector<std::string> revoked_record = Lines(Run({"explain", certification_}).out);
  ASSERT_GE(revoked_record.size(), 4u);
  EXPECT_EQ(revoked_record[2], "REVOKED at " + at + ": 伪造证书 forged certificate");
  EXPECT_EQ(revoked_record[3], "outcome o1 withdrawn: no later run certifies it again (docs/conversion.md)");
  StatusOr<json::Value> revoked_json = json::Parse(Run({"explain", certification_, "--json"}).out);
  ASSERT_TRUE(revoked_json.ok());
  EXPECT_EQ(json::Write(*revoked_json->Find("withdrawn")), "\"o1\"");
  EXPECT_EQ(json::Write(*revoked_json->Find("later_certification")), "null");
  // Nothing changed since: a third run decides nothing (the file keeps its three decisions).
  EXPECT_TRUE(DecideC1Anew().ok());
}

// An application (convert --input) that listed o1 again as o9 before the revocation has a certification
// of o9; once o1 is withdrawn, that certification stops counting too, and export refuses it.
TEST_F(BankFlowTest, AWithdrawnOutcomeStopsCountingUnderEveryId) {
  const std::filesystem::path application = C1ListingO1AsO9();
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-10", "--input", application.string(),
                 "--rejects", (dir_ / "application-rejects.jsonl").string()})
                .exit_code,
            0);
  EXPECT_EQ(CountedOn("C1", "2025-09-10"), "o1 \"o9\" false; o9 null true; valid 6, expired 0");
  const std::string o9 = C1CertificationRecord(1);
  ASSERT_EQ(Run({"revoke", certification_, "--reason", "forged"}).exit_code, 0);
  EXPECT_EQ(CountedOn("C1", "2025-09-10"), "o1 null false; o9 null false; valid 0, expired 0");
  EXPECT_EQ(Lines(Run({"account", "C1", "--date", "2025-09-10"}).out)[8],
            "  " + o9.substr(0, 12) +
                " o9 certificate 1X-IOT-IDO: level 3, 6 credits, not counted: withdrawn with o1 (until 2027-06-01)");
  CliResult vc = Run({"export", o9});
  EXPECT_EQ(vc.exit_code, 2);
  EXPECT_EQ(vc.err, "creditbank export: record " + o9.substr(0, 12) +
                        "…: not counted: the same outcome as o1, whose certification was revoked "
                        "(docs/conversion.md)\n");
}

// An application (convert --input) cannot bring a withdrawn outcome back, not even under another id;
// an outcome that differs (a corrected score, imported under o1) is certified as usual.
TEST_F(BankFlowTest, AnApplicationCannotBringBackAWithdrawnOutcome) {
  StatusOr<json::Value> revocation = RevokeAsJson(certification_, "forged");
  ASSERT_TRUE(revocation.ok()) << revocation.status().ToString();
  const std::filesystem::path application = C1ListingO1AsO9();
  const std::filesystem::path decisions = dir_ / "application-decisions.jsonl";
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-10", "--input", application.string(),
                 "--output", decisions.string(), "--rejects", (dir_ / "application-rejects.jsonl").string()})
                .exit_code,
            0);
  StatusOr<json::Value> decided = json::Parse(ReadFile(decisions));
  ASSERT_TRUE(decided.ok());
  const json::Value& o9 = decided->Find("body")->Find("certifications")->items()[0];
  EXPECT_EQ(StringMember(o9, "reason"), "revoked");
  EXPECT_EQ(StringMember(o9, "detail"),
            "certification " + certification_ + " was revoked at " + StringMember(*revocation, "revoked_at"));

  const std::filesystem::path corrected = C1WithScore(85);
  const std::filesystem::path corrected_decisions = dir_ / "corrected-decisions.jsonl";
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-10", "--input", corrected.string(),
                 "--output", corrected_decisions.string(), "--rejects", (dir_ / "corrected-rejects.jsonl").string()})
                .exit_code,
            0);
  decided = json::Parse(ReadFile(corrected_decisions));
  ASSERT_TRUE(decided.ok());
  EXPECT_EQ(Compact(json::Write(*decided->Find("body")->Find("exemptions"))),
            R"([{"course":"IOT202","credits":4,"outcomes":["o1"],"path":[],"rule":"CNV-510102-001"}])");
  EXPECT_EQ(CountedOn("C1", "2025-09-10"), "o1 null false; o1 null true; valid 6, expired 0");
}

// A left-out grade is the certificate's only grade under the rule set that certified it, in the account
// too: SS-CABLING without a grade (o2) and with 合格 (o1) are one qualification under rule set 1, which
// counts o2 (equal results, the later date). Rule set 2 gives the certificate a second grade, 优秀 (and
// its rule the grade 合格), so o2 is then unknown to the run of rule set 2, which certifies o1 alone and
// counts it; the account counts one of the two, o1 as the latest run did, 2 credits, not 4.
TEST_F(BankFlowTest, ALeftOutGradeIsReadUnderTheRuleSetThatCertifiedIt) {
  const std::filesystem::path skills = dir_ / "skills.jsonl";
  {
    std::ofstream out(skills);
    out << R"({"learner_id": "T1", "name": "Tian 田", "outcomes": [)"
           R"({"id": "o1", "kind": "certificate", "code": "SS-CABLING", "grade": "合格", "awarding_body": "CQ-HRSS", )"
           R"("date": "2025-03-01"}, {"id": "o2", "kind": "certificate", "code": "SS-CABLING", )"
           R"("awarding_body": "CQ-HRSS", "date": "2025-06-01"}]})" << "\n";
  }
  ASSERT_EQ(Run({"import", skills.string(), "--rejects", (dir_ / "skills-rejects.jsonl").string()}).exit_code, 0);
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-10", "--rejects", RejectsFile()}).exit_code, 0);
  ASSERT_NO_FATAL_FAILURE(LoadRulesWithASecondCablingGrade());
  ASSERT_EQ(Run({"convert", "--programme", "CQEIT-510102", "--date", "2025-09-20", "--rejects", RejectsFile()}).exit_code, 0);
  EXPECT_EQ(CountedOn("T1", "2025-09-20"), "o1 null true; o2 \"o1\" false; valid 2, expired 0");
}

// `lookup` answers under the rule set the bank converts with, and says so: once rule set 2 gives
// SS-CABLING a second grade (优秀, which its rule does not name), a look-up in the bank (--db, or
// $CREDITBANK_DB) shows both grades and names version 2; the shipped rules (--rules, or no bank named)
// have one grade; after init loads the shipped rules again, the bank answers with version 1.
TEST_F(BankFlowTest, LookupAnswersUnderTheRuleSetTheBankConvertsWith) {
  ASSERT_NO_FATAL_FAILURE(LoadRulesWithASecondCablingGrade());
  ASSERT_NE(rules2_hash_, ShippedHash());
  const std::string head =
      "certificate SS-CABLING 综合布线 (Structured Cabling)\n"
      "scheme special-skill, awarding body CQ-HRSS 重庆市人力资源和社会保障局（职业技能等级认定） "
      "(Chongqing Municipal Human Resources and Social Security Bureau (skill level assessment))\n";
  const std::string recognised =
      "\nrecognition on 2025-09-01:\n"
      "  form             rule            level  credits  units        validity   conditions\n"
      "  SS-CABLING 合格  REC-SS-CABLING  1      2        IOT-ICS-U03  no expiry  body CQ-HRSS\n";
  const std::string two_grades = head + "grades 合格 (level 1), 优秀 (level 2)\n" + recognised +
                                 "  SS-CABLING 优秀: not certified: no-rule: no recognition rule matches certificate "
                                 "SS-CABLING 优秀\n";
  const std::string one_grade = head + "grades 合格 (level 1)\n" + recognised;
  const std::vector<std::string> query = {"lookup", "certificate", "SS-CABLING", "--date", "2025-09-01"};
  auto with = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = query;
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
  };

  CliResult in_bank = RunCli(with({"--db", db_}));
  EXPECT_EQ(in_bank.exit_code, 0) << in_bank.err;
  EXPECT_EQ(in_bank.out, "rules of the bank " + db_ + ": rule set version 2 (" + rules2_hash_.substr(0, 12) +
                             "…)\n\n" + two_grades);
  EXPECT_EQ(RunCli(query, {"CREDITBANK_DB=" + db_}).out, in_bank.out);
  CliResult as_json = RunCli(with({"--db", db_, "--json"}));
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  StatusOr<json::Value> v = json::Parse(as_json.out);
  ASSERT_TRUE(v.ok()) << as_json.out;
  EXPECT_EQ(Compact(json::Write(*v->Find("rule_set"))),
            R"({"bank":")" + db_ + R"(","version":2,"hash":")" + rules2_hash_ + R"("})");

  // The shipped rules: no bank named, or --rules or $CREDITBANK_RULES even with $CREDITBANK_DB set; not
  // both options.
  EXPECT_EQ(RunCli(query).out, one_grade);
  EXPECT_EQ(RunCli(with({"--rules", "rules"}), {"CREDITBANK_DB=" + db_}).out, one_grade);
  EXPECT_EQ(RunCli(query, {"CREDITBANK_DB=" + db_, "CREDITBANK_RULES=rules"}).out, one_grade);
  CliResult no_rules_json = RunCli(with({"--json"}));
  ASSERT_EQ(no_rules_json.exit_code, 0);
  EXPECT_EQ(json::Parse(no_rules_json.out)->Find("rule_set"), nullptr);
  CliResult both = RunCli(with({"--db", db_, "--rules", "rules"}));
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_EQ(both.err.substr(0, both.err.find('\n')),
            "creditbank lookup: give --rules or --db, not both: each names the rules to use");
  CliResult no_bank = RunCli(with({"--db", (dir_ / "none.db").string()}));
  EXPECT_EQ(no_bank.exit_code, 2);
  EXPECT_EQ(no_bank.err,
            "creditbank lookup: " + (dir_ / "none.db").string() + ": no bank here (run creditbank init)\n");
  // $CREDITBANK_DB naming a bank not made yet: the shipped rules.
  CliResult no_env_bank = RunCli(query, {"CREDITBANK_DB=" + (dir_ / "none.db").string()});
  EXPECT_EQ(no_env_bank.exit_code, 0) << no_env_bank.err;
  EXPECT_EQ(no_env_bank.out, one_grade);
  // $CREDITBANK_DB naming a file that is not a bank: named as the variable's, with the way round it.
  const std::string not_bank = (dir_ / "notes.txt").string();
  {
    std::ofstream notes(not_bank);
    notes << "not a bank, but a file long enough to have a header that SQLite reads as one............\n";
  }
  CliResult env_not_bank = RunCli(query, {"CREDITBANK_DB=" + not_bank});
  EXPECT_EQ(env_not_bank.exit_code, 2);
  EXPECT_EQ(env_not_bank.out, "");
  EXPECT_EQ(env_not_bank.err, "creditbank lookup: $CREDITBANK_DB: " + not_bank +
                                  ": not a bank: not an SQLite database; or give --rules DIR to look up without a "
                                  "bank\n");

  ASSERT_EQ(Run({"init", "--rules", "rules"}).exit_code, 0);
  EXPECT_EQ(RunCli(with({"--db", db_})).out,
            "rules of the bank " + db_ + ": rule set version 1 (" + ShippedHash().substr(0, 12) + "…)\n\n" + one_grade);
}

// The run of a date that has converted the bank's learners meets a learner again once an import has
// corrected it: run again, it decides that learner anew, and only that one.
TEST_F(BankFlowTest, ARunOfTheSameDateDecidesACorrectedLearnerAgain) {
  // C1's score corrected to 55, under the 60 that REC-1X-IOT-IDO-M asks.
  const std::filesystem::path corrected = C1WithScore(55);
  ASSERT_EQ(Run({"import", corrected.string(), "--rejects", (dir_ / "corrected-rejects.jsonl").string()}).exit_code, 0);
  StatusOr<json::Value> c1 = DecideC1Anew();
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  EXPECT_EQ(Compact(json::Write(*c1->Find("body")->Find("certifications"))),
            R"([{"detail":"rule REC-1X-IOT-IDO-M requires a score of at least 60; got 55","outcome":"o1",)"
            R"("reason":"below-min-score","status":"rejected"}])");
  EXPECT_EQ(json::Write(*c1->Find("body")->Find("granted")), "0");
  EXPECT_EQ(Run({"account", "C1", "--date", "2025-09-01"}).out,
            C1AccountWithoutItsCertification("1 outcome imported (1 earlier version replaced by a later import)",
                                             "superseded", StringMember(*c1, "id")));
  // Nothing changed since: a third run decides nothing (the file keeps its three decisions).
  EXPECT_TRUE(DecideC1Anew().ok());
}

// A bank file put back from before a revocation verifies on its own: its ledger, checkpoints and
// frontier agree. A checkpoint kept outside the bank since (export --checkpoint) shows the cut.
TEST_F(BankFlowTest, ACheckpointKeptOutsideShowsABankPutBack) {
  const std::string before = (dir_ / "before-revoke.db").string();
  std::filesystem::copy_file(db_, before);
  ASSERT_EQ(Run({"revoke", certification_, "--reason", "withdrawn"}).exit_code, 0);
  const std::string note = (dir_ / "checkpoint.txt").string();
  CliResult exported = Run({"export", "--checkpoint", "--output", note});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const std::string text = ReadFile(note);
  // A signed note (records/checkpoint.h): the bank's origin, the tree size (three records and the
  // revocation), the root, the time, and the signature of the bank's key.
  const std::vector<std::string> lines = Lines(text);
  ASSERT_EQ(lines.size(), 6u) << text;  // the blank line before the signature is one of them
  EXPECT_EQ(lines[0].rfind("creditbank.local/ledger/", 0), 0u) << lines[0];
  EXPECT_EQ(lines[1], "4");
  EXPECT_EQ(lines[5].rfind("— " + key_.id + " ", 0), 0u) << lines[5];
  // With --json, the same note as a JSON string.
  CliResult as_json = Run({"export", "--checkpoint", "--json"});
  ASSERT_EQ(as_json.exit_code, 0) << as_json.err;
  StatusOr<json::Value> wrapped = json::Parse(as_json.out);
  ASSERT_TRUE(wrapped.ok()) << as_json.out;
  EXPECT_EQ(StringMember(*wrapped, "checkpoint"), text);
  CliResult held = Run({"verify", "--against", note});
  EXPECT_EQ(held.exit_code, 0) << held.out << held.err;
  EXPECT_NE(held.out.find("note " + note + ": the ledger holds the checkpoint of its first 4 leaves\n"),
            std::string::npos)
      << held.out;

  std::filesystem::copy_file(before, db_, std::filesystem::copy_options::overwrite_existing);
  CliResult alone = Run({"verify"});
  EXPECT_EQ(alone.exit_code, 0) << alone.out;
  CliResult against = Run({"verify", "--against", note});
  EXPECT_EQ(against.exit_code, 1);
  EXPECT_EQ(against.out, "FAIL " + note + ": the checkpoint covers 4 leaves, the ledger has 3: leaves were cut from "
                         "its end\n3 records: 3 valid (0 revoked), 1 problem; ledger of 3 leaves, root " +
                         root_.substr(0, 16) + "…, 1 checkpoint\nFAILED\n");

  // A bank whose ledger is still empty has no checkpoint to hand out.
  const std::string other = (dir_ / "other.db").string();
  ASSERT_EQ(RunCli({"init", "--db", other}).exit_code, 0);
  EXPECT_EQ(RunCli({"export", "--checkpoint", "--db", other}).err,
            "creditbank export: the ledger has no checkpoint yet\n");
}

TEST_F(BankFlowTest, AccountByIdOrPseudonymOnEitherSideOfExpiry) {
  const std::string valid =
      "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
      "on 2027-05-31: 6 credits valid, 0 expired; 1 outcome imported\n"
      "by level:\n"
      "  level 3: 6 valid, 0 expired\n"
      "units:\n"
      "  IOT-ICS-U01 (level 2, 2 credits)\n"
      "  IOT-ICS-U03 (level 3, 3 credits)\n"
      "  IOT-ICS-U10 (level 3, 3 credits)\n"
      "certifications:\n"
      "  " + certification_.substr(0, 12) + " o1 certificate 1X-IOT-IDO: level 3, 6 credits, valid (until 2027-06-01)\n"
      "decisions:\n"
      "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n";
  for (const std::string& learner : {std::string("C1"), kC1}) {
    CliResult r = Run({"account", learner, "--date", "2027-05-31"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, valid) << learner;
    EXPECT_EQ(r.err, "");
  }

  CliResult expired = Run({"account", "C1", "--date", "2027-06-01"});
  EXPECT_EQ(expired.exit_code, 0) << expired.err;
  EXPECT_EQ(expired.out,
            "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
            "on 2027-06-01: 0 credits valid, 6 expired; 1 outcome imported\n"
            "by level:\n"
            "  level 3: 0 valid, 6 expired\n"
            "units:\n"
            "  IOT-ICS-U01 (level 2, 2 credits) expired\n"
            "  IOT-ICS-U03 (level 3, 3 credits) expired\n"
            "  IOT-ICS-U10 (level 3, 3 credits) expired\n"
            "certifications:\n"
            "  " + certification_.substr(0, 12) +
                " o1 certificate 1X-IOT-IDO: level 3, 6 credits, expired (until 2027-06-01)\n"
            "decisions:\n"
            "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n");

  CliResult json = Run({"account", "C1", "--date", "2027-06-01", "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Compact(json.out),
            R"({"learner":")" + kC1 + R"(","learner_id":"C1","name":"张伟","date":"2027-06-01","outcomes":1,)"
            R"("corrected":0,)"
            R"("valid":0,"expired":6,"levels":[{"level":3,"valid":0,"expired":6}],)"
            R"("units":[{"code":"IOT-ICS-U01","level":2,"credits":2,"valid":false},)"
            R"({"code":"IOT-ICS-U03","level":3,"credits":3,"valid":false},)"
            R"({"code":"IOT-ICS-U10","level":3,"credits":3,"valid":false}],)"
            R"("certifications":[{"record":")" + certification_ +
                R"(","outcome":"o1","kind":"certificate","code":"1X-IOT-IDO",)"
            R"("rule":"REC-1X-IOT-IDO-M","date":"2025-09-01","level":3,"credits":6,)"
            R"("units":["IOT-ICS-U01","IOT-ICS-U03","IOT-ICS-U10"],"valid_until":"2027-06-01","valid":false,)"
            R"("revoked":false,"superseded":false,"same_qualification_as":null,"withdrawn_with":null}],)"
            R"("decisions":[{"record":")" +
                conversions_[0] +
                R"(","programme":"CQEIT-510102","date":"2025-09-01","granted":4,"courses":["IOT202"],)"
            R"("revoked":false}]})");

  CliResult none = Run({"account", "C3", "--date", "2026-11-30"});
  EXPECT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out,
            "learner C3 王芳, pseudonym 61510f7730ba…\n"
            "on 2026-11-30: 0 credits valid, 0 expired; 1 outcome imported\n"
            "by level:\n  none\nunits:\n  none\ncertifications:\n  none\n"
            "decisions:\n  " + conversions_[1].substr(0, 12) + " CQEIT-510102 2025-09-01: 0 credits\n");

  CliResult unknown = Run({"account", "C9"});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_EQ(unknown.out, "");
  EXPECT_EQ(unknown.err, "creditbank account: learner C9: not in this bank\n");
  CliResult bad_date = Run({"account", "C1", "--date", "2027-02-29"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_EQ(bad_date.err, "creditbank account: --date: expected a date YYYY-MM-DD, got \"2027-02-29\"\n");
}

TEST_F(BankFlowTest, ExplainGivesTheWholeReasoning) {
  const std::string by = ", decided 2025-09-01 under rule set " + rule_set_.substr(0, 12) + "…, issuer " + key_.id;
  CliResult c1 = Run({"explain", conversions_[0].substr(0, 8)});
  EXPECT_EQ(c1.exit_code, 0) << c1.err;
  EXPECT_EQ(c1.out,
            "conversion record " + conversions_[0] + "\n"
            "learner " + kC1 + by + ", leaf 1\n"
            "programme CQEIT-510102: granted 4 credits (cap 37.8)\n"
            "exemptions:\n"
            "  IOT202: 4 credits by rule CNV-510102-001 from o1\n"
            "certifications:\n"
            "  o1: certified: level 3, 6 credits by REC-1X-IOT-IDO-M, units IOT-ICS-U01, IOT-ICS-U03, IOT-ICS-U10, "
            "valid until 2027-06-01\n"
            "not used:\n"
            "  none\n"
            "not chosen:\n"
            "  IOT202 by EQ-UC-001 from o1 (course-taken): course IOT202 is exempted by CNV-510102-001\n"
            "  GP103 by EQ-UC-002 from o1 (used-elsewhere): outcome o1 is used by CNV-510102-001\n"
            "  IOT208 by EQ-UC-003 from o1 (used-elsewhere): outcome o1 is used by CNV-510102-001\n");

  CliResult certification = Run({"explain", certification_});
  EXPECT_EQ(certification.exit_code, 0) << certification.err;
  EXPECT_EQ(certification.out,
            "certification record " + certification_ + "\n"
            "learner " + kC1 + by + ", leaf 0\n"
            "outcome o1: certificate 1X-IOT-IDO 中级, score 80, dated 2024-06-01\n"
            "certified: level 3, 6 credits by REC-1X-IOT-IDO-M, units IOT-ICS-U01, IOT-ICS-U03, IOT-ICS-U10, "
            "valid until 2027-06-01\n");

  CliResult c3 = Run({"explain", conversions_[1].substr(0, 12)});
  EXPECT_EQ(c3.exit_code, 0) << c3.err;
  const std::string no_rule = "no recognition rule matches award NVSC-IOT national merit";
  EXPECT_EQ(c3.out,
            "conversion record " + conversions_[1] + "\n"
            "learner " + kC3 + by + ", leaf 2\n"
            "programme CQEIT-510102: granted 0 credits (cap 37.8)\n"
            "exemptions:\n  none\n"
            "certifications:\n  o1: not certified (no-rule): " + no_rule + "\n"
            "not used:\n  o1 (no-rule): " + no_rule + "\n"
            "not chosen:\n  none\n");

  CliResult json = Run({"explain", conversions_[1], "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Compact(json.out),
            R"({"record":")" + conversions_[1] + R"(","type":"conversion","learner":")" + kC3 +
                R"(","date":"2025-09-01","rule_set":")" + rule_set_ + R"(","rules":[],"issuer":")" + key_.id +
                R"(","leaf_index":2,"revoked":null,"superseded":false,"withdrawn":null,"later_certification":null,)"
                R"("body":{"cap":37.8,"certifications":[{"detail":")" + no_rule +
                R"(","outcome":"o1","reason":"no-rule","status":"rejected"}],"date":"2025-09-01","exemptions":[],)"
                R"("granted":0,"not_chosen":[],"not_used":[{"detail":")" + no_rule +
                R"(","outcome":"o1","reason":"no-rule"}],"programme":"CQEIT-510102","rule_set":")" + rule_set_ +
                R"("}})");

  CliResult short_prefix = Run({"explain", "fd7"});
  EXPECT_EQ(short_prefix.exit_code, 2);
  EXPECT_EQ(short_prefix.err,
            "creditbank explain: record \"fd7\": give at least 4 lowercase hex characters of the id\n");
}

TEST_F(BankFlowTest, VerifyARecordsFileNamesTheLineAtFault) {
  const std::string decisions = (dir_ / "decisions.jsonl").string();
  CliResult ok = Run({"verify", decisions});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_EQ(ok.out, "2 records: 2 valid (0 revoked), 0 problems\nOK\n");

  // C1's decision with one more credit granted: its id no longer matches its content.
  std::vector<std::string> lines = Lines(ReadFile(decisions));
  const std::string edited = (dir_ / "edited.jsonl").string();
  {
    std::ofstream out(edited);
    out << std::regex_replace(lines[0], std::regex("\"granted\":4"), "\"granted\":5") << "\n" << lines[1] << "\n";
  }
  CliResult bad = Run({"verify", edited});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_EQ(bad.out, "FAIL " + edited + ":1: record " + conversions_[0].substr(0, 12) +
                         "…: id does not match its content\n2 records: 1 valid (0 revoked), 1 problem\nFAILED\n");

  CliResult whole = Run({"verify"});
  EXPECT_EQ(whole.exit_code, 0) << whole.err;
  EXPECT_EQ(whole.out,
            "3 records: 3 valid (0 revoked), 0 problems; ledger of 3 leaves, root " + root_.substr(0, 16) +
                "…, 1 checkpoint\nOK\n");

  CliResult missing = Run({"verify", (dir_ / "none.jsonl").string()});
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_EQ(missing.err, "creditbank verify: " + (dir_ / "none.jsonl").string() +
                             ": cannot open: No such file or directory\n");
  // A directory opens as a stream and reads as empty: "0 records, OK" would pass it.
  CliResult directory = Run({"verify", dir_.string()});
  EXPECT_EQ(directory.exit_code, 2);
  EXPECT_EQ(directory.out, "");
  EXPECT_EQ(directory.err, "creditbank verify: " + dir_.string() + ": cannot open: Is a directory\n");
}

// A run goes on writing the files it started with: another --output would hold only what it decides
// from here on, or nothing for a run that is complete, and no file would hold every decision.
TEST_F(BankFlowTest, ARunIsResumedOnlyWithTheFilesItStartedWith) {
  const std::string decisions = (dir_ / "decisions.jsonl").string();
  const std::vector<std::string> again = {"convert", "--programme", "CQEIT-510102", "--date", "2025-09-01"};
  std::vector<std::string> elsewhere = again;
  elsewhere.insert(elsewhere.end(), {"--output", (dir_ / "other.jsonl").string()});
  CliResult moved = Run(elsewhere);
  EXPECT_EQ(moved.exit_code, 2);
  EXPECT_EQ(moved.out, "");
  EXPECT_EQ(moved.err, "creditbank convert: the run of CQEIT-510102 on 2025-09-01 wrote its decisions to " +
                           decisions + "; give --output " + decisions + " (or give another --date, for a new run)\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "other.jsonl"));
  EXPECT_EQ(Run(again).err, moved.err);  // without --output
  std::vector<std::string> same = again;
  same.insert(same.end(), {"--output", decisions});
  CliResult resumed = Run(same);
  EXPECT_EQ(resumed.exit_code, 0) << resumed.err;
  EXPECT_EQ(Lines(ReadFile(dir_ / "decisions.jsonl")).size(), 2u);
  // The same file through a symbolic link to its directory is the same file.
  std::filesystem::create_directory_symlink(dir_, dir_ / "link");
  std::vector<std::string> linked = again;
  linked.insert(linked.end(), {"--output", (dir_ / "link" / "decisions.jsonl").string()});
  EXPECT_EQ(Run(linked).exit_code, 0);
  // A run started without --output writes no decisions file, and is not given one later.
  std::vector<std::string> quiet = {"convert", "--programme", "CQEIT-510102", "--date", "2025-09-02", "--rejects",
                                    (dir_ / "quiet.rejects.jsonl").string()};
  ASSERT_EQ(Run(quiet).exit_code, 0);
  quiet.insert(quiet.end(), {"--output", (dir_ / "late.jsonl").string()});
  CliResult late = Run(quiet);
  EXPECT_EQ(late.exit_code, 2);
  EXPECT_EQ(late.err, "creditbank convert: the run of CQEIT-510102 on 2025-09-02 was started without --output: it "
                      "writes no decisions file; run it without --output (or give another --date, for a new run)\n");
  // A relative --output names the same file when the run is given it again (the file exists by then),
  // from the same directory or, by another relative path, from another.
  const std::vector<std::string> relative = {"convert", "--programme", "CQEIT-510102", "--date", "2025-09-03",
                                             "--db", db_, "--output", "relative.jsonl"};
  ASSERT_EQ(RunCli(relative, {}, dir_.string()).exit_code, 0);
  CliResult relative_again = RunCli(relative, {}, dir_.string());
  EXPECT_EQ(relative_again.exit_code, 0) << relative_again.err;
  std::filesystem::create_directory(dir_ / "sub");
  std::vector<std::string> from_sub = relative;
  from_sub.back() = "../relative.jsonl";
  CliResult sub = RunCli(from_sub, {}, (dir_ / "sub").string());
  EXPECT_EQ(sub.exit_code, 0) << sub.err;
  // A run state kept by an earlier build holds the relative path as given: it names the file it resolves
  // to from the working directory.
  const std::string absolute = (dir_ / "relative.jsonl").string();
  ASSERT_EQ(store::testing::ExecOn(db_, "UPDATE runs SET state = replace(state, '\"output_file\":\"" + absolute +
                                            "\"', '\"output_file\":\"relative.jsonl\"') "
                                            "WHERE instr(state, 'relative.jsonl') > 0"),
            1);
  CliResult kept_relative = RunCli(relative, {}, dir_.string());
  EXPECT_EQ(kept_relative.exit_code, 0) << kept_relative.err;
  CliResult elsewhere_relative = RunCli(relative, {}, (dir_ / "sub").string());
  EXPECT_EQ(elsewhere_relative.exit_code, 2);
  // From another directory the kept path names another file, which does not hold what the run wrote.
  EXPECT_EQ(elsewhere_relative.err, "creditbank convert: relative.jsonl has 0 bytes but the run being resumed wrote "
                                    "2302 to it; give the same --output and --rejects as the first run\n");
}

// The ledger's last leaf deleted with the checkpoint that covers it: the two leaves left are covered by
// no checkpoint, and the frontier convert keeps beside the ledger, and the record id runs, still name
// three.
TEST_F(BankFlowTest, VerifyNamesALedgerCutShortWithItsCheckpoint) {
  ASSERT_EQ(store::testing::ExecOn(db_, "DELETE FROM records WHERE leaf_index >= 2;"
                                        "DELETE FROM checkpoints WHERE tree_size > 2"),
            1);
  CliResult json_out = Run({"verify", "--json"});
  EXPECT_EQ(json_out.exit_code, 1);
  StatusOr<json::Value> report = json::Parse(json_out.out);
  ASSERT_TRUE(report.ok()) << json_out.out;
  const std::string root = StringMember(*report, "root");
  CliResult cut = Run({"verify"});
  EXPECT_EQ(cut.exit_code, 1);
  EXPECT_EQ(cut.out, "FAIL ledger: 2 leaves after the last checkpoint, which no signed checkpoint covers\n"
                     "FAIL ledger frontier: covers 3 leaves, the ledger has 2\n"
                     "FAIL leaf 2: listed in the record id runs but not stored\n"
                     "2 records: 2 valid (0 revoked), 3 problems; ledger of 2 leaves, root " + root.substr(0, 16) +
                         "…, 0 checkpoints\nFAILED\n");
}

// A revocation moved to another record's bit in the status list, and one naming no record of the bank.
// Each is also not what the signed revocation records in the ledger state.
TEST_F(BankFlowTest, VerifyNamesARevocationThatIsNotItsRecords) {
  StatusOr<json::Value> revocation = RevokeAsJson(certification_, "withdrawn");
  ASSERT_TRUE(revocation.ok()) << revocation.status().ToString();
  const std::string statement = StringMember(*revocation, "revocation_record");
  ASSERT_EQ(store::testing::ExecOn(db_, "UPDATE revocations SET status_index = 2;"
                                        "INSERT INTO revocations VALUES ('feed', 'none', '2026-01-01T00:00:00Z', 5)"),
            1);
  const std::string root = StringMember(*json::Parse(Run({"verify", "--json"}).out), "root");
  CliResult verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(MaskTimes(verify.out),
            "FAIL leaf 0 (record " + certification_.substr(0, 12) +
                "…): revocation has status index 2, not the record's leaf index 0\n"
                "FAIL revocation of record " + certification_.substr(0, 12) +
                "…: its status index differs from its signed statement at leaf 3 (record " + statement.substr(0, 12) +
                "…)\n"
                "FAIL revocation of record feed (status index 5): the record is not in this bank's ledger\n"
                "FAIL revocation of record feed (status index 5): no revocation record in the ledger states it\n"
                "note leaf 0 (record " + certification_.substr(0, 12) + "…): revoked at TIME: withdrawn\n"
                "4 records: 4 valid (1 revoked), 4 problems; ledger of 4 leaves, root " + root.substr(0, 16) +
                "…, 2 checkpoints\nFAILED\n");

  // The revocation row deleted, which would make the record valid again: its signed statement stays.
  ASSERT_EQ(store::testing::ExecOn(db_, "DELETE FROM revocations"), 2);
  CliResult deleted = Run({"verify"});
  EXPECT_EQ(deleted.exit_code, 1);
  EXPECT_EQ(deleted.out, "FAIL leaf 3 (record " + statement.substr(0, 12) + "…): states the revocation of record " +
                             certification_.substr(0, 12) +
                             "…, which the bank does not hold: its revocation was deleted\n"
                             "4 records: 4 valid (0 revoked), 1 problem; ledger of 4 leaves, root " +
                             root.substr(0, 16) + "…, 2 checkpoints\nFAILED\n");
}

TEST_F(BankFlowTest, ExportRevokeAndTheStatusList) {
  const std::string vc_path = (dir_ / "c1.json").string();
  CliResult exported = Run({"export", conversions_[0], "--format", "vc", "--output", vc_path});
  EXPECT_EQ(exported.exit_code, 0) << exported.err;
  EXPECT_EQ(exported.out, "");
  StatusOr<json::Value> vc = json::Parse(ReadFile(vc_path));
  ASSERT_TRUE(vc.ok());
  StatusOr<records::VerifiedCredential> verified = records::VerifyAchievementCredential(*vc);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->issuer, "did:key:" + key_.multikey);
  // The ledger's status list URL is the bank's own; the list credential names it too.
  std::smatch ledger;
  const std::string vc_text = json::Write(*vc);
  ASSERT_TRUE(std::regex_search(vc_text, ledger, std::regex("https://creditbank.local/ledger/[0-9a-f]{16}")));
  const std::string list = ledger.str() + "/status/revocation";
  const std::string name = "物联网应用技术 学分转换 (Internet of Things Application Technology credit conversion)";
  json::Value unsigned_vc = *vc;
  std::erase_if(unsigned_vc.members(), [](const json::Value::Member& m) { return m.first == "proof"; });
  EXPECT_EQ(json::Write(unsigned_vc),
            R"({"@context":["https://www.w3.org/ns/credentials/v2",)"
            R"("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],)"
            R"("id":"urn:creditbank:record:)" + conversions_[0] +
                R"(","type":["VerifiableCredential","OpenBadgeCredential"],)"
            R"("issuer":{"id":"did:key:)" + key_.multikey + R"(","type":["Profile"],"name":"creditbank"},)"
            R"("validFrom":"2025-09-01T00:00:00Z","name":")" + name + R"(",)"
            R"("credentialSubject":{"type":["AchievementSubject"],"identifier":[{"type":"IdentityObject",)"
            R"("identityHash":")" + kC1 + R"(","identityType":"identifier","hashed":true}],)"
            R"("achievement":{"id":"urn:creditbank:achievement:CQEIT-510102","type":["Achievement"],)"
            R"("achievementType":"ext:CreditConversion","name":")" + name + R"(",)"
            R"j("description":"免修课程: IOT202 (4) (Exempted courses: IOT202 (4))",)j"
            R"("criteria":{"narrative":"Certified by the credit bank under its recognition rules (学分银行认定)."},)"
            R"("humanCode":"CQEIT-510102","creditsAvailable":4},"creditsEarned":4},)"
            R"("credentialStatus":{"id":")" + list + R"(#1","type":"BitstringStatusListEntry",)"
            R"("statusPurpose":"revocation","statusListIndex":"1","statusListCredential":")" + list + R"("}})");
  // Exported before the revocation below.
  CliResult certification_vc = Run({"export", certification_});
  EXPECT_EQ(certification_vc.exit_code, 0) << certification_vc.err;
  const std::string certification_vc_path = (dir_ / "certification.json").string();
  {
    std::ofstream out(certification_vc_path);
    out << certification_vc.out;
  }
  // `verify` takes a credential as it takes a record: its proof, its issuer one of the bank's keys.
  CliResult vc_ok = Run({"verify", vc_path});
  EXPECT_EQ(vc_ok.exit_code, 0) << vc_ok.err;
  EXPECT_EQ(vc_ok.out, "1 record: 1 valid (0 revoked), 0 problems\nOK\n");
  const std::string edited_path = (dir_ / "edited.json").string();
  {
    std::ofstream out(edited_path);
    out << std::regex_replace(ReadFile(vc_path), std::regex("\"creditsEarned\": 4"), "\"creditsEarned\": 40");
  }
  CliResult edited = Run({"verify", edited_path});
  EXPECT_EQ(edited.exit_code, 1);
  EXPECT_EQ(edited.out, "FAIL " + edited_path + ":1: credential: eddsa-jcs-2022: signature does not verify\n"
                        "1 record: 0 valid (0 revoked), 1 problem\nFAILED\n");
  // The same credential issued by a key the bank does not hold: its proof verifies, its issuer is not ours.
  const std::unique_ptr<records::Signer> stranger = records::MakeFixedKeySigner("not this bank");
  const std::string stranger_did = records::DidKeyFromEd25519(stranger->public_key().raw());
  json::Value forged = unsigned_vc;
  json::Value issuer = *unsigned_vc.Find("issuer");
  issuer.Set("id", json::Value::String(stranger_did));
  forged.Set("issuer", std::move(issuer));
  StatusOr<json::Value> signed_forged = records::AddProof(forged, *stranger, records::ProofOptions());
  ASSERT_TRUE(signed_forged.ok()) << signed_forged.status().ToString();
  const std::string forged_path = (dir_ / "forged.json").string();
  {
    std::ofstream out(forged_path);
    out << json::Write(*signed_forged, 2) << "\n";
  }
  CliResult foreign = Run({"verify", forged_path});
  EXPECT_EQ(foreign.exit_code, 1);
  EXPECT_EQ(foreign.out, "FAIL " + forged_path + ":1: credential of record " + conversions_[0].substr(0, 12) +
                             "…: issued by " + stranger_did + ", not a key of this bank\n"
                             "1 record: 0 valid (0 revoked), 1 problem\nFAILED\n");

  // The status list as it stood before the revocation below, for a check without the bank.
  const std::string old_list_path = (dir_ / "old-status-list.json").string();
  ASSERT_EQ(Run({"export", "--status-list", "--output", old_list_path}).exit_code, 0);
  CliResult revoked = Run({"revoke", certification_.substr(0, 10), "--reason", "证书撤销 certificate withdrawn"});
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  // The revocation is a signed record at the ledger's end, which explain shows and export refuses.
  std::smatch statement_id;
  ASSERT_TRUE(std::regex_search(revoked.out, statement_id, std::regex("revocation record ([0-9a-f]{64})")))
      << revoked.out;
  const std::string statement = statement_id[1];
  EXPECT_EQ(MaskTimes(revoked.out),
            "revoked " + certification_ + " at TIME (status list index 0): 证书撤销 certificate withdrawn\n"
            "signed as revocation record " + statement + ", leaf 3\n"
            "outcome o1 withdrawn: no later run certifies it again; convert over the bank's learners decides "
            "the learner anew\n"
            "decisions that used it, which stand until revoked: " + conversions_[0].substr(0, 12) +
                " (CQEIT-510102, 2025-09-01)\n");
  CliResult statement_text = Run({"explain", statement.substr(0, 8)});
  EXPECT_EQ(statement_text.exit_code, 0) << statement_text.err;
  // Its date is the day of revocation, today by the clock: masked as DAY.
  EXPECT_EQ(std::regex_replace(MaskTimes(statement_text.out), std::regex("decided [0-9]{4}-[0-9]{2}-[0-9]{2}"),
                               "decided DAY"),
            "revocation record " + statement + "\n"
            "learner " + kC1 + ", decided DAY under rule set " + rule_set_.substr(0, 12) + "…, issuer " + key_.id +
                ", leaf 3\n"
            "revokes record " + certification_ + " (status list index 0) at TIME: 证书撤销 certificate withdrawn\n");
  CliResult statement_vc = Run({"export", statement});
  EXPECT_EQ(statement_vc.exit_code, 2);
  EXPECT_EQ(statement_vc.err, "creditbank export: record " + statement.substr(0, 12) +
                                  "…: a revocation record has no credential form; the status list (export "
                                  "--status-list) publishes revocations\n");
  CliResult twice = Run({"revoke", certification_, "--reason", "again"});
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_EQ(MaskTimes(twice.err), "creditbank revoke: record " + certification_.substr(0, 12) +
                                      "…: revoked already at TIME: 证书撤销 certificate withdrawn\n");
  CliResult refused = Run({"export", certification_});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_EQ(MaskTimes(refused.err), "creditbank export: record " + certification_.substr(0, 12) +
                                        "…: revoked at TIME: 证书撤销 certificate withdrawn\n");

  CliResult account = Run({"account", "C1", "--date", "2026-11-30"});
  EXPECT_EQ(account.out,
            "learner C1 张伟, pseudonym 3015ac8c55b4…\n"
            "on 2026-11-30: 0 credits valid, 0 expired; 1 outcome imported\n"
            "by level:\n  none\nunits:\n  none\ncertifications:\n"
            "  " + certification_.substr(0, 12) +
                " o1 certificate 1X-IOT-IDO: level 3, 6 credits, revoked (until 2027-06-01)\n"
            "decisions:\n"
            "  " + conversions_[0].substr(0, 12) + " CQEIT-510102 2025-09-01: 4 credits (IOT202)\n");
  // Its credential, presented to someone who checks it, fails: its signature is valid, but it is revoked.
  CliResult revoked_vc = Run({"verify", certification_vc_path});
  EXPECT_EQ(revoked_vc.exit_code, 1) << revoked_vc.err;
  EXPECT_EQ(MaskTimes(revoked_vc.out), "FAIL " + certification_vc_path + ":1: credential of record " +
                                           certification_.substr(0, 12) +
                                           "…: revoked at TIME: 证书撤销 certificate withdrawn\n"
                                           "1 record: 1 valid (1 revoked), 1 problem\nFAILED\n");
  // Whoever has the credentials but not the bank checks their signatures with the bank's public key
  // (as keys show prints it, or its did:key): the revoked credential's signature is valid too, and the
  // output says what was not checked. A credential of another key, or an edited one, fails.
  const std::string signatures_only =
      "note signatures only, with the keys given: whether the bank revoked a record, and whether its ledger "
      "holds it, is not checked without the bank\n";
  for (const std::string& key : {key_.multikey, "did:key:" + key_.multikey}) {
    CliResult offline = RunCli({"verify", certification_vc_path, vc_path, "--key", key});
    EXPECT_EQ(offline.exit_code, 0) << offline.err;
    EXPECT_EQ(offline.out, signatures_only + "2 records: 2 signed by a key given, 0 problems\nOK\n");
  }
  CliResult offline_bad = RunCli({"verify", forged_path, edited_path, "--key", key_.multikey});
  EXPECT_EQ(offline_bad.exit_code, 1) << offline_bad.err;
  EXPECT_EQ(offline_bad.out, "FAIL " + forged_path + ":1: credential of record " + conversions_[0].substr(0, 12) +
                                 "…: issued by " + stranger_did + ", not one of the keys given\n"
                                 "FAIL " + edited_path + ":1: credential: eddsa-jcs-2022: signature does not verify\n" +
                                 signatures_only + "2 records: 0 signed by a key given, 2 problems\nFAILED\n");
  CliResult offline_json = RunCli({"verify", vc_path, "--key", key_.multikey, "--json"});
  EXPECT_EQ(offline_json.exit_code, 0) << offline_json.err;
  EXPECT_EQ(Compact(offline_json.out),
            R"({"ok":true,"records":1,"valid":1,"revoked":null,"revocation_checked":0,"signatures_only":true,)"
            R"("problems":[],"notes":[")" +
                signatures_only.substr(5, signatures_only.size() - 6) + R"("]})");
  const std::string usage_line = "usage: creditbank verify [FILE...] [--db FILE] [--json] | verify --against NOTE... "
                                 "[--db FILE] | verify FILE... --key KEY... [--status-list LIST] [--json]\n";
  // "6Mk" in base58 is 5·58² + 20·58 + 43 = 18023 = 0x4667: not the two bytes an Ed25519 Multikey starts with.
  CliResult bad_key = RunCli({"verify", vc_path, "--key", "z6Mk"});
  EXPECT_EQ(bad_key.exit_code, 2);
  EXPECT_EQ(bad_key.err,
            "creditbank verify: --key \"z6Mk\": multikey: expected the ed25519-pub prefix 0xed01, got 0x4667\n");
  // The key id keys show prints first, and records name, is not the key.
  CliResult key_id = RunCli({"verify", vc_path, "--key", key_.id});
  EXPECT_EQ(key_id.exit_code, 2);
  EXPECT_EQ(key_id.err, "creditbank verify: --key \"" + key_.id + "\": that is a key id; give the public key keys "
                        "show prints under it (z6Mk…), or its did:key\n");
  CliResult key_and_db = Run({"verify", vc_path, "--key", key_.multikey});
  EXPECT_EQ(key_and_db.exit_code, 2);
  EXPECT_EQ(key_and_db.err, "creditbank verify: give --key or --db, not both: --key checks without the bank\n" +
                                usage_line);
  CliResult key_alone = RunCli({"verify", "--key", key_.multikey});
  EXPECT_EQ(key_alone.exit_code, 2);
  EXPECT_EQ(key_alone.err, "creditbank verify: --key checks records in FILEs: name them\n" + usage_line);

  CliResult verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  EXPECT_EQ(MaskTimes(verify.out),
            "note leaf 0 (record " + certification_.substr(0, 12) +
                "…): revoked at TIME: 证书撤销 certificate withdrawn\n"
                "4 records: 4 valid (1 revoked), 0 problems; ledger of 4 leaves, root " +
                StringMember(*json::Parse(Run({"verify", "--json"}).out), "root").substr(0, 16) +
                "…, 2 checkpoints\nOK\n");

  // The status list credential: signed by the bank, the certification's bit set, the decision's clear.
  CliResult status = Run({"export", "--status-list"});
  EXPECT_EQ(status.exit_code, 0) << status.err;
  StatusOr<json::Value> status_list = json::Parse(status.out);
  ASSERT_TRUE(status_list.ok());
  EXPECT_EQ(StringMember(*status_list, "id"), list);
  records::CredentialCheck check;
  check.status_list_credential = &*status_list;
  StatusOr<records::VerifiedCredential> live = records::VerifyAchievementCredential(*vc, check);
  EXPECT_TRUE(live.ok()) << live.status().ToString();
  EXPECT_TRUE(live.ok() && live->status_checked);
  StatusOr<json::Value> withdrawn = json::Parse(certification_vc.out);
  ASSERT_TRUE(withdrawn.ok());
  StatusOr<records::VerifiedCredential> dead = records::VerifyAchievementCredential(*withdrawn, check);
  EXPECT_EQ(dead.status().ToString(),
            "FailedPrecondition: credential: revoked (" + list + "#0)");
  // Without the bank, the status list it published gives the credentials' revocation.
  const std::string list_path = (dir_ / "status-list.json").string();
  {
    std::ofstream out(list_path);
    out << status.out;
  }
  // Its date is in the note: a revocation after it is not in it. The decisions' records, which are no
  // credentials, are not checked against it.
  const std::string decisions = (dir_ / "decisions.jsonl").string();
  const std::vector<std::string> offline_args = {"verify", certification_vc_path, vc_path, decisions,
                                                 "--key", key_.multikey, "--status-list"};
  auto note_of = [](const std::string& path) {
    return "note signatures with the keys given, and credentials' revocation as the status list " + path +
           " states it at TIME: a later revocation, a record's revocation, and whether the bank's ledger holds "
           "it, are not checked without the bank\n";
  };
  std::vector<std::string> with_list = offline_args;
  with_list.push_back(list_path);
  CliResult offline_list = RunCli(with_list);
  EXPECT_EQ(offline_list.exit_code, 1) << offline_list.err;
  EXPECT_EQ(MaskTimes(offline_list.out),
            "FAIL " + certification_vc_path + ":1: credential of record " + certification_.substr(0, 12) +
                "…: revoked (the status list sets its bit, " + list + "#0)\n" + note_of(list_path) +
                "4 records: 4 signed by a key given, 2 of them checked against the status list (1 revoked), "
                "1 problem\nFAILED\n");
  with_list.push_back("--json");
  StatusOr<json::Value> offline_json_list = json::Parse(RunCli(with_list).out);
  ASSERT_TRUE(offline_json_list.ok());
  EXPECT_EQ(json::Write(*offline_json_list->Find("revoked")), "null");  // two of four unknown
  EXPECT_EQ(json::Write(*offline_json_list->Find("revocation_checked")), "2");
  std::vector<std::string> with_old_list = offline_args;
  with_old_list.push_back(old_list_path);
  CliResult offline_old = RunCli(with_old_list);
  EXPECT_EQ(offline_old.exit_code, 0) << offline_old.out;
  EXPECT_EQ(MaskTimes(offline_old.out),
            note_of(old_list_path) +
                "4 records: 4 signed by a key given, 2 of them checked against the status list (0 revoked), "
                "0 problems\nOK\n");
  // A list edited (its bits changed), or signed by another key, is refused whole.
  json::Value cleared = *status_list;
  json::Value subject = *cleared.Find("credentialSubject");
  std::string encoded = subject.Find("encodedList")->AsString();
  encoded.back() = encoded.back() == 'A' ? 'B' : 'A';
  subject.Set("encodedList", json::Value::String(encoded));
  cleared.Set("credentialSubject", std::move(subject));
  const std::string cleared_path = (dir_ / "cleared-list.json").string();
  {
    std::ofstream out(cleared_path);
    out << json::Write(cleared, 2) << "\n";
  }
  CliResult edited_list =
      RunCli({"verify", certification_vc_path, "--key", key_.multikey, "--status-list", cleared_path});
  EXPECT_EQ(edited_list.exit_code, 1);
  EXPECT_EQ(edited_list.out, "");
  EXPECT_EQ(edited_list.err,
            "creditbank verify: " + cleared_path + ": status list: eddsa-jcs-2022: signature does not verify\n");
  CliResult other_key =
      RunCli({"verify", certification_vc_path, "--key",
              records::EncodeEd25519PublicMultikey(stranger->public_key().raw()), "--status-list", list_path});
  EXPECT_EQ(other_key.exit_code, 1);
  EXPECT_EQ(other_key.err, "creditbank verify: " + list_path + ": status list: issued by did:key:" + key_.multikey +
                               ", not one of the keys given\n");

  CliResult format = Run({"export", conversions_[0], "--format", "pdf"});
  EXPECT_EQ(format.exit_code, 2);
  EXPECT_EQ(format.err, "creditbank export: unknown format 'pdf' (only vc)\n");
}

TEST_F(BankFlowTest, KeysShowAndRotate) {
  const std::string vc_path = (dir_ / "old-key.json").string();
  ASSERT_EQ(Run({"export", conversions_[0], "--output", vc_path}).exit_code, 0);
  CliResult show = Run({"keys", "show"});
  EXPECT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(MaskTimes(show.out), key_.id + "  active   created TIME\n  " + key_.multikey + "\n");

  CliResult rotated = Run({"keys", "rotate"});
  EXPECT_EQ(rotated.exit_code, 0) << rotated.err;
  const IssuerKey next = KeyOfPemFile(db_ + ".keys/issuer-2.pem");
  ASSERT_NE(next.id, "");
  EXPECT_EQ(MaskTimes(rotated.out), "new active key " + next.id + "\n" +
                                        key_.id + "  retired  created TIME, retired TIME\n  " + key_.multikey + "\n" +
                                        next.id + "  active   created TIME\n  " + next.multikey + "\n");
  CliResult json = Run({"keys", "show", "--json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(MaskTimes(Compact(json.out)),
            R"({"keys":[{"key_id":")" + key_.id + R"(","public_key_multibase":")" + key_.multikey +
                R"(","created":"TIME","retired":"TIME","active":false},{"key_id":")" + next.id +
                R"(","public_key_multibase":")" + next.multikey +
                R"(","created":"TIME","retired":null,"active":true}]})");
  EXPECT_EQ(json.out.find("PRIVATE"), std::string::npos);

  // The records signed by the retired key still verify.
  CliResult verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
  EXPECT_EQ(verify.out, "3 records: 3 valid (0 revoked), 0 problems; ledger of 3 leaves, root " +
                            root_.substr(0, 16) + "…, 1 checkpoint\nOK\n");
  // Without the bank: a credential of the retired key, and the status list the new key signs, given
  // both keys; with the new key alone, the credential is not signed by a key given.
  const std::string list_path = (dir_ / "list.json").string();
  ASSERT_EQ(Run({"export", "--status-list", "--output", list_path}).exit_code, 0);
  CliResult both = RunCli({"verify", vc_path, "--key", key_.multikey, "--key", next.multikey, "--status-list",
                           list_path, "--json"});
  EXPECT_EQ(both.exit_code, 0) << both.out;
  EXPECT_EQ(Compact(both.out).substr(0, Compact(both.out).find(R"("notes")")),
            R"({"ok":true,"records":1,"valid":1,"revoked":0,"revocation_checked":1,"signatures_only":false,)"
            R"("problems":[],)");
  CliResult new_only = RunCli({"verify", vc_path, "--key", next.multikey, "--status-list", list_path});
  EXPECT_EQ(new_only.exit_code, 1);
  EXPECT_EQ(new_only.out.substr(0, new_only.out.find('\n')),
            "FAIL " + vc_path + ":1: credential of record " + conversions_[0].substr(0, 12) + "…: issued by did:key:" +
                key_.multikey + ", not one of the keys given");
}

// A file that cannot be opened for writing, or written, is named, with the same words in every command.
TEST_F(BankFlowTest, OutputsThatCannotBeWrittenAreNamed) {
  const std::string bad = (dir_ / "bad.jsonl").string();
  {
    std::ofstream out(bad);
    out << "not json\n";
  }
  const std::string missing = (dir_ / "no-such-dir" / "out.json").string();
  const std::string cannot_open = missing + ": cannot open for writing: No such file or directory\n";
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{"export", "--status-list", "--output", missing}, "creditbank export: " + cannot_open},
      {{"export", "--checkpoint", "--output", "/dev/full"}, "creditbank export: /dev/full: write failed\n"},
      {{"import", bad, "--rejects", missing}, "creditbank import: " + cannot_open},
      {{"import", bad, "--rejects", "/dev/full"}, "creditbank import: /dev/full: write failed\n"},
      {{"convert", "--programme", "CQEIT-510102", "--date", "2025-09-02", "--input", bad, "--output", missing},
       "creditbank convert: " + cannot_open},
  };
  for (const auto& [args, message] : cases) {
    CliResult r = Run(args);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.out, "") << args[0];
    EXPECT_EQ(r.err, message);
  }
}

TEST_F(BankFlowTest, UsageErrorsSayWhatIsExpected) {
  struct Case {
    std::vector<std::string> args;
    std::string err;
  };
  const std::vector<Case> cases = {
      {{"account"}, "creditbank account: expected learner id or pseudonym\n"
                    "usage: creditbank account LEARNER [--date YYYY-MM-DD] [--db FILE] [--json]\n"},
      {{"explain"}, "creditbank explain: expected record id or unique prefix\n"
                    "usage: creditbank explain RECORD [--db FILE] [--json]\n"},
      {{"import"}, "creditbank import: expected learner file (.jsonl or .csv)\n"
                   "usage: creditbank import FILE [--db FILE] [--rejects FILE] [--json]\n"},
      {{"revoke", "--reason", "x"}, "creditbank revoke: expected record id or unique prefix\n"
                                    "usage: creditbank revoke RECORD --reason TEXT [--db FILE] [--json]\n"},
      {{"revoke", "abcd"}, "creditbank revoke: the option '--reason' is required but missing\n"
                           "usage: creditbank revoke RECORD --reason TEXT [--db FILE] [--json]\n"},
      {{"keys"}, "creditbank keys: expected show or rotate\nusage: creditbank keys show|rotate [--db FILE] [--json]\n"},
      {{"keys", "list"}, "creditbank keys: unknown action 'list'\n"
                         "usage: creditbank keys show|rotate [--db FILE] [--json]\n"},
      {{"export"}, "creditbank export: give a RECORD, --status-list or --checkpoint\n"
                   "usage: creditbank export RECORD [--format vc] [--output FILE] [--db FILE] | "
                   "export --status-list | export --checkpoint\n"},
      {{"verify", "x.json", "--against", "note"},
       "creditbank verify: --against checks the whole bank, not FILEs\n"
       "usage: creditbank verify [FILE...] [--db FILE] [--json] | verify --against NOTE... [--db FILE] | "
       "verify FILE... --key KEY... [--status-list LIST] [--json]\n"},
      {{"verify", "x.json", "--status-list", "list.json"},
       "creditbank verify: --status-list is for checking without the bank, with --key: the bank knows its "
       "revocations\n"
       "usage: creditbank verify [FILE...] [--db FILE] [--json] | verify --against NOTE... [--db FILE] | "
       "verify FILE... --key KEY... [--status-list LIST] [--json]\n"},
  };
  for (const Case& c : cases) {
    CliResult r = Run(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args[0];
    EXPECT_EQ(r.out, "") << c.args[0];
    EXPECT_EQ(r.err, c.err) << c.args[0];
  }
}

}  // namespace
}  // namespace creditbank::testing_cli
