// No command writes an output over the bank, its SQLite files, its keys, its input or its other output
// (cli/output_paths.h): each is refused with exit 2 before anything is opened, and the file keeps its
// bytes. Also the bank paths that are no bank: "", an empty file, another SQLite database, a text file.
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "tests/cli/run_cli.h"

namespace creditbank::testing_cli {
namespace {

namespace fs = std::filesystem;

constexpr char kLearner[] =
    R"({"learner_id":"C1","name":"韩梅梅","outcomes":[{"id":"o1","kind":"certificate","code":"1X-IOT-IDO",)"
    R"("grade":"中级","awarding_body":"ZYCX","score":80,"date":"2025-06-01"}]})";

class OutputGuardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = TempDir(std::string("guard-") + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
    input_ = (dir_ / "in.jsonl").string();
    std::ofstream(input_, std::ios::binary) << kLearner << "\n";
  }
  void TearDown() override { fs::remove_all(dir_); }
  CliResult Run(std::vector<std::string> args) {
    args.push_back("--db");
    args.push_back(db_);
    return RunCli(args);
  }
  // The command is refused with `message`, and the files of the bank and the input are as they were.
  void ExpectRefused(const std::vector<std::string>& args, const std::string& message) {
    const std::string bank = ReadFile(db_), secret = ReadFile(db_ + ".keys/secret"), input = ReadFile(input_);
    CliResult r = Run(args);
    EXPECT_EQ(r.exit_code, 2) << args[0];
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, message);
    EXPECT_EQ(ReadFile(db_), bank);
    EXPECT_EQ(ReadFile(db_ + ".keys/secret"), secret);
    EXPECT_EQ(ReadFile(input_), input);
  }

  fs::path dir_;
  std::string db_;
  std::string input_;
};

TEST_F(OutputGuardTest, NoOutputNamesTheBankItsKeysOrTheInput) {
  ASSERT_EQ(Run({"init"}).exit_code, 0);
  const std::string keys = db_ + ".keys";
  ExpectRefused({"convert", "--programme", "CQEIT-510102", "--input", input_, "--output", db_},
                "creditbank convert: --output " + db_ + ": is the bank file; choose another file\n");
  ExpectRefused({"convert", "--programme", "CQEIT-510102", "--input", input_, "--rejects", keys + "/secret"},
                "creditbank convert: --rejects " + keys + "/secret: is in the bank's keys folder " + keys +
                    "; choose another file\n");
  ExpectRefused({"convert", "--programme", "CQEIT-510102", "--input", input_, "--output", input_},
                "creditbank convert: --output " + input_ + ": is the input file (--input); choose another file\n");
  const std::string out = (dir_ / "out.jsonl").string();
  ExpectRefused({"convert", "--programme", "CQEIT-510102", "--input", input_, "--dry-run", "--output", out,
                 "--rejects", out},
                "creditbank convert: --rejects " + out + ": is also the --output file; choose another file\n");
  EXPECT_FALSE(fs::exists(out));
  ExpectRefused({"import", input_, "--rejects", input_},
                "creditbank import: --rejects " + input_ + ": is the input file (FILE); choose another file\n");
  ExpectRefused({"export", "--status-list", "--output", db_ + "-wal"},
                "creditbank export: --output " + db_ + "-wal: is one of the bank's SQLite files; choose another "
                "file\n");
  // Another name of the same file: a symbolic link, and a path through "..".
  const std::string link = (dir_ / "link.db").string();
  fs::create_symlink(db_, link);
  ExpectRefused({"export", "--status-list", "--output", link},
                "creditbank export: --output " + link + ": is the bank file; choose another file\n");
  const std::string dotted = (dir_ / "sub" / ".." / "bank.db").string();
  fs::create_directories(dir_ / "sub");
  ExpectRefused({"convert", "--programme", "CQEIT-510102", "--input", input_, "--output", dotted},
                "creditbank convert: --output " + dotted + ": is the bank file; choose another file\n");
  // generate has no --db, and guards the default bank ($CREDITBANK_DB) all the same.
  CliResult gen = RunCli({"generate", "--learners", "3", "--output", db_}, {"CREDITBANK_DB=" + db_});
  EXPECT_EQ(gen.exit_code, 2);
  EXPECT_EQ(gen.err, "creditbank generate: --output " + db_ + ": is the bank file; choose another file\n");
  // Where there is no bank, its default name is a file like any other.
  const std::string nobank = (dir_ / "nobank.db").string();
  CliResult free_name = RunCli({"generate", "--learners", "3", "--output", nobank}, {"CREDITBANK_DB=" + nobank});
  EXPECT_EQ(free_name.exit_code, 0) << free_name.err;

  CliResult verify = Run({"verify"});
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
}

TEST_F(OutputGuardTest, PathsThatHoldNoBank) {
  CliResult empty = RunCli({"init", "--db", ""});
  EXPECT_EQ(empty.exit_code, 2);
  EXPECT_EQ(empty.err, "creditbank init: bank file: expected a file name, got \"\"\n");

  const std::string text = (dir_ / "text.db").string();
  std::ofstream(text, std::ios::binary) << "this is not a database, just some text that is long enough.\n";
  CliResult keys = RunCli({"keys", "show", "--db", text});
  EXPECT_EQ(keys.exit_code, 2);
  EXPECT_EQ(keys.err, "creditbank keys: " + text + ": not a bank: not an SQLite database\n");
  CliResult verify = RunCli({"verify", "--db", text});
  EXPECT_EQ(verify.exit_code, 2);
  EXPECT_EQ(verify.err, "creditbank verify: " + text + ": not a bank: not an SQLite database\n");

  const std::string other = (dir_ / "other.db").string();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(other.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "CREATE TABLE t (x); CREATE TABLE u (y)", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  CliResult init_other = RunCli({"init", "--db", other});
  EXPECT_EQ(init_other.exit_code, 2);
  EXPECT_EQ(init_other.err,
            "creditbank init: " + other + ": not a bank: an SQLite database of 2 tables, without creditbank's\n");
  EXPECT_FALSE(fs::exists(other + ".keys"));

  // An empty file, as `touch` makes: init makes the bank in it.
  std::ofstream(db_, std::ios::binary).close();
  CliResult none = Run({"verify"});
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_EQ(none.err, "creditbank verify: " + db_ + ": no bank here (run creditbank init)\n");
  CliResult init = Run({"init"});
  EXPECT_EQ(init.exit_code, 0) << init.err;
  EXPECT_EQ(init.out.substr(0, init.out.find('\n')), "created bank " + db_);
  EXPECT_EQ(Run({"verify"}).exit_code, 0);

  // A bank whose keys folder is gone: init says so instead of "exists".
  fs::rename(db_ + ".keys", dir_ / "moved.keys");
  CliResult lost = Run({"init"});
  EXPECT_EQ(lost.exit_code, 2);
  EXPECT_EQ(lost.out, "");
  EXPECT_EQ(lost.err, "creditbank init: " + db_ + ".keys/secret: cannot read the bank secret: No such file or "
                      "directory\n");
}

}  // namespace
}  // namespace creditbank::testing_cli
