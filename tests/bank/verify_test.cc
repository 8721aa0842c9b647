#include "engine/bank/verify.h"

#include <algorithm>
#include <filesystem>
#include <functional>
#include <utility>

#include <gtest/gtest.h>

#include "engine/bank/account.h"
#include "engine/bank/explain.h"
#include "engine/bank/export.h"
#include "engine/bank/lookup.h"
#include "engine/bank/revoke.h"
#include "engine/bank/withdrawals.h"
#include "engine/records/digest.h"
#include "engine/records/ledger_frontier.h"
#include "engine/records/merkle.h"
#include "engine/records/keys.h"
#include "engine/records/record_verify.h"
#include "engine/records/signer.h"
#include "engine/records/signing.h"
#include "engine/store/sqlite_store.h"
#include "tests/bank/bank_test_util.h"
#include "tests/store/forwarding_store.h"
#include "tests/store/store_test_util.h"

namespace creditbank::bank {
namespace {

class VerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = BankTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
    ASSERT_TRUE(InitBank(db_, ShippedRules(), clock_).ok());
    Reopen();
    ids_ = AppendRecords(*bank_, "S1", 1, 3);
    std::vector<std::string> more = AppendRecords(*bank_, "S2", 4, 2);
    ids_.insert(ids_.end(), more.begin(), more.end());
    bank_.reset();  // release the store before the tests edit the file
  }
  void TearDown() override {
    bank_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Reopen() {
    StatusOr<std::unique_ptr<Bank>> b = Bank::Open(db_, clock_);
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    bank_ = std::move(b).value();
  }
  VerifyReport Verify() {
    Reopen();
    StatusOr<VerifyReport> r = VerifyBank(*bank_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : VerifyReport();
  }
  // Runs SQL on the bank file directly, as an attacker with write access would.
  void Sql(const std::string& sql) {
    bank_.reset();
    store::testing::ExecOn(db_, sql);
  }
  std::string Leaf(int i) { return "leaf " + std::to_string(i) + " (" + records::RecordLabel(ids_[i]) + ")"; }
  // Every command that reads the whole revocations table (the status list, verify FILE, a run's
  // withdrawals), and every command that shows the status of the records of `learner` (ids_[shown] is
  // one of them) or revokes one (ids_[revocable]), stops with `expected`.
  void ExpectEveryStatusCommandRefuses(const Status& expected, const std::string& learner = "S1", int shown = 1,
                                       int revocable = 2) {
    Reopen();
    EXPECT_EQ(ExportRecord(*bank_, ids_[shown]).status(), expected);
    EXPECT_EQ(ExportStatusList(*bank_).status(), expected);
    EXPECT_EQ(LoadWithdrawals(*bank_).status(), expected);
    EXPECT_EQ(Explain(*bank_, ids_[shown]).status(), expected);
    EXPECT_EQ(GetAccount(*bank_, learner, *Date::Parse("2026-11-29")).status(), expected);
    EXPECT_EQ(Revoke(*bank_, ids_[revocable], "another").status(), expected);
    StatusOr<store::RecordRow> row = FindRecord(*bank_, ids_[shown]);
    ASSERT_TRUE(row.ok()) << row.status().ToString();
    StatusOr<VerifyReport> file = VerifyRecordsText(*bank_, "r.json", row->body);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    EXPECT_EQ(file->problems, std::vector<std::string>{"r.json: " + expected.message()});
  }

  std::filesystem::path dir_;
  std::string db_;
  FixedClock clock_{kTestNow};
  std::unique_ptr<Bank> bank_;
  std::vector<std::string> ids_;
};

TEST_F(VerifyTest, IntactBankVerifies) {
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>());
  EXPECT_EQ(r.records, 5);
  EXPECT_EQ(r.valid, 5);
  EXPECT_EQ(r.revoked, 0);
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.tree_size, 5);
  EXPECT_TRUE(r.ok());
}

TEST_F(VerifyTest, EditedBodyIsNamed) {
  Sql("UPDATE records SET body = replace(body, '\"credits\":6', '\"credits\":60') WHERE leaf_index = 2");
  VerifyReport r = Verify();
  ASSERT_EQ(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], Leaf(2) + ": " + records::RecordLabel(ids_[2]) + ": id does not match its content");
  EXPECT_EQ(r.valid, 4);
}

// The store keeps a record's text without its id and rule set hash (store/record_packing.h) and reads
// them from the row and the rule sets: an edit of either is an edit of the records that name it.
TEST_F(VerifyTest, AnEditedIdColumnOrRuleSetHashIsNamed) {
  const std::string other(64, '7');
  Sql("UPDATE records SET id = '" + other + "' WHERE leaf_index = 2");
  const std::string edited = "leaf 2 (" + records::RecordLabel(other) + "): " + records::RecordLabel(other);
  EXPECT_EQ(Verify().problems,
            (std::vector<std::string>{edited + ": id does not match its content",
                                      "leaf 2: listed in the record id runs under another id's key, so not found by "
                                      "its id",
                                      "leaf 2: stored with another id's key, so not found among its learner's "
                                      "records"}));
  Sql("UPDATE records SET id = '" + ids_[2] + "' WHERE leaf_index = 2; UPDATE rule_sets SET hash = '" + other + "'");
  std::vector<std::string> every_record;
  for (int i = 0; i < 5; ++i) every_record.push_back(Leaf(i) + ": " + records::RecordLabel(ids_[i]) +
                                                     ": id does not match its content");
  EXPECT_EQ(Verify().problems, every_record);
}

TEST_F(VerifyTest, DeletedRowIsNamed) {
  Sql("DELETE FROM records WHERE leaf_index = 1");
  VerifyReport r = Verify();
  ASSERT_GE(r.problems.size(), 1u);
  EXPECT_EQ(r.problems[0], "leaf 1: missing: the ledger goes from leaf 0 to leaf 2");
  EXPECT_FALSE(r.ok());
}

// A leaf hash edited, with the frontier kept beside the ledger deleted (else it would stand for the
// stored hashes): nothing is appended to a ledger that is not the tree the last checkpoint signed.
TEST_F(VerifyTest, NothingAppendsToALedgerThatIsNotTheOneSigned) {
  Sql("UPDATE records SET leaf_hash = zeroblob(32) WHERE leaf_index = 2; DELETE FROM meta WHERE key = "
      "'ledger.frontier'");
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[1], "issued in error").status(),
            Corruption("ledger: its leaves are not the tree checkpoint 5 signed; run creditbank verify"));
  StatusOr<int64_t> records = bank_->store().RecordCount();
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(*records, 5);
}

// An edited leaf index, however large, is one gap: verify names it in one line (it once wrote a line a
// missing leaf, and ran out of memory), and nothing appends after it.
TEST_F(VerifyTest, AHugeGapInTheLedgerIsOneLineAndNothingAppendsAfterIt) {
  Sql("UPDATE records SET leaf_index = 4611686018427387904 WHERE leaf_index = 4;"
      "UPDATE records SET leaf_index = 7 WHERE leaf_index = 3");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            "leaves 3 to 6: missing: the ledger goes from leaf 2 to leaf 7",
                            "leaves 8 to 4611686018427387903: missing: the ledger goes from leaf 7 to leaf "
                            "4611686018427387904",
                            "checkpoint 5: covers 5 leaves, the ledger has 3",  // the ledger stops at a gap
                            "ledger frontier: covers 5 leaves, the ledger has 3",
                            "leaf 7: in no record id run, so not found by its id",
                            "leaf 4611686018427387904: in no record id run, so not found by its id",
                            "leaf 3: listed in the record id runs but not stored",
                            "leaf 4: listed in the record id runs but not stored"}));
  EXPECT_EQ(r.records, 5);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "issued in error").status(),
            Corruption("ledger: leaf 7 is stored, but the ledger has 5 leaves: leaves are missing before it; run "
                       "creditbank verify"));
}

// A copy of a signed record appended after the last checkpoint (with its entry in the record id runs,
// so that it is found by its id) would stand for its outcome after the first was revoked. No command
// that appends writes a leaf without a checkpoint over it, so verify names the leaf, and the copy;
// and nothing seals it.
TEST_F(VerifyTest, ACopyOfARecordAfterTheLastCheckpointIsNamedAndNotSealed) {
  Sql("INSERT INTO records (leaf_index, id_key, id, type, learner_seq, pseudonym, programme, body, leaf_hash, packed) "
      "SELECT 5, id_key, id, type, learner_seq, pseudonym, programme, body, leaf_hash, packed FROM records "
      "WHERE leaf_index = 1");
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[2], "issued in error").status(),
            Corruption("ledger: 1 leaf after the last checkpoint, which no signed checkpoint covers; run creditbank "
                       "verify"));
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            "ledger: 1 leaf after the last checkpoint, which no signed checkpoint covers",
                            "leaf 5: in no record id run, so not found by its id",
                            "leaf 5: " + records::RecordLabel(ids_[1]) + " again, stored first at leaf 1"}));
  // Its key stored wrong too (a run's check for a record it has stored reads it): named as well.
  Sql("UPDATE records SET id_key = id_key + 1 WHERE leaf_index = 2");
  EXPECT_EQ(Verify().problems, (std::vector<std::string>{
                                   "ledger: 1 leaf after the last checkpoint, which no signed checkpoint covers",
                                   "leaf 2: stored with another id's key, so not found among its learner's records",
                                   "leaf 5: in no record id run, so not found by its id",
                                   "leaf 5: " + records::RecordLabel(ids_[1]) + " again, stored first at leaf 1"}));
  // The checkpoints deleted: nothing covers any leaf.
  Sql("DELETE FROM records WHERE leaf_index = 5; UPDATE records SET id_key = id_key - 1 WHERE leaf_index = 2;"
      "DELETE FROM checkpoints");
  EXPECT_EQ(Verify().problems,
            std::vector<std::string>{"ledger: 5 leaves after the last checkpoint, which no signed checkpoint covers"});
  EXPECT_EQ(Revoke(*bank_, ids_[2], "issued in error").status(),
            Corruption("ledger: 5 leaves after the last checkpoint, which no signed checkpoint covers; run creditbank "
                       "verify"));
  // Nor is a credential signed for a record no checkpoint covers: its status list would be wherever
  // the bank's origin, unchecked then, said.
  EXPECT_EQ(ExportRecord(*bank_, ids_[0]).status(),
            Corruption(Leaf(0) + ": no checkpoint covers it; run creditbank verify"));
}

// export signs a credential that points at the status list at the bank's origin: the last checkpoint,
// signed for the origin, must agree with the one stored beside it.
TEST_F(VerifyTest, ARecordIsExportedOnlyUnderTheOriginItsCheckpointSigned) {
  Reopen();
  const std::string origin = bank_->origin();
  ASSERT_TRUE(ExportRecord(*bank_, ids_[0]).ok());
  Sql("UPDATE meta SET value = 'status.example.org' WHERE key = 'origin'");
  Reopen();
  EXPECT_EQ(ExportRecord(*bank_, ids_[0]).status(),
            Corruption(Leaf(0) + ": checkpoint 5: origin \"" + origin +
                       "\" is not this bank's; run creditbank verify"));
}

TEST_F(VerifyTest, DeletedLastRowBreaksTheCheckpoint) {
  Sql("DELETE FROM records WHERE leaf_index = 4");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{"checkpoint 5: covers 5 leaves, the ledger has 4",
                                                  "ledger frontier: covers 5 leaves, the ledger has 4",
                                                  "leaf 4: listed in the record id runs but not stored"}));
}

// The ledger's tail deleted with the checkpoints that cover it: what is left agrees with itself, but
// the frontier a batch run keeps, and the record id runs, still name the deleted leaves.
TEST_F(VerifyTest, ALedgerCutShortWithItsCheckpointsIsNamed) {
  Reopen();
  StatusOr<records::LedgerFrontier> frontier = ReadLedgerFrontier(bank_->store());
  ASSERT_TRUE(frontier.ok()) << frontier.status().ToString();
  ASSERT_EQ(bank_->store().PutMeta(kLedgerFrontierMeta, frontier->Serialize()), Status::Ok());
  EXPECT_EQ(Verify().problems, std::vector<std::string>());
  Sql("DELETE FROM records WHERE leaf_index >= 3; DELETE FROM checkpoints WHERE tree_size > 3");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{"ledger frontier: covers 5 leaves, the ledger has 3",
                                                  "leaf 3: listed in the record id runs but not stored",
                                                  "leaf 4: listed in the record id runs but not stored"}));
  EXPECT_EQ(r.records, 3);
  EXPECT_EQ(r.valid, 3);
  EXPECT_EQ(r.checkpoints, 1);
  EXPECT_EQ(r.tree_size, 3);
}

// A frontier behind the ledger is sound (commands other than a batch run append without it); one
// whose root is not that of as many stored leaves, or that does not parse, is named.
TEST_F(VerifyTest, AnOlderFrontierIsSoundAndAnotherIsNamed) {
  Reopen();
  records::LedgerFrontier first3, zeros;
  StatusOr<std::vector<store::RecordRow>> rows = bank_->store().RecordsFrom(0, 3);
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  for (const store::RecordRow& row : *rows) {
    first3.Append(*records::HashFromBytes(records::AsBytes(row.leaf_hash), "leaf"));
    zeros.Append(records::Hash{});
  }
  const auto verify_with = [&](const std::string& kept) {
    Reopen();
    EXPECT_EQ(bank_->store().PutMeta(kLedgerFrontierMeta, kept), Status::Ok());
    return Verify().problems;
  };
  EXPECT_EQ(verify_with(first3.Serialize()), std::vector<std::string>());
  EXPECT_EQ(verify_with(zeros.Serialize()),
            std::vector<std::string>{"ledger frontier: root does not match the first 3 leaves of the ledger"});
  EXPECT_EQ(verify_with("3"), std::vector<std::string>{"ledger frontier: expected \"<size>:<hashes>\""});
}

// A revocation is found by its record's id, but the status list sets the bit at its status index:
// both must name the same stored record, and the signed revocation record must state it as it is held.
TEST_F(VerifyTest, RevocationsMustNameAStoredRecordAtItsLeaf) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  ASSERT_EQ(revoked->leaf_index, 5);
  const std::string statement = "leaf 5 (" + records::RecordLabel(revoked->record) + ")";
  Sql("UPDATE revocations SET status_index = 2");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems,
            (std::vector<std::string>{Leaf(1) + ": revocation has status index 2, not the record's leaf index 1",
                                      "revocation of " + records::RecordLabel(ids_[1]) +
                                          ": its status index differs from its signed statement at " + statement}));
  EXPECT_EQ(r.revoked, 1);
  EXPECT_EQ(r.valid, 6);
  Sql("UPDATE revocations SET status_index = 1;"
      "INSERT INTO revocations (record_id, reason, revoked_at, status_index) VALUES ('" + std::string(64, 'a') +
      "', 'no such record', '2026-11-29T00:00:00Z', 7)");
  r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            "revocation of record aaaaaaaaaaaa… (status index 7): the record is not in this bank's "
                            "ledger",
                            "revocation of record aaaaaaaaaaaa… (status index 7): no revocation record in the ledger "
                            "states it"}));
  EXPECT_EQ(r.notes, std::vector<std::string>{Leaf(1) + ": revoked at 2026-11-29T00:00:00Z: issued in error"});
  EXPECT_EQ(r.revoked, 1);
}

// A revocation is a signed record in the ledger: deleting the store's revocation row, which would make
// the record valid again, leaves the signed statement behind; deleting that too cuts the ledger.
TEST_F(VerifyTest, ADeletedRevocationIsReported) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const std::string statement = "leaf 5 (" + records::RecordLabel(revoked->record) + ")";
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>());
  EXPECT_EQ(r.records, 6);
  EXPECT_EQ(r.revoked, 1);
  EXPECT_EQ(r.checkpoints, 3);  // the revocation is covered by a checkpoint of its own
  EXPECT_EQ(r.tree_size, 6);

  Sql("DELETE FROM revocations");
  r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>{statement + ": states the revocation of " +
                                                 records::RecordLabel(ids_[1]) +
                                                 ", which the bank does not hold: its revocation was deleted"});
  EXPECT_EQ(r.revoked, 0);
  // Nothing that shows or publishes a record's status takes the table's word for it meanwhile.
  const Status disagree = Corruption("revocations: " + records::RecordLabel(ids_[1]) + " is revoked by " + statement +
                                     ", but the revocations table does not hold it; run creditbank verify");
  ExpectEveryStatusCommandRefuses(disagree);

  // The statement deleted too, with the checkpoint that covers it: the frontier kept beside the
  // ledger still covers six leaves.
  Sql("DELETE FROM records WHERE leaf_index = 5; DELETE FROM checkpoints WHERE tree_size = 6");
  r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{"ledger frontier: covers 6 leaves, the ledger has 5",
                                                  "leaf 5: listed in the record id runs but not stored"}));
}

// A revocations table edited by hand: a row the ledger's revocation records do not state, or state
// otherwise.
TEST_F(VerifyTest, ARevocationsTableThatDisagreesWithTheLedgerStopsTheCommands) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const std::string statement = "leaf 5 (" + records::RecordLabel(revoked->record) + ")";
  Sql("UPDATE revocations SET status_index = 3");
  Reopen();
  ExpectEveryStatusCommandRefuses(Corruption("revocations: the revocation of " + records::RecordLabel(ids_[1]) +
                                             " differs from its signed statement at " + statement +
                                             "; run creditbank verify"));
  Sql("UPDATE revocations SET status_index = 1;"
      "INSERT INTO revocations (record_id, reason, revoked_at, status_index) VALUES ('" + ids_[3] +
      "', 'forged', '2026-11-29T00:00:00Z', 3)");
  Reopen();
  ExpectEveryStatusCommandRefuses(Corruption("revocations: the revocation of " + records::RecordLabel(ids_[3]) +
                                                 " is stated by no signed revocation record; run creditbank verify"),
                                  "S2", 3, 4);
  // A look-up checks the revocations of the learner it shows, so that its cost does not grow with the
  // bank's revocations: S1's records, whose revocations agree, are still shown.
  EXPECT_TRUE(Explain(*bank_, ids_[1]).ok());
  StatusOr<Account> account = GetAccount(*bank_, "S1", *Date::Parse("2026-11-29"));
  ASSERT_TRUE(account.ok()) << account.status().ToString();
  EXPECT_EQ(account->decisions.size() + account->certifications.size(), 3u);
  Sql("DELETE FROM revocations WHERE record_id = '" + ids_[3] + "'");
  Reopen();
  EXPECT_TRUE(ExportStatusList(*bank_).ok());
  EXPECT_TRUE(Explain(*bank_, ids_[1]).ok());
}

// A look-up checks the revocations of its learner's records, found among all revocation records by the
// record they revoke: moving a revocation record, or the revoked record, to another learner's rows
// (by pseudonym or by learner number), or editing the revocation record's stored type, and deleting the
// revocation's row, neither shows the record as valid nor lets it be revoked a second time.
TEST_F(VerifyTest, ARevocationMovedToAnotherLearnerIsStillFound) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const std::string own = bank_->Pseudonym("S1");
  const std::string other = bank_->Pseudonym("S2");
  const std::string statement = records::RecordLabel(revoked->record);
  Sql("UPDATE records SET pseudonym = '" + other + "' WHERE leaf_index = 5; DELETE FROM revocations");
  Reopen();
  const Status moved = Corruption("leaf 5 (" + statement + "): stored under another learner; run creditbank verify");
  EXPECT_EQ(Explain(*bank_, ids_[1]).status(), moved);
  EXPECT_EQ(ExportRecord(*bank_, ids_[1]).status(), moved);
  EXPECT_EQ(GetAccount(*bank_, "S1", *Date::Parse("2026-11-29")).status(), moved);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(), moved);
  // The statement back in place, the revoked record moved instead.
  Sql("UPDATE records SET pseudonym = '" + own + "' WHERE leaf_index = 5;"
      "UPDATE records SET pseudonym = '" + other + "' WHERE leaf_index = 1");
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(),
            Corruption(Leaf(1) + ": stored under another learner; run creditbank verify"));
  StatusOr<int64_t> records = bank_->store().RecordCount();
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(*records, 6);  // no second revocation record
  // Both back in place, the revocation record's stored type edited instead: it is no longer among the
  // revocation records, but among its learner's rows, whose types are read from their bodies.
  Sql("UPDATE records SET pseudonym = '" + own + "' WHERE leaf_index = 1;"
      "UPDATE records SET type = 'conversion' WHERE leaf_index = 5");
  Reopen();
  const Status retyped = Corruption("leaf 5 (" + statement + "): stored as a conversion record; run creditbank verify");
  EXPECT_EQ(Explain(*bank_, ids_[1]).status(), retyped);
  EXPECT_EQ(GetAccount(*bank_, "S1", *Date::Parse("2026-11-29")).status(), retyped);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(), retyped);
  // The type back, the revoked record's learner number edited (S1 has no account: its pseudonym is
  // stored, and kept): the row is now learner 2's, which the bank does not have. It is no longer among
  // S1's rows, but it is still checked as the record explained, exported or revoked.
  Sql("UPDATE records SET type = 'revocation' WHERE leaf_index = 5; UPDATE records SET learner_seq = 2 "
      "WHERE leaf_index = 1");
  Reopen();
  const Status unheld = Corruption("revocations: " + records::RecordLabel(ids_[1]) + " is revoked by leaf 5 (" +
                                   statement + "), but the revocations table does not hold it; run creditbank verify");
  const Status renumbered = Corruption(Leaf(1) + ": stored under another learner; run creditbank verify");
  EXPECT_EQ(Explain(*bank_, ids_[1]).status(), renumbered);
  EXPECT_EQ(ExportRecord(*bank_, ids_[1]).status(), unheld);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(), renumbered);
  EXPECT_EQ(Verify().problems,
            (std::vector<std::string>{Leaf(1) + ": stored under another learner",
                                      "leaf 5 (" + statement + "): states the revocation of " +
                                          records::RecordLabel(ids_[1]) +
                                          ", which the bank does not hold: its revocation was deleted"}));
}

// A record row names its learner by the learner's number when the learner has an account, by its
// pseudonym otherwise; the bank writes no row with both. An edit that sets both, or only changes the
// number, makes the row another learner's for every reader: verify names it, and that learner's account
// refuses it (it had shown the record as the other learner's own credits, or hidden it from both while
// verify passed).
TEST_F(VerifyTest, ARecordRenumberedToAnotherLearnerIsNamedAndCountedForNoOne) {
  Reopen();
  store::LearnerRow first{0, bank_->Pseudonym("L1"), "L1", "王芳 Wang Fang"};
  store::LearnerRow second{0, bank_->Pseudonym("L2"), "L2", "李雷 Li Lei"};
  for (store::LearnerRow* learner : {&first, &second}) {
    StatusOr<bool> added = bank_->store().PutLearner(learner);
    ASSERT_TRUE(added.ok() && *added) << added.status().ToString();
  }
  std::vector<std::string> more = AppendRecords(*bank_, "L1", 6, 2);  // leaves 5 and 6
  ids_.insert(ids_.end(), more.begin(), more.end());
  const Date on = *Date::Parse("2026-11-29");
  const auto certified = [&](const std::string& learner) {
    StatusOr<Account> account = GetAccount(*bank_, learner, on);
    EXPECT_TRUE(account.ok()) << account.status().ToString();
    std::vector<std::string> ids;
    if (account.ok()) {
      for (const AccountCertification& c : account->certifications) ids.push_back(c.record);
    }
    return ids;
  };
  EXPECT_EQ(certified("L1"), (std::vector<std::string>{ids_[5], ids_[6]}));
  const std::string renumber = "UPDATE records SET learner_seq = " + std::to_string(second.seq);
  const Status refused = Corruption(Leaf(5) + ": stored under another learner; run creditbank verify");
  for (const std::string& pseudonym : {first.pseudonym, std::string()}) {
    SCOPED_TRACE("pseudonym column '" + pseudonym + "'");
    Sql(renumber + ", pseudonym = '" + pseudonym + "' WHERE leaf_index = 5");
    EXPECT_EQ(Verify().problems, std::vector<std::string>{Leaf(5) + ": stored under another learner"});
    EXPECT_EQ(certified("L1"), std::vector<std::string>{ids_[6]});
    EXPECT_EQ(GetAccount(*bank_, "L2", on).status(), refused);
    EXPECT_EQ(Explain(*bank_, ids_[5]).status(), refused);
    EXPECT_EQ(Revoke(*bank_, ids_[5], "moved").status(), refused);
  }
  // Both columns back as the bank writes them: sound again.
  Sql("UPDATE records SET learner_seq = " + std::to_string(first.seq) + ", pseudonym = '' WHERE leaf_index = 5");
  EXPECT_EQ(Verify().problems, std::vector<std::string>());
  EXPECT_EQ(certified("L1"), (std::vector<std::string>{ids_[5], ids_[6]}));
}

// The learners table has no signatures, but its rows must agree with themselves: a learner's outcomes
// are read by its pseudonym (found by the pseudonym's key), its records made for its id's pseudonym,
// and the table has no unique index on pseudonyms. Each edit is named by verify, and the account of
// an edited learner is refused.
TEST_F(VerifyTest, EditedLearnerRowsAreNamed) {
  Reopen();
  std::vector<store::LearnerRow> learners;
  for (const char* id : {"L1", "L2", "L3"}) {
    learners.push_back({0, bank_->Pseudonym(id), id, std::string("学员 ") + id});
    StatusOr<bool> added = bank_->store().PutLearner(&learners.back());
    ASSERT_TRUE(added.ok() && *added) << added.status().ToString();
  }
  ASSERT_EQ(Verify().problems, std::vector<std::string>());
  const std::string mismatch = "its learner id is not the one its pseudonym was made from";
  Sql("UPDATE learners SET learner_id = 'L2' WHERE seq = 1; UPDATE learners SET learner_id = 'L1' WHERE seq = 2;"
      "UPDATE learners SET pseudonym_key = pseudonym_key + 1 WHERE seq = 3;"
      "INSERT INTO learners (seq, pseudonym_key, pseudonym, learner_id, name) SELECT 9, pseudonym_key, pseudonym, "
      "learner_id, name FROM learners WHERE seq = 1");
  EXPECT_EQ(Verify().problems, (std::vector<std::string>{
                                   "learner 3: stored with another pseudonym's key, so not found by its pseudonym",
                                   "learner 9: pseudonym " + learners[0].pseudonym.substr(0, 12) +
                                       "… again, stored first as learner 1",
                                   "learner 1: " + mismatch, "learner 2: " + mismatch, "learner 9: " + mismatch}));
  EXPECT_EQ(GetAccount(*bank_, "L1", *Date::Parse("2026-11-29")).status(),
            Corruption("learner 1: " + mismatch + "; run creditbank verify"));
}

// Every revocation record is read by a look-up, though only its learner's are verified: one edited to
// name another record is found by its id, which no longer matches its content.
TEST_F(VerifyTest, ARevocationRecordEditedToNameAnotherRecordIsRefused) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const std::string label = records::RecordLabel(revoked->record);
  Sql("UPDATE records SET body = replace(body, '\"record\":\"" + ids_[1] + "\"', '\"record\":\"" +
      std::string(64, '0') + "\"') WHERE leaf_index = 5; DELETE FROM revocations");
  Reopen();
  const Status edited = Corruption("leaf 5 (" + label + "): " + label + ": id does not match its content; "
                                   "run creditbank verify");
  EXPECT_EQ(Explain(*bank_, ids_[1]).status(), edited);
  EXPECT_EQ(GetAccount(*bank_, "S1", *Date::Parse("2026-11-29")).status(), edited);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(), edited);
}

// Two signed revocation records of one record (the bank's key misused, or a revocation replayed): a
// look-up and a run's withdrawals both refuse, naming the second.
TEST_F(VerifyTest, ARecordRevokedTwiceInTheLedgerStopsTheCommands) {
  Reopen();
  ASSERT_TRUE(Revoke(*bank_, ids_[1], "issued in error").ok());
  StatusOr<store::RecordRow> row = FindRecord(*bank_, ids_[1]);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  StatusOr<records::Record> revoked = ParseRecordRow(*row);
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const records::RevocationBody body{ids_[1], "again", "2026-11-29T01:00:00Z", 1};
  StatusOr<records::Record> again = records::NewRecord(records::RecordType::kRevocation, revoked->learner,
                                                       revoked->rule_set, {}, "2026-11-29",
                                                       records::RevocationBodyJson(body), "");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(records::SignPerRecord(*again, bank_->signer()), Status::Ok());
  StatusOr<bool> added = bank_->AppendRecord(*again, "");
  ASSERT_TRUE(added.ok() && *added) << added.status().ToString();
  const Status twice = Corruption("revocations: " + records::RecordLabel(ids_[1]) +
                                  " is revoked a second time by leaf 6 (" +
                                  records::RecordLabel(again->id) + "); run creditbank verify");
  EXPECT_EQ(GetAccount(*bank_, "S1", *Date::Parse("2026-11-29")).status(), twice);
  EXPECT_EQ(Explain(*bank_, ids_[1]).status(), twice);
  EXPECT_EQ(LoadWithdrawals(*bank_).status(), twice);
}

// CheckStoredRecords checks many rows on every core, and names the first unsound one in the rows'
// order whichever thread met it.
TEST_F(VerifyTest, ManyStoredRecordsAreCheckedAndTheFirstProblemIsNamed) {
  Reopen();
  AppendRecords(*bank_, "S3", 10, 100);
  StatusOr<std::vector<store::RecordRow>> rows = bank_->store().RecordsOf(bank_->Pseudonym("S3"));
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 100u);
  std::sort(rows->begin(), rows->end(), [](const auto& a, const auto& b) { return a.leaf_index < b.leaf_index; });
  EXPECT_EQ(CheckStoredRecords(*bank_, *rows), Status::Ok());
  for (size_t i : {size_t{90}, size_t{41}}) {
    std::string& body = (*rows)[i].body;
    const size_t at = body.find("\"credits\":");
    ASSERT_NE(at, std::string::npos);
    body.insert(at + 10, "1");
  }
  const store::RecordRow& first = (*rows)[41];
  EXPECT_EQ(CheckStoredRecords(*bank_, *rows),
            Corruption("leaf " + std::to_string(first.leaf_index) + " (" + records::RecordLabel(first.id) + "): " +
                       records::RecordLabel(first.id) + ": id does not match its content; run creditbank verify"));
}

// A run loads the withdrawals again after each revocation made while it writes. The loader verifies a
// revocation record once, but one edited since is verified again, and the table is compared every time.
TEST_F(VerifyTest, AWithdrawalLoaderChecksEachRevocationRecordAgainOnlyWhenItChanged) {
  Reopen();
  StatusOr<RevokeResult> first = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  WithdrawalLoader loader;
  auto withdrawn = [&]() -> StatusOr<std::vector<std::string>> {
    CB_ASSIGN_OR_RETURN(Withdrawals withdrawals, loader.Load(*bank_));
    std::vector<std::string> records;
    for (const char* learner : {"S1", "S2"}) {
      auto it = withdrawals.find(bank_->Pseudonym(learner));
      if (it == withdrawals.end()) continue;
      for (const Withdrawal& w : it->second) records.push_back(std::string(learner) + " " + w.record);
    }
    return records;
  };
  StatusOr<std::vector<std::string>> loaded = withdrawn();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, (std::vector<std::string>{"S1 " + ids_[1]}));
  StatusOr<RevokeResult> second = Revoke(*bank_, ids_[3], "issued in error");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  loaded = withdrawn();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, (std::vector<std::string>{"S1 " + ids_[1], "S2 " + ids_[3]}));
  // A learner's withdrawals stay in the order of its revoked records, as a first load gives them.
  ASSERT_TRUE(Revoke(*bank_, ids_[0], "issued in error").ok());
  loaded = withdrawn();
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(*loaded, (std::vector<std::string>{"S1 " + ids_[0], "S1 " + ids_[1], "S2 " + ids_[3]}));
  StatusOr<Withdrawals> fresh = LoadWithdrawals(*bank_);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  ASSERT_EQ(fresh->at(bank_->Pseudonym("S1")).size(), 2u);
  EXPECT_EQ(fresh->at(bank_->Pseudonym("S1"))[0].record, ids_[0]);

  const std::string label = records::RecordLabel(second->record);
  Sql("UPDATE records SET body = replace(body, 'issued in error', 'issued in errors') WHERE leaf_index = " +
      std::to_string(second->leaf_index));
  Reopen();
  EXPECT_EQ(withdrawn().status(),
            Corruption("leaf " + std::to_string(second->leaf_index) + " (" + label + "): " + label +
                       ": id does not match its content; run creditbank verify"));
  Sql("UPDATE records SET body = replace(body, 'issued in errors', 'issued in error') WHERE leaf_index = " +
      std::to_string(second->leaf_index) + "; DELETE FROM revocations WHERE record_id = '" + ids_[1] + "'");
  Reopen();
  EXPECT_EQ(withdrawn().status(),
            Corruption("revocations: " + records::RecordLabel(ids_[1]) + " is revoked by leaf 5 (" +
                       records::RecordLabel(first->record) +
                       "), but the revocations table does not hold it; run creditbank verify"));
}

// keys rotate holds the run lock, which revoke does not take: a revoke that loaded its key before a
// rotation committed must not sign with the retired key.
TEST_F(VerifyTest, ARevocationIsNeverSignedWithARetiredKey) {
  Reopen();
  StatusOr<std::unique_ptr<Bank>> other = Bank::Open(db_, clock_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  StatusOr<std::string> rotated = (*other)->RotateKey();
  ASSERT_TRUE(rotated.ok()) << rotated.status().ToString();
  const std::string old_key = bank_->signer().key_id();
  ASSERT_NE(old_key, *rotated);
  EXPECT_EQ(Revoke(*bank_, ids_[1], "issued in error").status(),
            FailedPrecondition("the issuer key " + old_key +
                               " was retired (keys rotate) while this command ran; run it again"));
  other->reset();
  Reopen();  // loads the new key
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "issued in error");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>());
  EXPECT_EQ(r.revoked, 1);
}

// The keys dir says which keys are the bank's, not the store: a key row added by an edit of the file
// (retired, so that it need not sign what the bank signs now) does not make what it signed verify.
TEST_F(VerifyTest, AKeyAddedToTheStoreIsNotTheBanksKey) {
  Reopen();
  StatusOr<records::Ed25519PrivateKey> forger = records::Ed25519PrivateKey::Generate();
  ASSERT_TRUE(forger.ok());
  const auto& raw = forger->public_key().raw();
  ASSERT_EQ(bank_->store().PutKey({forger->key_id(), std::string(raw.begin(), raw.end()), "2025-01-01T00:00:00Z",
                                   "2025-06-01T00:00:00Z"}),
            Status::Ok());
  records::Record forged = Certification(*bank_, bank_->Pseudonym("S1"), "1X-IOT-IDO", 9);
  records::Ed25519Signer forger_signer(*forger);
  ASSERT_EQ(records::SignPerRecord(forged, forger_signer), Status::Ok());
  StatusOr<bool> added = bank_->AppendRecord(forged, "");
  ASSERT_TRUE(added.ok() && *added) << added.status().ToString();
  ASSERT_TRUE(bank_->WriteCheckpoint().ok());
  ids_.push_back(forged.id);
  VerifyReport r = Verify();
  EXPECT_EQ(bank_->foreign_keys(), std::vector<std::string>{forger->key_id()});
  const std::string unknown = Leaf(5) + ": " + records::RecordLabel(forged.id) + ": unknown issuer key " +
                              forger->key_id();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            unknown, "key " + forger->key_id() + ": in the bank's keys table, but no issuer key file "
                                     "holds it: not a key this bank made"}));
  EXPECT_EQ(Explain(*bank_, forged.id).status(), Corruption(unknown + "; run creditbank verify"));
  EXPECT_EQ(ExportRecord(*bank_, forged.id).status(), Corruption(unknown + "; run creditbank verify"));
}

// What revokes, and what a revocation record is not.
TEST_F(VerifyTest, ARevocationRecordIsExplainedButNotRevokedOrExported) {
  Reopen();
  StatusOr<RevokeResult> revoked = Revoke(*bank_, ids_[1], "证书编号有误 wrong number");
  ASSERT_TRUE(revoked.ok()) << revoked.status().ToString();
  const std::string label = records::RecordLabel(revoked->record);
  EXPECT_EQ(Revoke(*bank_, revoked->record, "again").status(),
            InvalidArgument(label + ": a revocation record cannot be revoked"));
  EXPECT_EQ(ExportRecord(*bank_, revoked->record).status(),
            FailedPrecondition(label + ": a revocation record has no credential form; the status list (export "
                                       "--status-list) publishes revocations"));
  StatusOr<Explanation> ex = Explain(*bank_, revoked->record.substr(0, 8));
  ASSERT_TRUE(ex.ok()) << ex.status().ToString();
  ASSERT_EQ(ex->lines.size(), 3u);
  EXPECT_EQ(ex->lines[0], "revocation record " + revoked->record);
  EXPECT_EQ(ex->lines[2], "revokes record " + ids_[1] +
                              " (status list index 1) at 2026-11-29T00:00:00Z: 证书编号有误 wrong number");
  EXPECT_EQ(ex->json.Find("rules")->items().size(), 0u);

  // The statement itself, as any verifier reads it.
  StatusOr<store::RecordRow> row = FindRecord(*bank_, revoked->record);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  StatusOr<records::Record> record = ParseRecordRow(*row);
  ASSERT_TRUE(record.ok()) << record.status().ToString();
  EXPECT_EQ(record->type, records::RecordType::kRevocation);
  EXPECT_EQ(record->date, "2026-11-29");
  StatusOr<store::RevocationRow> stated = RevocationOf(*record);
  ASSERT_TRUE(stated.ok()) << stated.status().ToString();
  EXPECT_EQ(stated->record_id, ids_[1]);
  EXPECT_EQ(stated->reason, "证书编号有误 wrong number");
  EXPECT_EQ(stated->status_index, 1);
  EXPECT_EQ(records::VerifyRecord(*record, bank_->key_ring()), Status::Ok());
}

// The store of a bank, which lets the test act once verify has read the checkpoints and before it
// reads the records, the frontier, the revocations and the record id runs.
class StoreWithHook : public store::testing::ForwardingStore {
 public:
  using ForwardingStore::ForwardingStore;
  StatusOr<std::vector<store::CheckpointRow>> Checkpoints() override {
    StatusOr<std::vector<store::CheckpointRow>> rows = base_->Checkpoints();
    if (after_checkpoints) std::exchange(after_checkpoints, nullptr)();
    return rows;
  }
  std::function<void()> after_checkpoints;
};

// A batch run that commits on another connection while verify reads: verify reports the bank as it
// was when it started, and the run's writes are not held up by it.
TEST_F(VerifyTest, WritesCommittedWhileVerifyReadsAreNotSeen) {
  StatusOr<std::unique_ptr<store::Store>> opened = store::OpenSqliteStore(db_, store::OpenMode::kOpenExisting);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto hooked = std::make_unique<StoreWithHook>(*std::move(opened));
  StoreWithHook* hook = hooked.get();
  StatusOr<std::unique_ptr<Bank>> b = Bank::OpenStore(std::move(hooked), KeysDirFor(db_), clock_);
  ASSERT_TRUE(b.ok()) << b.status().ToString();
  hook->after_checkpoints = [&] {
    StatusOr<std::unique_ptr<Bank>> writer = Bank::Open(db_, clock_);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    // Three records and their checkpoint (with the ledger's frontier), and a revocation (a record and
    // a checkpoint more).
    AppendRecords(**writer, "S9", 20, 3);
    EXPECT_TRUE(Revoke(**writer, ids_[0], "withdrawn").ok());
  };
  StatusOr<VerifyReport> r = VerifyBank(**b);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_FALSE(hook->after_checkpoints);  // it ran
  EXPECT_EQ(r->problems, std::vector<std::string>());
  EXPECT_EQ(r->notes, std::vector<std::string>());
  EXPECT_EQ(r->records, 5);
  EXPECT_EQ(r->valid, 5);
  EXPECT_EQ(r->revoked, 0);
  EXPECT_EQ(r->tree_size, 5);
  EXPECT_EQ(r->checkpoints, 2);
  // Verified again, the bank has all nine.
  b->reset();
  VerifyReport after = Verify();
  EXPECT_EQ(after.problems, std::vector<std::string>());
  EXPECT_EQ(after.records, 9);
  EXPECT_EQ(after.revoked, 1);
  EXPECT_EQ(after.checkpoints, 4);
}

// Sound records that the record id runs no longer list cannot be found by id: verify names them.
TEST_F(VerifyTest, RecordsMissingFromTheIdRunsAreNamed) {
  // Each of the five records was appended on its own: five runs, the last of them leaf 4's.
  Sql("DELETE FROM record_id_blocks WHERE run = (SELECT max(run) FROM record_id_run_sizes)");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{"record id run 5: its blocks hold 0 entries, its count says 1",
                                                  "leaf 4: in no record id run, so not found by its id"}));
  EXPECT_EQ(r.valid, 5);
  EXPECT_FALSE(r.ok());
}

// A look-up computes the key from the id it is given: an entry moved to another key hides its record.
TEST_F(VerifyTest, RecordsListedUnderAnotherKeyAreNamed) {
  // Leaf 4's run holds one block of one entry, (key, 4): the key becomes 0, the block's too.
  Sql("UPDATE record_id_blocks SET first_key = 0, entries = zeroblob(8) || substr(entries, 9) "
      "WHERE run = (SELECT max(run) FROM record_id_run_sizes)");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            "leaf 4: listed in the record id runs under another id's key, so not found by its id"}));
  EXPECT_EQ(r.valid, 5);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(bank_->store().FindRecord(ids_[4])->has_value());
  EXPECT_TRUE(bank_->store().FindRecord(ids_[3])->has_value());
}

TEST_F(VerifyTest, SwappedSignaturesNameBothRecords) {
  Sql("CREATE TEMP TABLE s AS SELECT leaf_index, json_extract(body, '$.proof.signature') AS sig FROM records;"
      "UPDATE records SET body = replace(body, (SELECT sig FROM s WHERE leaf_index = 0),"
      " (SELECT sig FROM s WHERE leaf_index = 3)) WHERE leaf_index = 0;"
      "UPDATE records SET body = replace(body, (SELECT sig FROM s WHERE leaf_index = 3),"
      " (SELECT sig FROM s WHERE leaf_index = 0)) WHERE leaf_index = 3;");
  VerifyReport r = Verify();
  const std::string key = ": signature does not verify with key ";
  ASSERT_EQ(r.problems.size(), 2u);
  EXPECT_EQ(r.problems[0].substr(0, Leaf(0).size() + 2), Leaf(0) + ": ");
  EXPECT_NE(r.problems[0].find(key), std::string::npos) << r.problems[0];
  EXPECT_EQ(r.problems[1].substr(0, Leaf(3).size() + 2), Leaf(3) + ": ");
  EXPECT_NE(r.problems[1].find(key), std::string::npos) << r.problems[1];
}

// A checkpoint kept outside the bank names a ledger rewritten under it, and a note that is none of
// this bank's.
TEST_F(VerifyTest, ACheckpointKeptOutsideNamesARewrittenLedger) {
  Reopen();
  StatusOr<std::vector<store::CheckpointRow>> checkpoints = bank_->store().Checkpoints();
  ASSERT_TRUE(checkpoints.ok() && !checkpoints->empty());
  const std::vector<KeptCheckpoint> kept = {{"kept.txt", checkpoints->back().note},
                                            {"garbled.txt", "creditbank.local/x\n5\n\n— nobody abc\n"}};
  StatusOr<VerifyReport> sound = VerifyBank(*bank_, {}, {kept[0]});
  ASSERT_TRUE(sound.ok()) << sound.status().ToString();
  EXPECT_EQ(sound->problems, std::vector<std::string>());
  EXPECT_EQ(sound->notes, std::vector<std::string>{"kept.txt: the ledger holds the checkpoint of its first 5 leaves"});
  Sql("UPDATE records SET leaf_hash = zeroblob(32) WHERE leaf_index = 3");
  Reopen();
  StatusOr<VerifyReport> r = VerifyBank(*bank_, {}, kept);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->problems, (std::vector<std::string>{
                             "garbled.txt: checkpoint: no signature by a key of this bank",
                             Leaf(3) + ": ledger leaf hash does not match the stored record",
                             "checkpoint 5: root does not match the first 5 leaves of the ledger",
                             "ledger frontier: root does not match the first 5 leaves of the ledger",
                             "kept.txt: the first 5 leaves of the ledger are not those the checkpoint signed: the "
                             "ledger was rewritten"}));
}

// Nothing appends to a ledger cut short: the new leaf would take a cut one's index, and its checkpoint
// would be signed over another tree of a size signed before.
TEST_F(VerifyTest, NothingAppendsToALedgerCutShort) {
  Sql("DELETE FROM records WHERE leaf_index = 4");
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[1], "issued in error").status(),
            Corruption("ledger: checkpoint 5 covers 5 leaves, the ledger has 4: leaves were cut from its end; run "
                       "creditbank verify"));
  Sql("DELETE FROM checkpoints WHERE tree_size = 5");
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[1], "issued in error").status(),
            Corruption("ledger: its frontier covers 5 leaves, the ledger has 4: leaves were cut from its end; run "
                       "creditbank verify"));
  EXPECT_EQ(*bank_->store().RecordCount(), 4);
}

TEST_F(VerifyTest, EditedLeafHashIsNamed) {
  Sql("UPDATE records SET leaf_hash = zeroblob(32) WHERE leaf_index = 3");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, (std::vector<std::string>{
                            Leaf(3) + ": ledger leaf hash does not match the stored record",
                            "checkpoint 5: root does not match the first 5 leaves of the ledger",
                            "ledger frontier: root does not match the first 5 leaves of the ledger"}));
}

// Enough records for verify to check them on several threads: the problems still come in leaf order,
// each named once.
TEST_F(VerifyTest, ManyRecordsAreCheckedInParallelAndReportedInLeafOrder) {
  Reopen();
  // 2,105 records: read in blocks of 1,024, checked on every core, several blocks at once.
  std::vector<std::string> more = AppendRecords(*bank_, "S5", 100, 2100);
  ids_.insert(ids_.end(), more.begin(), more.end());
  Sql("UPDATE records SET body = replace(body, '\"credits\":6', '\"credits\":60') "
      "WHERE leaf_index IN (2104, 7, 1024, 1023)");
  Reopen();
  std::vector<std::pair<int64_t, int64_t>> calls;
  StatusOr<VerifyReport> reported =
      VerifyBank(*bank_, [&](int64_t done, int64_t all) { calls.push_back({done, all}); });
  ASSERT_TRUE(reported.ok()) << reported.status().ToString();
  // Progress is told after each block.
  EXPECT_EQ(calls, (std::vector<std::pair<int64_t, int64_t>>{{1024, 2105}, {2048, 2105}, {2105, 2105}}));
  VerifyReport r = Verify();
  EXPECT_EQ(reported->problems, r.problems);
  const std::string edited = ": id does not match its content";
  std::vector<std::string> expected;
  for (int leaf : {7, 1023, 1024, 2104}) {
    expected.push_back(Leaf(leaf) + ": " + records::RecordLabel(ids_[static_cast<size_t>(leaf)]) + edited);
  }
  EXPECT_EQ(r.problems, expected);
  EXPECT_EQ(r.records, 2105);
  EXPECT_EQ(r.valid, 2101);
  EXPECT_EQ(r.tree_size, 2105);
}

// Three records of one batch after the five per-record ones: leaves 5, 6 and 7.
class BatchVerifyTest : public VerifyTest {
 protected:
  void SetUp() override {
    VerifyTest::SetUp();
    Reopen();
    std::vector<std::string> batch = AppendBatch(*bank_, "S4", 10, 3, "test/batch/1", &issued_);
    ids_.insert(ids_.end(), batch.begin(), batch.end());
    bank_.reset();
  }
  // The problem verify reports for each of the batch's records.
  std::vector<std::string> EachOfTheBatch(const std::string& problem) {
    return {Leaf(5) + ": " + problem, Leaf(6) + ": " + problem, Leaf(7) + ": " + problem};
  }
  std::vector<std::string> issued_;
};

TEST_F(BatchVerifyTest, BatchRecordsAreStoredShortAndReadWhole) {
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>());
  EXPECT_EQ(r.records, 8);
  EXPECT_EQ(r.valid, 8);
  EXPECT_EQ(r.checkpoints, 3);
  for (int i = 5; i < 8; ++i) {
    StatusOr<std::optional<store::RecordRow>> raw = bank_->store().FindRecord(ids_[i]);
    ASSERT_TRUE(raw.ok() && raw->has_value());
    EXPECT_NE((*raw)->body.find(",\"proof\":{\"batch\":\"test/batch/1\",\"key\":"), std::string::npos) << (*raw)->body;
    EXPECT_EQ((*raw)->body.find("\"inclusion\""), std::string::npos);
    // What a reader gets is the issued text, byte for byte.
    StatusOr<store::RecordRow> found = FindRecord(*bank_, ids_[i].substr(0, 12));
    ASSERT_TRUE(found.ok()) << found.status().ToString();
    EXPECT_EQ(found->body, issued_[i - 5]);
    EXPECT_TRUE(ExportRecord(*bank_, ids_[i]).ok());
  }
}

TEST_F(BatchVerifyTest, DeletedBatchIsNamedForEachOfItsRecords) {
  Sql("DELETE FROM batches");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, EachOfTheBatch("batch \"test/batch/1\" is not in this bank"));
  EXPECT_EQ(r.valid, 5);
  EXPECT_EQ(FindRecord(*bank_, ids_[6]).status(),
            Corruption("leaf 6: batch \"test/batch/1\" is not in this bank"));
}

TEST_F(BatchVerifyTest, EditedBatchNoteIsNamedForEachOfItsRecords) {
  Sql("UPDATE batches SET note = replace(note, char(10) || '3' || char(10), char(10) || '4' || char(10))");
  VerifyReport r = Verify();
  std::vector<std::string> expected;
  for (int i = 5; i < 8; ++i) {
    expected.push_back(Leaf(i) + ": " + records::RecordLabel(ids_[i]) + ": checkpoint signature does not verify");
  }
  EXPECT_EQ(r.problems, expected);
}

TEST_F(BatchVerifyTest, EditedBatchLeavesAreNamed) {
  // The first leaf hash zeroed: the records at the other leaves get paths through a wrong hash.
  Sql("UPDATE batches SET leaves = zeroblob(32) || substr(leaves, 33)");
  VerifyReport r = Verify();
  const std::string wrong = ": inclusion proof does not lead to the checkpoint root";
  EXPECT_EQ(r.problems, std::vector<std::string>({Leaf(6) + ": " + records::RecordLabel(ids_[6]) + wrong,
                                                  Leaf(7) + ": " + records::RecordLabel(ids_[7]) + wrong}));
}

TEST_F(BatchVerifyTest, EditedStoredBatchRecordIsNamed) {
  Sql("UPDATE records SET body = replace(body, '\"credits\":6', '\"credits\":60') WHERE leaf_index = 6");
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>{Leaf(6) + ": " + records::RecordLabel(ids_[6]) +
                                                 ": id does not match its content"});
}

TEST_F(VerifyTest, RotatedKeyStillVerifiesOldRecords) {
  Reopen();
  ASSERT_TRUE(bank_->RotateKey().ok());
  AppendRecords(*bank_, "S3", 6, 1);
  VerifyReport r = Verify();
  EXPECT_EQ(r.problems, std::vector<std::string>());
  EXPECT_EQ(r.valid, 6);
  EXPECT_EQ(r.checkpoints, 3);
}

TEST_F(VerifyTest, RevokedRecordIsReportedByVerifyAndExport) {
  Reopen();
  EXPECT_EQ(Revoke(*bank_, ids_[1].substr(0, 10), " ").status(), InvalidArgument("a reason is required"));
  // One line of UTF-8 text: a line break could forge a line of verify's or export's output.
  EXPECT_EQ(Revoke(*bank_, ids_[1], "wrong\nOK").status(),
            InvalidArgument("--reason: expected one line of text, got the control character U+000A at byte 6"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "bad \x01").status(),
            InvalidArgument("--reason: expected one line of text, got the control character U+0001 at byte 5"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "\xe5\xad").status(),
            InvalidArgument("--reason: expected UTF-8 text, got invalid UTF-8"));
  // C1 controls, the line separator and a bidirectional override would break or reorder a line too.
  EXPECT_EQ(Revoke(*bank_, ids_[1], "NEL\xc2\x85").status(),
            InvalidArgument("--reason: expected one line of text, got the control character U+0085 at byte 4"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "证书\xe2\x80\xa8OK").status(),
            InvalidArgument("--reason: expected one line of text, got the control character U+2028 at byte 7"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "a\xe2\x80\xae" "b").status(),
            InvalidArgument("--reason: expected one line of text, got the control character U+202E at byte 2"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "a\xe2\x80\x8f" "b").status(),  // RIGHT-TO-LEFT MARK
            InvalidArgument("--reason: expected one line of text, got the control character U+200F at byte 2"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], "a\xd8\x9c" "b").status(),  // ARABIC LETTER MARK
            InvalidArgument("--reason: expected one line of text, got the control character U+061C at byte 2"));
  EXPECT_EQ(Revoke(*bank_, ids_[1], std::string(kMaxReasonBytes + 1, 'x')).status(),
            InvalidArgument("--reason: expected at most 1000 bytes, got 1001"));
  StatusOr<RevokeResult> rev = Revoke(*bank_, ids_[1].substr(0, 10), "issued in error");
  ASSERT_TRUE(rev.ok()) << rev.status().ToString();
  EXPECT_EQ(rev->revocation.status_index, 1);
  EXPECT_EQ(rev->revocation.revoked_at, "2026-11-29T00:00:00Z");
  EXPECT_EQ(Revoke(*bank_, ids_[1], "again").status(),
            AlreadyExists(records::RecordLabel(ids_[1]) +
                          ": revoked already at 2026-11-29T00:00:00Z: issued in error"));
  VerifyReport r = Verify();
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.revoked, 1);
  EXPECT_EQ(r.notes[0], Leaf(1) + ": revoked at 2026-11-29T00:00:00Z: issued in error");
  EXPECT_EQ(ExportRecord(*bank_, ids_[1]).status(),
            FailedPrecondition(records::RecordLabel(ids_[1]) + ": revoked at 2026-11-29T00:00:00Z: issued in error"));

  // The status list has the record's bit set; another record's credential is not revoked.
  StatusOr<json::Value> list = ExportStatusList(*bank_);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  StatusOr<json::Value> vc = ExportRecord(*bank_, ids_[2]);
  ASSERT_TRUE(vc.ok()) << vc.status().ToString();
  records::CredentialCheck check;
  check.status_list_credential = &*list;
  StatusOr<records::VerifiedCredential> ok = records::VerifyAchievementCredential(*vc, check);
  ASSERT_TRUE(ok.ok()) << ok.status().ToString();
  EXPECT_TRUE(ok->status_checked);
  EXPECT_EQ(ok->id, "urn:creditbank:record:" + ids_[2]);
  const json::Value* status = vc->Find("credentialStatus");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->Find("statusListIndex")->AsString(), "2");
  StatusOr<bool> bit1 = records::CheckStatusListEntry(
      records::MakeStatusListEntry({StatusListUrl(*bank_), 1, "revocation"}), *list);
  ASSERT_TRUE(bit1.ok()) << bit1.status().ToString();
  EXPECT_TRUE(*bit1);

  // A reason edited into the store with a line break is printed with it escaped, on one line.
  ASSERT_EQ(store::testing::ExecOn(db_, "UPDATE revocations SET reason = 'issued' || char(10) || 'OK'"), 1);
  Reopen();
  EXPECT_EQ(Verify().notes[0], Leaf(1) + ": revoked at 2026-11-29T00:00:00Z: issued\\x0aOK");
  EXPECT_EQ(ShownReason("a\tb\x7f\xe5\xad\xa6"), "a\\x09b\\x7f\xe5\xad\xa6");
  EXPECT_EQ(ShownReason("NEL\xc2\x85 LS\xe2\x80\xa8 RLO\xe2\x80\xae ok"), "NEL\\x85 LS\\u2028 RLO\\u202e ok");
  EXPECT_EQ(ShownReason("bad \xff\xc2"), "bad \\xff\\xc2");
}

TEST_F(VerifyTest, RecordsFileVerifiesEachRecordAndNamesTheLine) {
  Reopen();
  StatusOr<std::optional<store::RecordRow>> r0 = bank_->store().FindRecord(ids_[0]);
  StatusOr<std::optional<store::RecordRow>> r1 = bank_->store().FindRecord(ids_[1]);
  ASSERT_TRUE(r0.ok() && r0->has_value() && r1.ok() && r1->has_value());
  std::string bad = (*r1)->body;
  bad.replace(bad.find("\"credits\":6"), 11, "\"credits\":7");
  records::Record outside = SignedCertification(*bank_, "p9", "1X-IOT-IDO", 9);
  StatusOr<std::string> outside_text = json::Canonicalize(records::RecordToJson(outside));
  ASSERT_TRUE(outside_text.ok());
  std::string text = "\xEF\xBB\xBF" + (*r0)->body + "\r\n\n" + bad + "\n" + *outside_text + "\n";
  StatusOr<VerifyReport> report = VerifyRecordsText(*bank_, "r.jsonl", text);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->records, 3);
  EXPECT_EQ(report->valid, 2);
  // Signed with the bank's key, but not in its ledger: not one of the bank's records.
  EXPECT_EQ(report->notes, std::vector<std::string>());
  EXPECT_EQ(report->problems,
            (std::vector<std::string>{
                "r.jsonl:3: " + records::RecordLabel(ids_[1]) + ": id does not match its content",
                "r.jsonl:4: " + records::RecordLabel(outside.id) + ": not in this bank's ledger"}));
  // A record the bank revoked fails too, though its signature is valid: whoever checks it must not
  // read OK.
  ASSERT_TRUE(Revoke(*bank_, ids_[0], "issued in error").ok());
  StatusOr<VerifyReport> revoked = VerifyRecordsText(*bank_, "r.json", (*r0)->body);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(revoked->valid, 1);
  EXPECT_EQ(revoked->revoked, 1);
  EXPECT_EQ(revoked->problems, std::vector<std::string>{"r.json:1: " + records::RecordLabel(ids_[0]) +
                                                        ": revoked at 2026-11-29T00:00:00Z: issued in error"});
  EXPECT_FALSE(revoked->ok());

  // Without the bank, with its public key only: the signatures. The revoked record and the one the
  // ledger does not hold pass; the edited one fails; with another key, none is signed by a key given.
  records::KeyRing published;
  published.AddRetired(bank_->signer().public_key());
  VerifyReport offline = VerifyRecordsTextWithKeys(published, "r.jsonl", text);
  EXPECT_EQ(offline.records, 3);
  EXPECT_EQ(offline.valid, 2);
  EXPECT_EQ(offline.problems, std::vector<std::string>{"r.jsonl:3: " + records::RecordLabel(ids_[1]) +
                                                       ": id does not match its content"});
  records::KeyRing other;
  other.AddRetired(records::MakeFixedKeySigner("another bank")->public_key());
  VerifyReport stranger = VerifyRecordsTextWithKeys(other, "r.json", (*r0)->body);
  EXPECT_EQ(stranger.valid, 0);
  EXPECT_EQ(stranger.problems, std::vector<std::string>{"r.json:1: " + records::RecordLabel(ids_[0]) + ": signed by " +
                                                        bank_->signer().key_id() + ", not one of the keys given"});
  // With the bank, a record another key signed is named the same way.
  records::Record foreign = SignedCertification(*bank_, "p9", "1X-IOT-IDO", 9);
  const std::unique_ptr<records::Signer> another = records::MakeFixedKeySigner("another bank");
  ASSERT_EQ(records::SignPerRecord(foreign, *another), Status::Ok());
  StatusOr<std::string> foreign_text = json::Canonicalize(records::RecordToJson(foreign));
  ASSERT_TRUE(foreign_text.ok());
  StatusOr<VerifyReport> in_bank = VerifyRecordsText(*bank_, "f.json", *foreign_text);
  ASSERT_TRUE(in_bank.ok());
  EXPECT_EQ(in_bank->problems,
            std::vector<std::string>{"f.json:1: " + records::RecordLabel(foreign.id) + ": signed by " +
                                     another->key_id() + ", not a key of this bank"});
}

// Nothing to check is no success, and a document cut short is one error where it broke, not an error
// for each of its lines read as JSON Lines.
TEST_F(VerifyTest, RecordsFileWithNothingOrACutDocumentFails) {
  Reopen();
  for (const std::string text : {"", "\xEF\xBB\xBF", "[]", "\n\n"}) {
    StatusOr<VerifyReport> report = VerifyRecordsText(*bank_, "e.json", text);
    ASSERT_TRUE(report.ok());
    EXPECT_EQ(report->records, 0);
    EXPECT_EQ(report->problems, std::vector<std::string>{"e.json: no records or credentials in it"});
  }
  StatusOr<std::optional<store::RecordRow>> r0 = bank_->store().FindRecord(ids_[0]);
  ASSERT_TRUE(r0.ok() && r0->has_value());
  StatusOr<json::Value> record = json::Parse((*r0)->body);
  ASSERT_TRUE(record.ok());
  const std::string pretty = json::Write(*record, 2);
  const std::string cut = pretty.substr(0, pretty.find("\"issuer\""));
  StatusOr<VerifyReport> report = VerifyRecordsText(*bank_, "c.json", cut);
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(report->records, 1);
  ASSERT_EQ(report->problems.size(), 1u);
  const size_t lines = static_cast<size_t>(std::count(cut.begin(), cut.end(), '\n'));
  const std::string where = "c.json: not JSON: line " + std::to_string(lines + 1) + ", column ";
  EXPECT_EQ(report->problems[0].rfind(where, 0), 0u) << report->problems[0];
}

}  // namespace
}  // namespace creditbank::bank
