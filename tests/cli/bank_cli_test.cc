// The bank commands run as a process: init, import, keys, verify, explain, export, revoke, account.
// Records are appended through the engine (the same bank file), as convert would append them.
#include <sys/stat.h>

#include <filesystem>
#include <regex>

#include <gtest/gtest.h>

#include "engine/records/credential.h"
#include "engine/records/multikey.h"
#include "tests/bank/bank_test_util.h"
#include "tests/cli/run_cli.h"
#include "tests/store/store_test_util.h"

namespace creditbank::testing_cli {
namespace {

class BankCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(std::string("bank-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  CliResult Run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunCli(args);
  }
  void InitAndAppend() {
    CliResult init = Run({"init"});
    ASSERT_EQ(init.exit_code, 0) << init.err;
    FixedClock clock(bank::kTestNow);
    StatusOr<std::unique_ptr<bank::Bank>> b = bank::Bank::Open(db_, clock);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ids_ = bank::AppendRecords(**b, "S2024000101", 1, 3);
    // The root verify prints is the one it rebuilds; the checkpoint's was signed when the records
    // were appended.
    StatusOr<std::vector<store::CheckpointRow>> checkpoints = (*b)->store().Checkpoints();
    ASSERT_TRUE(checkpoints.ok() && !checkpoints->empty());
    root_ = records::HexEncode(records::AsBytes(checkpoints->back().root));
  }

  std::filesystem::path dir_;
  std::string db_;
  std::vector<std::string> ids_;
  std::string root_;  // hex, of the last checkpoint
};

TEST_F(BankCliTest, InitPrintsKeyAndRuleSetButNoSecret) {
  CliResult r = Run({"init"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  std::regex shape("created bank " + db_ + "\nissuer key ed25519:[0-9a-f]{16} \\(private key in " + db_ +
                   ".keys/, mode 0600\\)\ncredentials name the bank \"creditbank\"\nrule set version 1 [0-9a-f]{64} "
                   "loaded\n");
  EXPECT_TRUE(std::regex_match(r.out, shape)) << r.out;
  const std::string secret = ReadFile(db_ + ".keys/secret").substr(0, 64);
  EXPECT_EQ(r.out.find(secret), std::string::npos);
  struct stat st;
  ASSERT_EQ(::stat((db_ + ".keys").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0700u);

  CliResult again = Run({"init"});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(std::regex_match(again.out, std::regex("bank " + db_ + " exists; issuer key ed25519:[0-9a-f]{16}\n"
                                                     "rule set version 1 [0-9a-f]{64} unchanged\n")))
      << again.out;

  CliResult bad = Run({"init", "--rules", (dir_ / "none").string()});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_EQ(bad.out, "");
}

// Which bank a command opens: --db, else $CREDITBANK_DB when set and not empty, else creditbank.db in
// the working directory.
TEST_F(BankCliTest, TheBankIsDbThenTheVariableThenTheWorkingDirectory) {
  const std::string by_env = (dir_ / "env.db").string();
  const std::string env = "CREDITBANK_DB=" + by_env;
  const std::regex created(".*\n.*\n.*\nrule set version 1 [0-9a-f]{64} loaded\n");
  CliResult init = RunCli({"init"}, {env});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.out.substr(0, init.out.find('\n')), "created bank " + by_env);
  EXPECT_TRUE(std::regex_match(init.out, created)) << init.out;
  CliResult keys = RunCli({"keys", "show"}, {env});
  EXPECT_EQ(keys.exit_code, 0) << keys.err;
  CliResult other = RunCli({"verify", "--db", db_}, {env});
  EXPECT_EQ(other.exit_code, 2);
  EXPECT_EQ(other.err, "creditbank verify: " + db_ + ": no bank here (run creditbank init)\n");

  CliResult here = RunCli({"init"}, {"CREDITBANK_DB="}, dir_.string());
  ASSERT_EQ(here.exit_code, 0) << here.err;
  EXPECT_EQ(here.out.substr(0, here.out.find('\n')), "created bank creditbank.db");
  EXPECT_TRUE(std::filesystem::is_regular_file(dir_ / "creditbank.db"));
  EXPECT_TRUE(std::filesystem::is_directory(dir_ / "creditbank.db.keys"));
  CliResult verify = RunCli({"verify"}, {}, dir_.string());
  EXPECT_EQ(verify.exit_code, 0) << verify.err;
  // RFC 9162 section 2.1.1: the root of an empty tree is SHA-256 of the empty string, e3b0c442….
  EXPECT_EQ(verify.out,
            "0 records: 0 valid (0 revoked), 0 problems; ledger of 0 leaves, root e3b0c44298fc1c14…, "
            "0 checkpoints\nOK\n");
}

TEST_F(BankCliTest, CommandsWithoutABankSayRunInit) {
  CliResult r = Run({"verify"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "creditbank verify: " + db_ + ": no bank here (run creditbank init)\n");
}

TEST_F(BankCliTest, ImportTwiceChangesNothing) {
  ASSERT_EQ(Run({"init"}).exit_code, 0);
  const std::string input = std::string(CREDITBANK_SOURCE_DIR) + "/tests/data/learners_sample.jsonl";
  const std::string rejects = (dir_ / "sample-rejects.jsonl").string();
  CliResult first = Run({"import", input, "--json", "--rejects", rejects});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  CliResult second = Run({"import", input, "--rejects", rejects});
  ASSERT_EQ(second.exit_code, 0) << second.err;
  StatusOr<json::Value> j = json::Parse(first.out);
  ASSERT_TRUE(j.ok()) << first.out;
  const int64_t learners = *j->Find("learners_new")->AsInteger();
  const int64_t outcomes = *j->Find("outcomes_new")->AsInteger();
  EXPECT_GT(learners, 0);
  EXPECT_EQ(second.out, "learners: 0 new, " + std::to_string(learners) + " already in the bank\noutcomes: 0 new, " +
                            std::to_string(outcomes) + " already in the bank\nrejects: 0\n");

  const std::string bad = (dir_ / "bad.jsonl").string();
  {
    std::ofstream f(bad);
    f << "{\"learner_id\": \"X1\", \"outcomes\": []}\nnope\n";
  }
  CliResult rejected = Run({"import", bad});  // the rejects beside the input, as bad.jsonl.rejects.jsonl
  EXPECT_EQ(rejected.exit_code, 0);  // as convert: rejects are counted, not fatal
  EXPECT_EQ(rejected.out, "learners: 1 new, 0 already in the bank\noutcomes: 0 new, 0 already in the bank\n"
                          "rejects: 1  -> " + bad + ".rejects.jsonl\n");
  EXPECT_EQ(ReadFile(bad + ".rejects.jsonl"),
            "{\"line\":2,\"reason\":\"line 2, column 1: expected a JSON value, got 'nope'\",\"text\":\"nope\"}\n");
}

TEST_F(BankCliTest, VerifyExplainExportRevoke) {
  InitAndAppend();
  CliResult ok = Run({"verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_EQ(ok.out, "3 records: 3 valid (0 revoked), 0 problems; ledger of 3 leaves, root " + root_.substr(0, 16) +
                        "…, 1 checkpoint\nOK\n");

  CliResult ex = Run({"explain", ids_[0].substr(0, 8)});
  ASSERT_EQ(ex.exit_code, 0) << ex.err;
  EXPECT_NE(ex.out.find("certification record " + ids_[0] + "\n"), std::string::npos) << ex.out;
  EXPECT_NE(ex.out.find("outcome o1: certificate 1X-IOT-IDO 中级, dated 2024-06-18\n"
                        "certified: level 3, 6 credits by REC-TEST-1, units IOT-ICS-U01, valid until 2027-06-18\n"),
            std::string::npos)
      << ex.out;

  CliResult vc = Run({"export", ids_[2]});
  ASSERT_EQ(vc.exit_code, 0) << vc.err;
  StatusOr<json::Value> credential = json::Parse(vc.out);
  ASSERT_TRUE(credential.ok());
  EXPECT_TRUE(records::VerifyAchievementCredential(*credential).ok());

  CliResult rev = Run({"revoke", ids_[2], "--reason", "issued in error"});
  ASSERT_EQ(rev.exit_code, 0) << rev.err;
  CliResult after = Run({"verify"});
  EXPECT_EQ(after.exit_code, 0);
  EXPECT_NE(after.out.find("note leaf 2 (" + records::RecordLabel(ids_[2]) + "): revoked at "), std::string::npos)
      << after.out;
  EXPECT_NE(after.out.find("4 records: 4 valid (1 revoked), 0 problems; ledger of 4 leaves"), std::string::npos)
      << after.out;
  CliResult refused = Run({"export", ids_[2]});
  EXPECT_EQ(refused.exit_code, 2);
  EXPECT_NE(refused.err.find("creditbank export: " + records::RecordLabel(ids_[2]) + ": revoked at "),
            std::string::npos);
  CliResult list = Run({"export", "--status-list"});
  EXPECT_EQ(list.exit_code, 0) << list.err;
  // A credential that cannot be written is no success.
  const std::filesystem::path err = dir_ / "full.err";
  EXPECT_EQ(WaitCli(SpawnCli({"export", "--status-list", "--db", db_}, "/dev/full", err)), 2);
  EXPECT_EQ(ReadFile(err), "creditbank export: writing standard output failed: No space left on device\n");

  CliResult account = Run({"account", "S2024000101", "--date", "2026-11-29", "--json"});
  ASSERT_EQ(account.exit_code, 0) << account.err;
  StatusOr<json::Value> a = json::Parse(account.out);
  ASSERT_TRUE(a.ok());
  // Three certifications of three distinct outcomes of 6 credits each; one revoked.
  EXPECT_EQ(json::Write(*a->Find("valid")), "12");
  EXPECT_EQ(json::Write(*a->Find("levels")), "[{\"level\":3,\"valid\":12,\"expired\":0}]");
  CliResult later = Run({"account", "S2024000101", "--date", "2027-06-18", "--json"});
  StatusOr<json::Value> l = json::Parse(later.out);
  ASSERT_TRUE(l.ok());
  EXPECT_EQ(json::Write(*l->Find("expired")), "12");
}

// The bank's name is what its credentials name their issuer by: set at init, signed by the bank's key
// (bank_name.h), so that an edit of the file cannot have the bank sign credentials in another's name.
TEST_F(BankCliTest, TheBanksNameIsSignedAndNamesTheIssuerOfItsCredentials) {
  const std::string name = "重庆市终身教育学分银行 Chongqing Lifelong Learning Credit Bank";
  CliResult init = Run({"init", "--name", name});
  ASSERT_EQ(init.exit_code, 0) << init.err;
  EXPECT_NE(init.out.find("\ncredentials name the bank \"" + name + "\"\nrule set version 1 "), std::string::npos)
      << init.out;
  FixedClock clock(bank::kTestNow);
  {
    StatusOr<std::unique_ptr<bank::Bank>> b = bank::Bank::Open(db_, clock);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    ids_ = bank::AppendRecords(**b, "S2024000101", 1, 1);
  }
  const auto issuer_name = [&]() {
    CliResult vc = Run({"export", ids_[0]});
    EXPECT_EQ(vc.exit_code, 0) << vc.err;
    StatusOr<json::Value> credential = json::Parse(vc.out);
    EXPECT_TRUE(credential.ok() && records::VerifyAchievementCredential(*credential).ok()) << vc.out;
    const json::Value* issuer = credential.ok() ? credential->Find("issuer") : nullptr;
    const json::Value* named = issuer != nullptr ? issuer->Find("name") : nullptr;
    return named != nullptr && named->is_string() ? named->AsString() : std::string("(none)");
  };
  EXPECT_EQ(issuer_name(), name);

  // Named anew; the same name again changes nothing.
  CliResult renamed = Run({"init", "--name", "Bank B", "--json"});
  ASSERT_EQ(renamed.exit_code, 0) << renamed.err;
  StatusOr<json::Value> summary = json::Parse(renamed.out);
  ASSERT_TRUE(summary.ok()) << renamed.out;
  EXPECT_EQ(json::Write(*summary->Find("name")) + json::Write(*summary->Find("name_changed")), "\"Bank B\"true");
  CliResult again = Run({"init", "--name", "Bank B"});
  EXPECT_TRUE(std::regex_match(again.out, std::regex("bank " + db_ + " exists; issuer key ed25519:[0-9a-f]{16}\n"
                                                     "credentials name the bank \"Bank B\"\n"
                                                     "rule set version 1 [0-9a-f]{64} unchanged\n")))
      << again.out;
  EXPECT_EQ(Run({"init", "--name", "Bank C"}).out.find("credentials name the bank \"Bank C\" from now on\n") !=
                std::string::npos,
            true);
  EXPECT_EQ(issuer_name(), "Bank C");

  // Names refused, before anything is written.
  const std::vector<std::pair<std::string, std::string>> refused = {
      {"", "--name: expected the bank's name, got \"\""},
      {"   ", "bank name: expected a name, got \"   \""},
      {"a\tb", "bank name: expected no control characters, got U+0009"},
      {std::string(201, 'x'), "bank name: expected at most 200 characters, got 201"},
      {"\xff", "bank name: expected UTF-8 text"}};
  for (const auto& [bad, message] : refused) {
    CliResult r = Run({"init", "--name", bad});
    EXPECT_EQ(r.exit_code, 2) << bad;
    EXPECT_EQ(r.err, "creditbank init: " + message + "\n");
  }
  EXPECT_EQ(issuer_name(), "Bank C");

  // An edit of the name in the file: export refuses it, verify names it; init --name signs it again.
  store::testing::ExecOn(db_, "UPDATE meta SET value = 'Another Bank' WHERE key = 'name'");
  const std::string problem = "bank name \"Another Bank\": its signature does not hold: the name or its signature was "
                              "edited";
  CliResult forged = Run({"export", ids_[0]});
  EXPECT_EQ(forged.exit_code, 2);
  EXPECT_EQ(forged.err, "creditbank export: " + problem + "; run creditbank verify\n");
  CliResult verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 1);
  EXPECT_EQ(verify.out.substr(0, verify.out.find('\n') + 1), "FAIL " + problem + "\n");
  // A bank made before names were signed has the default name unsigned, which is taken as it is; any
  // other name without a signature is not.
  store::testing::ExecOn(db_, "UPDATE meta SET value = 'creditbank' WHERE key = 'name'; "
                              "DELETE FROM meta WHERE key = 'name.signature'");
  EXPECT_EQ(issuer_name(), "creditbank");
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
  store::testing::ExecOn(db_, "UPDATE meta SET value = 'Another Bank' WHERE key = 'name'");
  EXPECT_EQ(Run({"export", ids_[0]}).err, "creditbank export: bank name \"Another Bank\": not signed by the bank's "
                                         "key (set it with creditbank init --name); run creditbank verify\n");
  ASSERT_EQ(Run({"init", "--name", "Another Bank"}).exit_code, 0);
  EXPECT_EQ(issuer_name(), "Another Bank");
  EXPECT_EQ(Run({"verify"}).exit_code, 0);
}

TEST_F(BankCliTest, KeysRotateThenOldRecordsVerify) {
  InitAndAppend();
  CliResult show = Run({"keys", "show", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.find("PRIVATE"), std::string::npos);
  CliResult rot = Run({"keys", "rotate"});
  ASSERT_EQ(rot.exit_code, 0) << rot.err;
  EXPECT_TRUE(std::regex_search(rot.out, std::regex("^new active key ed25519:[0-9a-f]{16}\n"))) << rot.out;
  EXPECT_NE(rot.out.find("retired  created"), std::string::npos) << rot.out;
  CliResult ok = Run({"verify"});
  EXPECT_EQ(ok.exit_code, 0) << ok.out;
}

// A key row added to the bank file is not the bank's key: its keys dir holds no file for it.
TEST_F(BankCliTest, AKeyAddedToTheBankFileIsShownAsNotTheBanks) {
  InitAndAppend();
  StatusOr<records::Ed25519PrivateKey> forger = records::Ed25519PrivateKey::Generate();
  ASSERT_TRUE(forger.ok());
  const std::string id = forger->key_id();
  ASSERT_EQ(store::testing::ExecOn(db_, "INSERT INTO keys VALUES ('" + id + "', X'" +
                                            records::HexEncode(forger->public_key().raw()) +
                                            "', '2025-01-01T00:00:00Z', '2025-06-01T00:00:00Z')"),
            1);
  const std::string multikey = records::EncodeEd25519PublicMultikey(forger->public_key().raw());
  CliResult show = Run({"keys", "show"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.out.substr(0, show.out.find('\n') + 1),
            id + "  retired  created 2025-01-01T00:00:00Z, retired 2025-06-01T00:00:00Z\n");
  EXPECT_NE(show.out.find("  " + multikey + "\n  not this bank's: no issuer key file holds it; run creditbank "
                          "verify\n"),
            std::string::npos)
      << show.out;
  CliResult json_out = Run({"keys", "show", "--json"});
  EXPECT_NE(json_out.out.find("\"active\": false,\n      \"foreign\": true\n"), std::string::npos) << json_out.out;
  CliResult r = Run({"verify"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out, "FAIL key " + id + ": in the bank's keys table, but no issuer key file holds it: not a key this "
                   "bank made\n3 records: 3 valid (0 revoked), 1 problem; ledger of 3 leaves, root " +
                   root_.substr(0, 16) + "…, 1 checkpoint\nFAILED\n");
}

TEST_F(BankCliTest, TamperedBankFailsVerifyAndNamesTheRecord) {
  InitAndAppend();
  ASSERT_EQ(store::testing::ExecOn(
                db_, "UPDATE records SET body = replace(body, '\"level\":3', '\"level\":4') WHERE leaf_index = 1"),
            1);
  CliResult r = Run({"verify"});
  EXPECT_EQ(r.exit_code, 1);
  const std::string label = records::RecordLabel(ids_[1]);
  EXPECT_EQ(r.out, "FAIL leaf 1 (" + label + "): " + label + ": id does not match its content\n"
                   "3 records: 2 valid (0 revoked), 1 problem; ledger of 3 leaves, root " + root_.substr(0, 16) +
                   "…, 1 checkpoint\nFAILED\n");
  // The edited record is neither signed anew as a credential nor explained as a decision.
  const std::string refused = "leaf 1 (" + label + "): " + label + ": id does not match its content; run "
                              "creditbank verify\n";
  CliResult vc = Run({"export", ids_[1]});
  EXPECT_EQ(vc.exit_code, 2);
  EXPECT_EQ(vc.out, "");
  EXPECT_EQ(vc.err, "creditbank export: " + refused);
  CliResult ex = Run({"explain", ids_[1]});
  EXPECT_EQ(ex.exit_code, 2);
  EXPECT_EQ(ex.out, "");
  EXPECT_EQ(ex.err, "creditbank explain: " + refused);
  EXPECT_EQ(Run({"export", ids_[0]}).exit_code, 0);
}

}  // namespace
}  // namespace creditbank::testing_cli
