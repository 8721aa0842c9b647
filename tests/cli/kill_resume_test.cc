// `creditbank convert` as a process, killed with SIGKILL at several points and run again: the bank
// ends with exactly the records, ledger root and decisions file of an uninterrupted run on a copy of
// the same fresh bank. A second convert while one holds the bank is refused with exit 2, naming it.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/bank/lookup.h"
#include "engine/base/clock.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"
#include "engine/store/sqlite_store.h"
#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

namespace fs = std::filesystem;

// Starts the program without waiting; stdout and stderr to files in `dir`.
pid_t Spawn(const std::vector<std::string>& args, const fs::path& dir, const std::string& env = "") {
  return SpawnCli(args, dir / "spawn.out", dir / "spawn.err", env.empty() ? std::vector<std::string>{}
                                                                             : std::vector<std::string>{env});
}

struct LedgerView {
  std::vector<std::string> ids;
  std::string last_root;
  int64_t last_size = 0;
};

LedgerView ReadLedger(const std::string& db) {
  LedgerView v;
  StatusOr<std::unique_ptr<store::Store>> s = store::OpenSqliteStore(db, store::OpenMode::kOpenExisting);
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  if (!s.ok()) return v;
  EXPECT_TRUE((*s)->ForEachRecord([&](const store::RecordRow& r) -> Status {
                     v.ids.push_back(r.id);
                     return Status::Ok();
                   }).ok());
  StatusOr<std::vector<store::CheckpointRow>> cps = (*s)->Checkpoints();
  EXPECT_TRUE(cps.ok());
  if (cps.ok() && !cps->empty()) {
    v.last_root = cps->back().root;
    v.last_size = cps->back().tree_size;
  }
  return v;
}

class KillResumeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new fs::path(TempDir("kill-resume"));
    CliResult g = RunCli({"generate", "--learners", "3000", "--seed", "42", "--output", (*dir_ / "intake.jsonl").string()});
    ASSERT_EQ(g.exit_code, 0) << g.err;
    StatusOr<bank::RuleFiles> files = bank::ReadRuleFiles(CREDITBANK_SOURCE_DIR "/rules");
    ASSERT_TRUE(files.ok());
    FixedClock clock(1795928400);
    StatusOr<bank::InitResult> init = bank::InitBank((*dir_ / "fresh.db").string(), *files, clock);
    ASSERT_TRUE(init.ok()) << init.status().ToString();
  }
  static void TearDownTestSuite() {
    fs::remove_all(*dir_);
    delete dir_;
  }

  // A copy of the fresh bank named `name`.
  static std::string Copy(const std::string& name) {
    const fs::path db = *dir_ / (name + ".db");
    fs::copy(*dir_ / "fresh.db", db);
    fs::copy(bank::KeysDirFor((*dir_ / "fresh.db").string()), bank::KeysDirFor(db.string()),
             fs::copy_options::recursive);
    fs::permissions(bank::KeysDirFor(db.string()), fs::perms::owner_all, fs::perm_options::replace);
    return db.string();
  }

  static std::vector<std::string> Convert(const std::string& db, const std::string& signing) {
    return {"convert", "--db", db, "--programme", "CQEIT-510102", "--input", (*dir_ / "intake.jsonl").string(),
            "--output", db + ".out.jsonl", "--date", "2025-09-01", "--chunk-size", "50", "--commit-every", "200",
            "--jobs", "2", "--signing", signing};
  }

  static fs::path* dir_;
};

fs::path* KillResumeTest::dir_ = nullptr;

TEST_F(KillResumeTest, KilledRunsResumeToTheUninterruptedLedger) {
  for (const std::string signing : {"per-record", "batch"}) {
    SCOPED_TRACE(signing);
    const std::string whole = Copy("whole-" + signing);
    CliResult w = RunCli(Convert(whole, signing));
    ASSERT_EQ(w.exit_code, 0) << w.err;
    EXPECT_NE(w.out.find("learners converted  2,98"), std::string::npos) << w.out;
    const LedgerView expected = ReadLedger(whole);
    ASSERT_GT(expected.ids.size(), 3000u);

    const std::string killed = Copy("killed-" + signing);
    // Right after the commit that reaches the 3rd chunk, inside the transaction that writes the 11th
    // (its output lines are in the files, its rows not committed), right after the commit that
    // reaches the 17th, then after 300 ms, then 700 ms. A transaction holds 4 chunks of 50.
    for (const char* env : {"CREDITBANK_KILL_AFTER_CHUNKS=3", "CREDITBANK_KILL_AFTER_WRITTEN_CHUNKS=11",
                            "CREDITBANK_KILL_AFTER_CHUNKS=17"}) {
      EXPECT_EQ(WaitCli(Spawn(Convert(killed, signing), *dir_, env)), 128 + SIGKILL);
    }
    for (int ms : {300, 700}) {
      pid_t pid = Spawn(Convert(killed, signing), *dir_);
      std::this_thread::sleep_for(std::chrono::milliseconds(ms));
      ::kill(pid, SIGKILL);
      WaitCli(pid);
    }
    CliResult last = RunCli(Convert(killed, signing));
    ASSERT_EQ(last.exit_code, 0) << last.err;
    const LedgerView got = ReadLedger(killed);
    EXPECT_EQ(got.ids, expected.ids);  // same records, same leaf order
    EXPECT_EQ(std::set<std::string>(got.ids.begin(), got.ids.end()).size(), got.ids.size());
    EXPECT_EQ(got.last_size, static_cast<int64_t>(expected.ids.size()));
    EXPECT_EQ(got.last_root, expected.last_root);
    EXPECT_EQ(ReadFile(killed + ".out.jsonl"), ReadFile(whole + ".out.jsonl"));
    EXPECT_EQ(ReadFile(killed + ".out.jsonl.rejects.jsonl"), ReadFile(whole + ".out.jsonl.rejects.jsonl"));

    // Every record verifies with the bank's keys.
    FixedClock clock(1795928400);
    StatusOr<std::unique_ptr<bank::Bank>> b = bank::Bank::Open(killed, clock);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    bank::IssuedRecords issued((*b)->store());
    Status all = (*b)->store().ForEachRecord([&](const store::RecordRow& row) -> Status {
      store::RecordRow r = row;
      CB_RETURN_IF_ERROR(issued.Restore(&r));
      CB_ASSIGN_OR_RETURN(records::Record rec, records::ParseRecord(r.body));
      return records::VerifyRecord(rec, (*b)->key_ring());
    });
    EXPECT_TRUE(all.ok()) << all.ToString();
  }
}

TEST_F(KillResumeTest, ASecondConvertIsRefusedWhileOneRuns) {
  const std::string db = Copy("locked");
  {
    StatusOr<std::unique_ptr<store::Store>> s = store::OpenSqliteStore(db, store::OpenMode::kOpenExisting);
    ASSERT_TRUE(s.ok());
    StatusOr<std::unique_ptr<store::RunLock>> lock = (*s)->TryLockRun("convert --programme X, pid 1");
    ASSERT_TRUE(lock.ok()) << lock.status().ToString();
    CliResult r = RunCli(Convert(db, "batch"));
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, "creditbank convert: " + db + ": another batch run is writing to this bank (convert --programme X, pid 1)\n");
  }
  // A real one: the first convert is running when the second starts.
  pid_t first = Spawn(Convert(db, "per-record"), *dir_);
  const fs::path lock = db + ".lock";
  const std::string mark = "pid " + std::to_string(first) + ",";
  for (int i = 0; i < 1000 && ReadFile(lock).find(mark) == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CliResult second = RunCli(Convert(db, "per-record"));
  EXPECT_EQ(WaitCli(first), 0);
  EXPECT_EQ(second.exit_code, 2);
  EXPECT_EQ(second.err.rfind("creditbank convert: " + db + ": another batch run is writing to this bank (convert --programme "
                             "CQEIT-510102, pid " + std::to_string(first) + ", since ", 0),
            0u)
      << second.err;
}

// Another writer is not held off for the length of a run: a revoke started while a convert commits
// transaction after transaction gets the bank between two of them, while the convert still runs. The
// revocation appends a signed record to the ledger; the run takes the ledger up from it in its next
// transaction, so that its checkpoints still cover every leaf (verify finds no problem).
TEST_F(KillResumeTest, ARevokeGetsTheBankBetweenTwoTransactionsOfARun) {
  const std::string db = Copy("shared");
  std::vector<std::string> args = Convert(db, "per-record");
  args[args.size() - 3] = "1";  // --jobs 1: a run of a few seconds, in 15 transactions
  pid_t run = Spawn(args, *dir_);
  std::string id;
  for (int i = 0; i < 2000 && id.empty(); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    StatusOr<std::unique_ptr<store::Store>> s = store::OpenSqliteStore(db, store::OpenMode::kOpenExisting);
    if (!s.ok()) continue;
    StatusOr<std::vector<store::RecordRow>> rows = (*s)->FindRecordsByPrefix("", 1);
    if (rows.ok() && !rows->empty()) id = rows->front().id;
  }
  ASSERT_FALSE(id.empty()) << "the run committed no record";
  CliResult revoked = RunCli({"revoke", id, "--reason", "issued in error", "--db", db});
  int status = 0;
  const pid_t still = ::waitpid(run, &status, WNOHANG);
  EXPECT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(revoked.out.rfind("revoked " + id + " at ", 0), 0u) << revoked.out;
  EXPECT_EQ(still, 0) << "the revoke only got the bank once the run had ended";
  if (still == 0) {
    EXPECT_EQ(WaitCli(run), 0);
  }
  CliResult verify = RunCli({"verify", "--db", db});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find(" valid (1 revoked), 0 problems"), std::string::npos) << verify.out;
}

}  // namespace
}  // namespace creditbank::testing_cli
