// BankConvert over a real (SQLite) bank: every learner converted and recorded, records that verify
// with the bank's keys in both signing modes, a ledger whose checkpoint is the RFC 9162 root of all
// leaves (checked against the O(n) reference), resumption that ends with exactly the ledger of an
// uninterrupted run, idempotent re-runs, the run lock, and the decision date kept across a resume.
#include "engine/batch/bank_convert.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/bank/import.h"
#include "engine/bank/lookup.h"
#include "engine/bank/outcome_json.h"
#include "engine/bank/revoke.h"
#include "engine/batch/chunk_work.h"
#include "engine/batch/synthetic_intake.h"
#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/merkle.h"
#include "engine/records/record_verify.h"
#include "engine/records/stored_batch.h"
#include "engine/rules/loader.h"
#include "tests/store/store_test_util.h"

namespace creditbank::batch {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1795928400;  // 2026-11-29T05:00:00Z
constexpr int kLearners = 400;

std::string ReadAll(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct Ledger {
  std::vector<std::string> ids;
  std::vector<records::Hash> leaves;
  std::vector<std::string> bodies;  // issued texts (bank::IssuedRecords)
  std::vector<std::string> stored;  // as the store holds them
};

class BankConvertTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("creditbank-bank-convert-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::shared_ptr<const RuleSet> rules = rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
    ASSERT_NE(rules, nullptr);
    IntakeOptions intake;
    intake.learners = kLearners;
    intake.seed = 11;
    intake.defects_per_10k = 300;
    std::ofstream out(dir_ / "intake.jsonl", std::ios::binary);
    ASSERT_TRUE(GenerateIntake(*rules, intake, out, &intake_).ok());
    out.close();
    StatusOr<bank::RuleFiles> files = bank::ReadRuleFiles(CREDITBANK_SOURCE_DIR "/rules");
    ASSERT_TRUE(files.ok()) << files.status().ToString();
    StatusOr<bank::InitResult> init = bank::InitBank(Db("a"), *files, clock_);
    ASSERT_TRUE(init.ok()) << init.status().ToString();
    // A copy of the fresh bank, same keys and secret, for comparing runs.
    fs::copy(Db("a"), Db("b"));
    fs::copy(bank::KeysDirFor(Db("a")), bank::KeysDirFor(Db("b")), fs::copy_options::recursive);
    fs::permissions(bank::KeysDirFor(Db("b")), fs::perms::owner_all, fs::perm_options::replace);
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Db(const std::string& name) const { return (dir_ / (name + ".db")).string(); }

  std::unique_ptr<bank::Bank> Open(const std::string& name) {
    StatusOr<std::unique_ptr<bank::Bank>> b = bank::Bank::Open(Db(name), clock_);
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    return b.ok() ? std::move(*b) : nullptr;
  }

  BankConvertOptions Options(const std::string& name, SigningMode mode = SigningMode::kPerRecord) const {
    BankConvertOptions o;
    o.programme = "CQEIT-510102";
    o.date = Date::FromCivil(2025, 9, 1);
    o.input = (dir_ / "intake.jsonl").string();
    o.output = (dir_ / (name + ".decisions.jsonl")).string();
    o.rejects = (dir_ / (name + ".rejects.jsonl")).string();
    o.signing = mode;
    o.jobs = 2;
    o.chunk_size = 32;
    o.holder = "test " + name;
    return o;
  }

  StatusOr<BankConvertSummary> Run(bank::Bank& b, const BankConvertOptions& o) {
    StatusOr<std::shared_ptr<const RuleSet>> rules = b.LatestRuleSet();
    if (!rules.ok()) return rules.status();
    Converter converter(*rules);
    return BankConvert(b, converter, o);
  }

  static Ledger ReadLedger(bank::Bank& b) {
    Ledger l;
    bank::IssuedRecords issued(b.store());
    Status s = b.store().ForEachRecord([&](const store::RecordRow& row) -> Status {
      l.ids.push_back(row.id);
      records::Hash h{};
      EXPECT_EQ(row.leaf_hash.size(), 32u);
      std::copy(row.leaf_hash.begin(), row.leaf_hash.end(), h.begin());
      l.leaves.push_back(h);
      l.stored.push_back(row.body);
      store::RecordRow copy = row;
      CB_RETURN_IF_ERROR(issued.Restore(&copy));
      l.bodies.push_back(copy.body);
      return Status::Ok();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return l;
  }

  // Every record verifies on its own, its leaf is the RFC 9162 leaf of its stored bytes, the last
  // checkpoint is signed by the bank and is the root of all leaves; no learner id enters a record.
  void ExpectSound(bank::Bank& b, const BankConvertSummary& summary) {
    Ledger l = ReadLedger(b);
    ASSERT_EQ(static_cast<int64_t>(l.ids.size()), summary.ledger_size);
    std::set<std::string> unique(l.ids.begin(), l.ids.end());
    EXPECT_EQ(unique.size(), l.ids.size());
    for (size_t i = 0; i < l.ids.size(); ++i) {
      EXPECT_EQ(l.leaves[i], records::LeafHash(records::AsBytes(l.bodies[i])));
      StatusOr<records::Record> r = records::ParseRecord(l.bodies[i]);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      EXPECT_EQ(r->id, l.ids[i]);
      Status v = records::VerifyRecord(*r, b.key_ring());
      EXPECT_TRUE(v.ok()) << v.ToString();
      EXPECT_EQ(l.bodies[i].find("\"S2026"), std::string::npos) << "a learner id in record " << i;
    }
    StatusOr<std::vector<store::CheckpointRow>> cps = b.store().Checkpoints();
    ASSERT_TRUE(cps.ok());
    ASSERT_FALSE(cps->empty());
    StatusOr<records::Checkpoint> cp = records::OpenSignedCheckpoint(cps->back().note, b.signer().public_key());
    ASSERT_TRUE(cp.ok()) << cp.status().ToString();
    EXPECT_EQ(cp->origin, b.origin());
    EXPECT_EQ(cp->tree_size, l.ids.size());
    EXPECT_EQ(cp->root, records::RootOfLeafHashes(l.leaves));
    EXPECT_EQ(records::HexEncode(cp->root), summary.ledger_root);
    EXPECT_EQ(cps->back().root, std::string(cp->root.begin(), cp->root.end()));
  }

  fs::path dir_;
  FixedClock clock_{kNow};
  IntakeSummary intake_;
};

TEST(TransactionItemLimitTest, ShrinksTowardsTheEndOfTheInput) {
  struct Case {
    int64_t per_commit, total, done, want;
  };
  constexpr Case kCases[] = {
      {16384, 0, 0, 16384},           // total unknown
      {16384, 0, 50000, 16384},
      {16384, 100000, 0, 16384},      // far from the end
      {16384, 100000, 67232, 16384},  // 32,768 left: half is the whole limit
      {16384, 100000, 67233, 16383},
      {16384, 100000, 80000, 10000},
      {16384, 100000, 95000, 2500},
      {16384, 100000, 96000, 2048},   // half of 4,000 is under the floor
      {16384, 100000, 99999, 2048},
      {16384, 100000, 100000, 2048},
      {16384, 100000, 120000, 2048},  // more lines than counted
      {1000, 100000, 99000, 1000},    // a smaller limit stays
      {0, 100000, 0, 1},              // at least one item
      {-5, 0, 0, 1},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(TransactionItemLimit(c.per_commit, c.total, c.done), c.want)
        << c.per_commit << " per commit, " << c.done << " of " << c.total << " done";
  }
}

TEST_F(BankConvertTest, PerRecordRunRecordsEveryLearner) {
  auto b = Open("a");
  ASSERT_NE(b, nullptr);
  StatusOr<BankConvertSummary> s = Run(*b, Options("a"));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_FALSE(s->resumed);
  EXPECT_EQ(s->totals.learners, intake_.learners - intake_.defective);
  EXPECT_EQ(s->totals.rejects, intake_.defective);
  EXPECT_EQ(s->totals.outcomes, intake_.outcomes);
  // One conversion record per learner and one certification record per certified outcome.
  EXPECT_EQ(s->totals.records_signed, s->totals.learners + s->totals.certified);
  EXPECT_EQ(s->totals.records_new, s->totals.records_signed);
  EXPECT_EQ(s->ledger_size, s->totals.records_new);
  EXPECT_GT(s->totals.certified, s->totals.learners);  // the intake averages 5.5 outcomes a learner
  ExpectSound(*b, *s);

  // The decisions file holds each learner's conversion record, signed, in input order.
  std::istringstream decisions(ReadAll(dir_ / "a.decisions.jsonl"));
  int64_t lines = 0;
  for (std::string line; std::getline(decisions, line); ++lines) {
    StatusOr<records::Record> r = records::ParseRecord(line);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->type, records::RecordType::kConversion);
    EXPECT_EQ(r->learner.size(), 64u);  // a pseudonym
    EXPECT_TRUE(b->store().FindRecord(r->id)->has_value());
  }
  EXPECT_EQ(lines, s->totals.learners);
  std::istringstream rejects(ReadAll(dir_ / "a.rejects.jsonl"));
  int64_t reject_lines = 0;
  for (std::string line; std::getline(rejects, line);) ++reject_lines;
  EXPECT_EQ(reject_lines, intake_.defective);
  // The learners are in the accounts too.
  EXPECT_EQ(*b->store().LearnerCount(), s->totals.learners);
}

// The summary splits this process's CPU time by stage. Each stage is part of the process's CPU time;
// a per-record run's signing, a signature per record, takes several times a batch run's over the same
// intake, a signature per chunk; and a batch run signs in less time than it does its other work. (Not
// that per-record runs sign for longer than they work otherwise: that holds in an optimized build,
// not under ThreadSanitizer, which slows the engine's code and not OpenSSL's.)
TEST_F(BankConvertTest, CpuTimeIsSplitByStage) {
  auto process_cpu = [] {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
           static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
  };
  std::vector<BankConvertSummary> summaries;
  for (SigningMode mode : {SigningMode::kPerRecord, SigningMode::kBatch}) {
    const std::string name = mode == SigningMode::kPerRecord ? "a" : "b";  // two fresh banks
    auto b = Open(name);
    ASSERT_NE(b, nullptr);
    BankConvertOptions options = Options(name, mode);
    const double before = process_cpu();
    StatusOr<BankConvertSummary> s = Run(*b, options);
    const double used = process_cpu() - before;
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_GT(s->signing_cpu, 0) << name;
    EXPECT_GT(s->other_work_cpu, 0) << name;
    EXPECT_GT(s->store_cpu, 0) << name;
    // rusage counts in microseconds: allow its rounding.
    EXPECT_LE(s->signing_cpu + s->other_work_cpu + s->store_cpu, used + 0.01) << name;
    summaries.push_back(*std::move(s));
  }
  const BankConvertSummary& per_record = summaries[0];
  const BankConvertSummary& batch = summaries[1];
  EXPECT_EQ(per_record.totals.records_signed, batch.totals.records_signed);
#ifndef __SANITIZE_THREAD__
  // ThreadSanitizer slows the engine's own code five- to fifteen-fold and not OpenSSL's, which does
  // per-record signing: the two modes' shares mean nothing there (scripts/sanitize.sh thread).
  EXPECT_GT(per_record.signing_cpu, 3 * batch.signing_cpu);
  EXPECT_LT(batch.signing_cpu, batch.other_work_cpu);
#endif
}

TEST_F(BankConvertTest, BatchSigningVerifiesToo) {
  auto b = Open("a");
  ASSERT_NE(b, nullptr);
  StatusOr<BankConvertSummary> s = Run(*b, Options("a", SigningMode::kBatch));
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->totals.learners, intake_.learners - intake_.defective);
  ExpectSound(*b, *s);
  // The store holds each record with a proof that names its batch; the issued text, rebuilt from the
  // batch, carries the checkpoint and the inclusion path, and is byte for byte the decision line the
  // run wrote from the record it signed.
  Ledger l = ReadLedger(*b);
  std::set<std::string> batches;
  std::vector<std::string> conversions;
  for (size_t i = 0; i < l.ids.size(); ++i) {
    const std::string& stored = l.stored[i];
    ASSERT_NE(stored.find("\"proof\":{\"batch\":\"creditbank/batch/"), std::string::npos) << stored;
    std::optional<std::string> origin = records::StoredBatchOrigin(stored);
    ASSERT_TRUE(origin.has_value()) << stored;
    batches.insert(*origin);
    EXPECT_EQ(stored.find("\"checkpoint\""), std::string::npos);
    EXPECT_EQ(stored.find("\"inclusion\""), std::string::npos);
    EXPECT_NE(l.bodies[i].find("\"proof\":{\"checkpoint\":\"creditbank/batch/"), std::string::npos);
    EXPECT_NE(l.bodies[i].find("\"mode\":\"batch\""), std::string::npos);
    EXPECT_LT(stored.size() + 200, l.bodies[i].size());  // at least the note, ~200 bytes
    if (l.bodies[i].find("\"type\":\"conversion\"}") != std::string::npos) conversions.push_back(l.bodies[i]);
  }
  // One batch per chunk of 32 input lines (Options).
  EXPECT_EQ(static_cast<int64_t>(batches.size()), (intake_.learners + 31) / 32);
  std::vector<std::string> lines;
  std::istringstream decisions(ReadAll(dir_ / "a.decisions.jsonl"));
  for (std::string line; std::getline(decisions, line);) lines.push_back(line);
  EXPECT_EQ(lines, conversions);
}

TEST_F(BankConvertTest, ResumedRunEndsWithTheLedgerOfAnUninterruptedOne) {
  for (SigningMode mode : {SigningMode::kPerRecord, SigningMode::kBatch}) {
    SCOPED_TRACE(std::string(SigningModeName(mode)));
    SetUp();
    auto a = Open("a");
    auto b = Open("b");
    ASSERT_NE(a, nullptr);
    ASSERT_NE(b, nullptr);
    BankConvertOptions o = Options("a", mode);
    o.stop_after_chunks = 2;
    StatusOr<BankConvertSummary> s1 = Run(*a, o);
    ASSERT_TRUE(s1.ok()) << s1.status().ToString();
    EXPECT_TRUE(s1->stopped);
    EXPECT_EQ(s1->totals.learners + s1->totals.rejects, 64);
    o.stop_after_chunks = 3;
    StatusOr<BankConvertSummary> s2 = Run(*a, o);
    ASSERT_TRUE(s2.ok()) << s2.status().ToString();
    EXPECT_TRUE(s2->resumed);
    EXPECT_EQ(s2->skipped, 64);
    o.stop_after_chunks = 0;
    StatusOr<BankConvertSummary> s3 = Run(*a, o);
    ASSERT_TRUE(s3.ok()) << s3.status().ToString();
    EXPECT_EQ(s3->skipped, 160);

    StatusOr<BankConvertSummary> whole = Run(*b, Options("b", mode));
    ASSERT_TRUE(whole.ok()) << whole.status().ToString();
    EXPECT_EQ(s3->ledger_root, whole->ledger_root);
    EXPECT_EQ(s3->ledger_size, whole->ledger_size);
    EXPECT_EQ(ReadLedger(*a).ids, ReadLedger(*b).ids);
    EXPECT_EQ(s3->totals.learners, whole->totals.learners);
    EXPECT_EQ(s3->totals.records_new, whole->totals.records_new);
    EXPECT_EQ(ReadAll(dir_ / "a.decisions.jsonl"), ReadAll(dir_ / "b.decisions.jsonl"));
    EXPECT_EQ(ReadAll(dir_ / "a.rejects.jsonl"), ReadAll(dir_ / "b.rejects.jsonl"));
    ExpectSound(*a, *s3);
    a.reset();
    b.reset();
    TearDown();
  }
}

TEST_F(BankConvertTest, RunningAgainChangesNothing) {
  auto b = Open("a");
  ASSERT_NE(b, nullptr);
  StatusOr<BankConvertSummary> first = Run(*b, Options("a"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const std::string decisions = ReadAll(dir_ / "a.decisions.jsonl");
  StatusOr<BankConvertSummary> again = Run(*b, Options("a"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->already_done);
  EXPECT_EQ(again->ledger_root, first->ledger_root);
  EXPECT_EQ(*b->store().RecordCount(), first->ledger_size);
  EXPECT_EQ(ReadAll(dir_ / "a.decisions.jsonl"), decisions);
  // Another signing mode is another run; the certification records exist already and are not
  // appended again, only the conversion records (their proofs differ, their ids do not).
  StatusOr<BankConvertSummary> batch = Run(*b, Options("a", SigningMode::kBatch));
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ(batch->totals.records_new, 0);
  EXPECT_EQ(batch->ledger_size, first->ledger_size);
}

TEST_F(BankConvertTest, ASecondRunIsRefusedWhileOneHoldsTheLock) {
  auto b = Open("a");
  ASSERT_NE(b, nullptr);
  StatusOr<std::unique_ptr<store::RunLock>> lock = b->store().TryLockRun("convert pid 7");
  ASSERT_TRUE(lock.ok()) << lock.status().ToString();
  auto other = Open("a");
  ASSERT_NE(other, nullptr);
  StatusOr<BankConvertSummary> s = Run(*other, Options("a"));
  EXPECT_EQ(s.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(s.status().message(), Db("a") + ": another batch run is writing to this bank (convert pid 7)");
  EXPECT_EQ(*other->store().RecordCount(), 0);
}

TEST_F(BankConvertTest, UnknownProgrammeAndBadSigningMode) {
  auto b = Open("a");
  ASSERT_NE(b, nullptr);
  BankConvertOptions o = Options("a");
  o.programme = "NOPE";
  StatusOr<BankConvertSummary> s = Run(*b, o);
  EXPECT_EQ(s.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s.status().message(), "convert: no programme \"NOPE\"");
  StatusOr<SigningMode> m = ParseSigningMode("fast");
  EXPECT_EQ(m.status().message(), "--signing: expected per-record or batch, got \"fast\"");
  EXPECT_EQ(*ParseSigningMode("batch"), SigningMode::kBatch);
  EXPECT_EQ(*ParseSigningMode("per-record"), SigningMode::kPerRecord);
}

TEST_F(BankConvertTest, AResumedRunKeepsTheDateItStartedWith) {
  BankConvertOptions o = Options("a");
  o.date.reset();
  o.stop_after_chunks = 1;
  {
    auto b = Open("a");  // clock: 2026-11-29
    StatusOr<BankConvertSummary> s = Run(*b, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    EXPECT_EQ(s->date.ToString(), "2026-11-29");
  }
  clock_ = FixedClock(kNow + 3 * 86400);
  o.stop_after_chunks = 0;
  auto b = Open("a");
  StatusOr<BankConvertSummary> s = Run(*b, o);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->resumed);
  EXPECT_EQ(s->date.ToString(), "2026-11-29");
  // Finished: a new run without a date takes the clock's day.
  StatusOr<BankConvertSummary> next = Run(*b, o);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_EQ(next->date.ToString(), "2026-12-02");
  EXPECT_FALSE(next->resumed);
  // The pending date edited to a day no run started on: a run without a date takes the clock's day.
  b.reset();
  ASSERT_EQ(store::testing::ExecOn(Db("a"), "UPDATE meta SET value = '2019-06-01' WHERE key LIKE 'convert.date.%'"),
            1);
  clock_ = FixedClock(kNow + 5 * 86400);
  b = Open("a");
  StatusOr<BankConvertSummary> edited = Run(*b, o);
  ASSERT_TRUE(edited.ok()) << edited.status().ToString();
  EXPECT_EQ(edited->date.ToString(), "2026-12-04");
}

TEST_F(BankConvertTest, StoredLearnersConvertLikeTheFile) {
  auto a = Open("a");
  ASSERT_NE(a, nullptr);
  StatusOr<BankConvertSummary> from_file = Run(*a, Options("a"));
  ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
  // The same learners, now in the accounts, converted from the store on another date.
  BankConvertOptions o = Options("a");
  o.input = "";
  StatusOr<BankConvertSummary> from_store = Run(*a, o);
  ASSERT_TRUE(from_store.ok()) << from_store.status().ToString();
  EXPECT_EQ(from_store->totals.learners, from_file->totals.learners);
  EXPECT_EQ(from_store->totals.rejects, 0);
  EXPECT_EQ(from_store->totals.certified, from_file->totals.certified);
  // Same learners, programme, date and rules: the same record ids, so nothing new in the ledger.
  EXPECT_EQ(from_store->totals.records_new, 0);
  EXPECT_EQ(from_store->ledger_root, from_file->ledger_root);
}

// A certification revoked between two transactions of a run over the bank's learners withdraws its
// outcome for the rest of the run: its learner, marked changed, is read again and decided anew, with
// the outcome rejected as revoked and no certification of it made after the revocation.
TEST_F(BankConvertTest, ACertificationRevokedDuringARunIsWithdrawnForTheRestOfIt) {
  auto a = Open("a");
  ASSERT_NE(a, nullptr);
  StatusOr<BankConvertSummary> first = Run(*a, Options("a"));  // the intake into the accounts, on 2025-09-01
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const int64_t before = *a->store().RecordCount();
  BankConvertOptions o = Options("a");
  o.input = "";
  o.date = Date::FromCivil(2025, 10, 1);
  o.output = (dir_ / "october.decisions.jsonl").string();
  o.items_per_commit = 32;  // one chunk a transaction: many transactions
  o.max_chunks_in_flight = 1;
  store::RecordRow revoked;
  std::string withdrawn;
  int64_t revocation_leaf = 0;
  o.progress = [&](const BankConvertProgress& p) {
    if (!revoked.id.empty() || p.committed_chunks == 0 || p.chunks != p.committed_chunks) return;
    StatusOr<std::vector<store::RecordRow>> rows = a->store().RecordsFrom(before, 100);
    ASSERT_TRUE(rows.ok());
    for (const store::RecordRow& row : *rows) {
      if (row.type == "certification") {
        revoked = row;
        break;
      }
    }
    StatusOr<bank::RevokeResult> r = bank::Revoke(*a, revoked.id, "forged");
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->outcome.has_value());
    withdrawn = r->outcome->later.empty() ? r->outcome->outcome.id : "";
    revocation_leaf = r->leaf_index;
  };
  StatusOr<BankConvertSummary> summary = Run(*a, o);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  ASSERT_FALSE(withdrawn.empty());
  // One more decision than learners in the bank: the learner decided again.
  EXPECT_EQ(summary->totals.learners, first->totals.learners + 1);
  StatusOr<std::vector<store::RecordRow>> records = a->store().RecordsOf(revoked.pseudonym);
  ASSERT_TRUE(records.ok());
  // What the learner's records after the revocation say of the outcome: its other certifications were
  // made before, by its first decision in this run, and are the same again.
  std::vector<std::string> after;
  for (const store::RecordRow& row : *records) {
    if (row.leaf_index <= revocation_leaf) continue;
    StatusOr<records::Record> record = bank::ParseRecordRow(row);
    ASSERT_TRUE(record.ok());
    if (row.type == "certification") {
      after.push_back("certification of " + record->body.Find("outcome")->Find("id")->AsString());
      continue;
    }
    for (const json::Value& c : record->body.Find("certifications")->items()) {
      if (c.Find("outcome")->AsString() != withdrawn) continue;
      const json::Value* reason = c.Find("reason");
      after.push_back(record->date + " " + (reason == nullptr ? "certified" : reason->AsString() + ": " +
                                                                                 c.Find("detail")->AsString()));
    }
  }
  ASSERT_EQ(after.size(), 1u) << ::testing::PrintToString(after);
  EXPECT_EQ(after[0], "2025-10-01 revoked: certification " + revoked.id + " was revoked at 2026-11-29T05:00:00Z");
}

// A file run: the chunks read ahead of the first commit are decided before a revocation made after
// it, and written after it; the learner's chunk is decided again, so that no certification of the
// outcome follows the revocation, in either signing mode (a file run does not read the learner again).
TEST_F(BankConvertTest, AChunkInFlightAtARevocationIsDecidedAgainWithIt) {
  for (SigningMode mode : {SigningMode::kPerRecord, SigningMode::kBatch}) {
    SCOPED_TRACE(std::string(SigningModeName(mode)));
    const std::string name = std::string("in-flight-") + std::string(SigningModeName(mode));
    fs::copy(Db("b"), Db(name));
    fs::copy(bank::KeysDirFor(Db("b")), bank::KeysDirFor(Db(name)), fs::copy_options::recursive);
    auto a = Open(name);
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(Run(*a, Options(name, mode)).ok());  // the intake into the accounts, on 2025-09-01
    // The second chunk's learners (lines 33 to 64 of the intake) and their certifications.
    std::vector<std::string> second_chunk;
    {
      std::ifstream in(dir_ / "intake.jsonl");
      std::string line;
      for (int n = 1; std::getline(in, line) && n <= 64; ++n) {
        StatusOr<json::Value> v = json::Parse(line);
        if (n > 32 && v.ok() && v->Find("learner_id") != nullptr) {
          second_chunk.push_back(a->Pseudonym(v->Find("learner_id")->AsString()));
        }
      }
    }
    BankConvertOptions o = Options(name, mode);
    o.date = Date::FromCivil(2025, 10, 1);
    o.output = (dir_ / (name + ".october.jsonl")).string();
    o.items_per_commit = 32;  // one chunk a transaction,
    o.max_chunks_per_write = 1;
    o.max_chunks_in_flight = 8;  // with seven more read and decided meanwhile
    store::RecordRow revoked;
    int64_t revocation_leaf = -1;
    o.progress = [&](const BankConvertProgress& p) {
      if (revocation_leaf >= 0 || p.committed_chunks != 1 || p.chunks != 1) return;
      for (const std::string& pseudonym : second_chunk) {
        StatusOr<std::vector<store::RecordRow>> rows = a->store().RecordsOf(pseudonym);
        ASSERT_TRUE(rows.ok());
        for (const store::RecordRow& row : *rows) {
          if (row.type == "certification" && revoked.id.empty()) revoked = row;
        }
      }
      ASSERT_FALSE(revoked.id.empty());
      StatusOr<bank::RevokeResult> r = bank::Revoke(*a, revoked.id, "forged");
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      revocation_leaf = r->leaf_index;
    };
    ASSERT_TRUE(Run(*a, o).ok());
    ASSERT_GE(revocation_leaf, 0);
    bank::IssuedRecords issued(a->store());
    ASSERT_TRUE(issued.Restore(&revoked).ok());
    StatusOr<records::Record> certification = bank::ParseRecordRow(revoked);
    ASSERT_TRUE(certification.ok());
    const std::string outcome = certification->body.Find("outcome")->Find("id")->AsString();
    // What the learner's records after the revocation say of the outcome: its October decision only,
    // rejecting it (the other outcomes are certified for October).
    StatusOr<std::vector<store::RecordRow>> records = a->store().RecordsOf(revoked.pseudonym);
    ASSERT_TRUE(records.ok());
    std::vector<std::string> after;
    for (store::RecordRow row : *records) {
      if (row.leaf_index <= revocation_leaf) continue;
      ASSERT_TRUE(issued.Restore(&row).ok());
      StatusOr<records::Record> record = bank::ParseRecordRow(row);
      ASSERT_TRUE(record.ok());
      if (row.type == "certification") {
        if (record->body.Find("outcome")->Find("id")->AsString() == outcome) after.push_back("certified");
        continue;
      }
      for (const json::Value& c : record->body.Find("certifications")->items()) {
        const json::Value* reason = c.Find("reason");
        if (c.Find("outcome")->AsString() == outcome) {
          after.push_back(record->date + " " + (reason != nullptr ? reason->AsString() : "certified"));
        }
      }
    }
    EXPECT_EQ(after, std::vector<std::string>{"2025-10-01 revoked"});
  }
}

// A run over the bank's learners: a learner whose chunk was in flight at a revocation is decided again
// at its write, and met again later at the change the revocation made; met with the same decision, it
// is left out there, so that every learner has one decision line and counts once, in either signing
// mode. An outcome imported for it meanwhile makes the later decision another one, which is written.
TEST_F(BankConvertTest, ALearnerDecidedAgainAtAWriteIsNotWrittenTwice) {
  struct Case {
    SigningMode mode;
    bool import_too;
    bool killed = false;  // stopped after the learners' chunks, before they are met again; then resumed
  };
  for (const Case c : {Case{SigningMode::kPerRecord, false}, Case{SigningMode::kBatch, false},
                       Case{SigningMode::kPerRecord, true}, Case{SigningMode::kPerRecord, false, true},
                       Case{SigningMode::kBatch, true, true}}) {
    const std::string name = std::string("met-again-") + std::string(SigningModeName(c.mode)) +
                             (c.import_too ? "-import" : "") + (c.killed ? "-killed" : "");
    SCOPED_TRACE(name);
    fs::copy(Db("b"), Db(name));
    fs::copy(bank::KeysDirFor(Db("b")), bank::KeysDirFor(Db(name)), fs::copy_options::recursive);
    auto a = Open(name);
    ASSERT_NE(a, nullptr);
    ASSERT_TRUE(Run(*a, Options(name, c.mode)).ok());  // the intake into the accounts, on 2025-09-01
    StatusOr<std::vector<store::LearnerRow>> learners = a->store().LearnersChangedAfter(0, 1000);
    ASSERT_TRUE(learners.ok());
    // A learner with a certification in each of the chunks after the first: at the revocation, one
    // worker has decided a few of the chunks read (they are decided again at their write), and the others
    // are only read (their worker decides them with the revocation).
    constexpr size_t kChunk = 32;
    std::vector<store::RecordRow> targets;
    store::LearnerRow learner;  // the first target's
    for (size_t chunk : {1, 2, 5}) {
      store::RecordRow target;
      for (size_t i = kChunk * chunk; i < kChunk * (chunk + 1) && target.id.empty(); ++i) {
        StatusOr<std::vector<store::RecordRow>> rows = a->store().RecordsOf((*learners)[i].pseudonym);
        ASSERT_TRUE(rows.ok());
        for (const store::RecordRow& row : *rows) {
          if (row.type == "certification" && target.id.empty()) target = row;
        }
        if (targets.empty()) learner = (*learners)[i];
      }
      ASSERT_FALSE(target.id.empty());
      targets.push_back(target);
    }
    const store::RecordRow& revoked = targets.front();
    BankConvertOptions o = Options(name, c.mode);
    o.input = "";
    o.date = Date::FromCivil(2025, 10, 1);
    o.output = (dir_ / (name + ".october.jsonl")).string();
    o.chunk_size = kChunk;
    o.items_per_commit = kChunk;  // one chunk a transaction,
    o.max_chunks_per_write = 1;
    o.max_chunks_in_flight = 6;  // with five more read meanwhile,
    o.jobs = 1;                   // and decided one chunk at a time
    bool done = false;
    o.progress = [&](const BankConvertProgress& p) {
      if (done || p.committed_chunks != 1 || p.chunks != 1) return;
      done = true;
      for (const store::RecordRow& target : targets) ASSERT_TRUE(bank::Revoke(*a, target.id, "forged").ok());
      if (!c.import_too) return;
      StatusOr<json::Value> v = json::Parse(
          R"({"id":"extra1","kind":"course","institution":"CQEIT","code":"AET210","score":91,"date":"2025-06-27"})");
      ASSERT_TRUE(v.ok());
      StatusOr<Outcome> extra = bank::OutcomeFromJson(*v);
      ASSERT_TRUE(extra.ok()) << extra.status().ToString();
      Learner more{learner.learner_id, learner.name, {*extra}};
      ASSERT_EQ(a->store().Transaction([&]() { return bank::PutLearnerRows(*a, more).status(); }), Status::Ok());
    };
    if (c.killed) {
      // The learners changed by the revocations come after the last of the others, in its chunk.
      ASSERT_NE(learners->size() % kChunk, 0u);
      o.stop_after_chunks = static_cast<int64_t>(learners->size() / kChunk);
      StatusOr<BankConvertSummary> first = Run(*a, o);
      ASSERT_TRUE(first.ok()) << first.status().ToString();
      ASSERT_TRUE(first->stopped);
      EXPECT_EQ(first->totals.learners, o.stop_after_chunks * static_cast<int64_t>(kChunk));
      EXPECT_EQ(first->totals.decided_again.size(), targets.size());
      o.stop_after_chunks = 0;
    }
    StatusOr<BankConvertSummary> summary = Run(*a, o);
    ASSERT_TRUE(summary.ok()) << summary.status().ToString();
    ASSERT_TRUE(done);
    EXPECT_EQ(summary->totals.decided_again, (std::map<std::string, std::string>()));
    const int64_t again = c.import_too ? 1 : 0;
    EXPECT_EQ(summary->totals.learners, static_cast<int64_t>(learners->size()) + again);
    EXPECT_EQ(summary->totals.rejects, 0);
    std::map<std::string, std::vector<std::string>> lines;  // by learner
    std::ifstream in(o.output);
    for (std::string line; std::getline(in, line);) {
      StatusOr<records::Record> record = records::ParseRecord(line);
      ASSERT_TRUE(record.ok()) << record.status().ToString();
      lines[record->learner].push_back(line);
    }
    EXPECT_EQ(lines.size(), learners->size());
    EXPECT_EQ(std::count_if(lines.begin(), lines.end(), [](const auto& l) { return l.second.size() != 1; }), again);
    for (const store::RecordRow& target : targets) {
      const std::vector<std::string>& decisions = lines[target.pseudonym];
      ASSERT_EQ(decisions.size(), static_cast<size_t>(&target == &revoked ? 1 + again : 1));
      for (const std::string& decision : decisions) {
        EXPECT_NE(decision.find(R"("detail":"certification )" + target.id + " was revoked at "), std::string::npos);
      }
    }
    EXPECT_EQ(lines[revoked.pseudonym].back().find(R"("outcome":"extra1")") != std::string::npos, c.import_too);
  }
}

// A chunk decided by a worker before a revocation and written after it is decided again (chunk_work.h)
// when one of its learners has other withdrawals now, and only then: the outcome withdrawn gets no
// certification row, and the decision rejects it as revoked.
TEST_F(BankConvertTest, AChunkDecidedBeforeARevocationIsDecidedAgainWithIt) {
  auto a = Open("a");
  ASSERT_NE(a, nullptr);
  ASSERT_TRUE(Run(*a, Options("a")).ok());
  StatusOr<std::vector<store::RecordRow>> ledger = a->store().RecordsFrom(0, 100);
  ASSERT_TRUE(ledger.ok());
  const auto certification = std::find_if(ledger->begin(), ledger->end(),
                                          [](const store::RecordRow& r) { return r.type == "certification"; });
  ASSERT_NE(certification, ledger->end());
  StatusOr<records::Record> record = bank::ParseRecordRow(*certification);
  ASSERT_TRUE(record.ok());
  StatusOr<Outcome> outcome = bank::OutcomeFromJson(*record->body.Find("outcome"));
  ASSERT_TRUE(outcome.ok());
  const std::string pseudonym = certification->pseudonym;
  StatusOr<std::optional<store::LearnerRow>> learner = a->store().FindLearner(pseudonym);
  ASSERT_TRUE(learner.ok() && learner->has_value());
  StatusOr<std::vector<store::OutcomeRow>> outcomes = a->store().OutcomesOf(pseudonym);
  ASSERT_TRUE(outcomes.ok());

  StatusOr<std::shared_ptr<const RuleSet>> rules = a->LatestRuleSet();
  ASSERT_TRUE(rules.ok());
  Converter converter(*rules);
  CurrentWithdrawals withdrawals;
  const WorkContext context{a.get(),      nullptr,          &converter,
                            &withdrawals, "CQEIT-510102", Date::FromCivil(2025, 10, 1),
                            (*rules)->hash(), SigningMode::kPerRecord, "run"};
  WorkChunk chunk;
  chunk.items.resize(1);
  chunk.used = 1;
  chunk.items[0].learner.id = (*learner)->learner_id;
  chunk.items[0].stored_pseudonym = pseudonym;  // as the run reads it from the learner's row
  for (const store::OutcomeRow& o : *outcomes) chunk.items[0].outcome_texts.push_back(o.body);
  chunk.items[0].stored_unparsed = true;
  Decision scratch;
  ProcessChunk(context, &chunk, &scratch);
  ASSERT_TRUE(chunk.status.ok()) << chunk.status.ToString();
  const int64_t certified = chunk.certified;
  StatusOr<std::string> canonical = json::Canonicalize(*record->body.Find("outcome"));
  ASSERT_TRUE(canonical.ok());
  const std::string outcome_text = R"("outcome":)" + *canonical;
  auto certifies_outcome = [&]() {
    return std::any_of(chunk.rows.begin(), chunk.rows.end(), [&](const store::RecordRow& r) {
      return r.type == "certification" && r.body.find(outcome_text) != std::string::npos;
    });
  };
  ASSERT_TRUE(certifies_outcome());

  // Another learner's withdrawal: nothing to decide again.
  withdrawals.Set({{"someone else", {Withdrawal{*outcome, certification->id, "2026-11-29T05:00:00Z"}}}});
  StatusOr<bool> again = DecideAgainIfWithdrawalsChanged(context, &chunk, &scratch);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  // This learner's: decided again without the outcome.
  withdrawals.Set({{pseudonym, {Withdrawal{*outcome, certification->id, "2026-11-29T05:00:00Z"}}}});
  again = DecideAgainIfWithdrawalsChanged(context, &chunk, &scratch);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(*again);
  EXPECT_EQ(chunk.certified, certified - 1);
  EXPECT_FALSE(certifies_outcome());
  ASSERT_EQ(chunk.decision_rows.size(), 1u);
  EXPECT_NE(chunk.rows[chunk.decision_rows[0]].body.find(R"("detail":"certification )" + certification->id +
                                                         R"( was revoked at 2026-11-29T05:00:00Z")"),
            std::string::npos);
  // Decided with the withdrawals as they stand: nothing more to do.
  again = DecideAgainIfWithdrawalsChanged(context, &chunk, &scratch);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
}

// A learner whose stored outcomes do not read back is a reject naming the learner's seq, whether the
// bank cannot split the outcome set (found on the reading thread) or an outcome's text is not JSON
// (found by the worker that parses it); the other learners convert as before.
TEST_F(BankConvertTest, StoredOutcomesThatDoNotReadBackMakeRejects) {
  int64_t file_learners = 0;
  {
    auto a = Open("a");
    ASSERT_NE(a, nullptr);
    StatusOr<BankConvertSummary> from_file = Run(*a, Options("a"));
    ASSERT_TRUE(from_file.ok()) << from_file.status().ToString();
    file_learners = from_file->totals.learners;
  }
  ASSERT_EQ(store::testing::ExecOn(Db("a"), "UPDATE outcome_sets SET count = 1, outcomes = 'h' || char(9) || "
                                              "'o1' || char(10) WHERE learner_seq = 2"),
            1);
  ASSERT_EQ(store::testing::ExecOn(Db("a"), "UPDATE outcome_sets SET count = 1, outcomes = 'h' || char(9) || "
                                              "'o1' || char(9) || '{\"id\":' || char(10) WHERE learner_seq = 3"),
            1);
  // Learner ids edited: each row's outcomes would be certified for the learner its id names (another
  // learner's id, in a swap).
  ASSERT_EQ(store::testing::ExecOn(Db("a"), "UPDATE learners SET learner_id = 'X' || learner_id WHERE seq IN (4, 5)"),
            2);  // rows changed
  auto a = Open("a");
  ASSERT_NE(a, nullptr);
  BankConvertOptions o = Options("a");
  o.input = "";
  o.rejects = (dir_ / "store.rejects.jsonl").string();
  StatusOr<BankConvertSummary> from_store = Run(*a, o);
  ASSERT_TRUE(from_store.ok()) << from_store.status().ToString();
  EXPECT_EQ(from_store->totals.rejects, 4);
  EXPECT_EQ(from_store->totals.learners, file_learners - 4);
  const std::string swapped = "its learner id is not the one its pseudonym was made from; run creditbank verify";
  EXPECT_EQ(ReadAll(o.rejects),
            "{\"line\":2,\"reason\":\"learner 2: outcome set 2, line 1: expected 3 fields (hash, id, body)\","
            "\"text\":\"\"}\n"
            "{\"line\":3,\"reason\":\"learner 3: line 1, column 7: expected a JSON value after ':', got end of "
            "input\",\"text\":\"\"}\n"
            "{\"line\":4,\"reason\":\"learner 4: " + swapped + "\",\"text\":\"\"}\n"
            "{\"line\":5,\"reason\":\"learner 5: " + swapped + "\",\"text\":\"\"}\n");
}

}  // namespace
}  // namespace creditbank::batch
