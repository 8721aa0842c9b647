#include "engine/bank/bank.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "engine/bank/key_files.h"
#include "engine/records/merkle.h"
#include "engine/records/record_verify.h"
#include "engine/store/sqlite_store.h"
#include "tests/bank/bank_test_util.h"

namespace creditbank::bank {
namespace {

int ModeOf(const std::filesystem::path& p) {
  struct stat st;
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return static_cast<int>(st.st_mode & 0777);
}

class BankTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = BankTempDir(::testing::UnitTest::GetInstance()->current_test_info()->name());
    db_ = (dir_ / "bank.db").string();
    rules_ = ShippedRules();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::filesystem::path dir_;
  std::string db_;
  RuleFiles rules_;
  FixedClock clock_{kTestNow};
};

TEST_F(BankTest, InitCreatesStoreKeyAndSecretWithTightModes) {
  StatusOr<InitResult> r = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE(r->created);
  EXPECT_EQ(r->rule_set_version, 1);
  EXPECT_EQ(r->rule_set_change, RuleSetChange::kNew);
  EXPECT_EQ(r->key_id.substr(0, 8), "ed25519:");
  EXPECT_EQ(r->key_id.size(), 24u);
  EXPECT_EQ(ModeOf(db_ + ".keys"), 0700);
  EXPECT_EQ(ModeOf(db_ + ".keys/issuer-1.pem"), 0600);
  EXPECT_EQ(ModeOf(db_ + ".keys/secret"), 0600);
  std::ifstream secret(db_ + ".keys/secret");
  std::string hex;
  secret >> hex;
  EXPECT_EQ(hex.size(), 64u);

  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok()) << bank.status().ToString();
  EXPECT_EQ((*bank)->signer().key_id(), r->key_id);
  EXPECT_EQ((*bank)->key_ring().active_key_id(), r->key_id);
  // The pseudonym is the HMAC under the stored secret, never the id itself, and stable.
  std::string p = (*bank)->Pseudonym("S2024000101");
  EXPECT_EQ(p.size(), 64u);
  EXPECT_EQ(p, (*bank)->Pseudonym("S2024000101"));
  EXPECT_NE(p, (*bank)->Pseudonym("S2024000102"));
  // The store holds no secret: neither the secret hex nor the PEM appears in the database file.
  std::ifstream dbf(db_, std::ios::binary);
  std::string content((std::istreambuf_iterator<char>(dbf)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content.find(hex), std::string::npos);
  EXPECT_EQ(content.find("PRIVATE KEY"), std::string::npos);
}

TEST_F(BankTest, ReinitSameRulesIsUnchangedChangedRulesAddVersion2) {
  StatusOr<InitResult> first = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  StatusOr<InitResult> again = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->rule_set_change, RuleSetChange::kUnchanged);
  EXPECT_EQ(again->rule_set_version, 1);
  EXPECT_EQ(again->key_id, first->key_id);
  EXPECT_FALSE(std::filesystem::exists(db_ + ".keys/issuer-2.pem"));

  RuleFiles changed = rules_;
  std::string& fw = changed.at("framework.json");
  fw.insert(fw.rfind('}'), ", \"x_note\": 1");
  // An unknown member is an error in the rule format: a bad rule set changes nothing.
  StatusOr<InitResult> bad = InitBank(db_, changed, clock_);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().message().substr(0, 7), "rules: ");

  // A whitespace change keeps the hash (canonical form) ...
  changed = rules_;
  changed.at("framework.json") += "\n\n";
  StatusOr<InitResult> same = InitBank(db_, changed, clock_);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_EQ(same->rule_set_change, RuleSetChange::kUnchanged);
  // ... and a file moved to another name changes it: version 2.
  changed = rules_;
  auto node = changed.extract("framework.json");
  node.key() = "framework/framework.json";
  changed.insert(std::move(node));
  StatusOr<InitResult> v2 = InitBank(db_, changed, clock_);
  ASSERT_TRUE(v2.ok()) << v2.status().ToString();
  EXPECT_EQ(v2->rule_set_change, RuleSetChange::kNew);
  EXPECT_EQ(v2->rule_set_version, 2);
  EXPECT_NE(v2->rule_set_hash, first->rule_set_hash);

  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  StatusOr<std::shared_ptr<const RuleSet>> latest = (*bank)->LatestRuleSet();
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ((*latest)->hash(), v2->rule_set_hash);
  StatusOr<std::shared_ptr<const RuleSet>> old = (*bank)->RuleSetByHash(first->rule_set_hash);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ((*old)->hash(), first->rule_set_hash);
  StatusOr<std::shared_ptr<const RuleSet>> none = (*bank)->RuleSetByHash("00");
  EXPECT_EQ(none.status(), NotFound("rule set 00: not in this bank"));
  bank->reset();

  // The first rule set loaded again: version 1 is the one the bank converts with again, and loading it
  // once more changes nothing.
  StatusOr<InitResult> back = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->rule_set_change, RuleSetChange::kMadeCurrent);
  EXPECT_EQ(back->rule_set_version, 1);
  StatusOr<InitResult> still = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(still.ok()) << still.status().ToString();
  EXPECT_EQ(still->rule_set_change, RuleSetChange::kUnchanged);
  bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  latest = (*bank)->LatestRuleSet();
  ASSERT_TRUE(latest.ok()) << latest.status().ToString();
  EXPECT_EQ((*latest)->hash(), first->rule_set_hash);
  // A bank whose current rule set is named but not held (an edit) is refused, not converted with another.
  ASSERT_EQ((*bank)->store().PutMeta(kCurrentRuleSetMeta, "00"), Status::Ok());
  EXPECT_EQ((*bank)->LatestRuleSet().status(),
            Corruption("bank: its current rule set 00 is not among its rule sets"));
}

TEST_F(BankTest, OpenWithoutBankSaysRunInit) {
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  EXPECT_EQ(bank.status(), NotFound(db_ + ": no bank here (run creditbank init)"));
}

TEST_F(BankTest, LooseSecretModeRefusesToOpen) {
  ASSERT_TRUE(InitBank(db_, rules_, clock_).ok());
  ASSERT_EQ(::chmod((db_ + ".keys/secret").c_str(), 0644), 0);
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  EXPECT_EQ(bank.status(), FailedPrecondition(db_ + ".keys/secret: bank secret is readable by group or "
                                                    "others (mode 0644)"));
}

TEST_F(BankTest, RotateKeyKeepsOldKeyForOldRecords) {
  ASSERT_TRUE(InitBank(db_, rules_, clock_).ok());
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  records::Record old_record = SignedCertification(**bank, "p1", "1X-IOT-IDO", 1);
  const std::string old_key = (*bank)->signer().key_id();
  StatusOr<std::string> new_key = (*bank)->RotateKey();
  ASSERT_TRUE(new_key.ok()) << new_key.status().ToString();
  EXPECT_NE(*new_key, old_key);
  EXPECT_EQ(ModeOf(db_ + ".keys/issuer-2.pem"), 0600);

  StatusOr<std::unique_ptr<Bank>> reopened = Bank::Open(db_, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  const records::KeyRing& ring = (*reopened)->key_ring();
  EXPECT_EQ(ring.active_key_id(), *new_key);
  EXPECT_EQ(ring.StateOf(old_key), records::KeyRing::KeyState::kRetired);
  EXPECT_EQ((*reopened)->signer().key_id(), *new_key);
  EXPECT_TRUE(records::VerifyRecord(old_record, ring).ok());
  records::Record new_record = SignedCertification(**reopened, "p1", "1X-IOT-IDO", 2);
  EXPECT_EQ(new_record.issuer, *new_key);
}

// A rotation takes the run lock: while a convert holds it the rotation is refused, naming the run,
// and nothing changes; two rotations cannot both retire the same key.
TEST_F(BankTest, RotateKeyWaitsForNoRunAndLeavesNoPartialKeyFile) {
  ASSERT_TRUE(InitBank(db_, rules_, clock_).ok());
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  const std::string old_key = (*bank)->signer().key_id();
  {
    StatusOr<std::unique_ptr<store::Store>> other = store::OpenSqliteStore(db_, store::OpenMode::kOpenExisting);
    ASSERT_TRUE(other.ok());
    StatusOr<std::unique_ptr<store::RunLock>> run = (*other)->TryLockRun("convert --programme P, pid 1");
    ASSERT_TRUE(run.ok()) << run.status().ToString();
    EXPECT_EQ((*bank)->RotateKey().status(),
              FailedPrecondition(db_ + ": another batch run is writing to this bank (convert --programme P, pid 1)"));
    EXPECT_FALSE(std::filesystem::exists(db_ + ".keys/issuer-2.pem"));
    EXPECT_EQ((*bank)->signer().key_id(), old_key);
  }
  // What a rotation killed while writing its key file leaves: the next one writes over it.
  { std::ofstream(db_ + ".keys/issuer-2.pem.tmp") << "-----BEGIN PRIV"; }
  StatusOr<std::string> new_key = (*bank)->RotateKey();
  ASSERT_TRUE(new_key.ok()) << new_key.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(db_ + ".keys/issuer-2.pem.tmp"));
  StatusOr<std::unique_ptr<Bank>> reopened = Bank::Open(db_, clock_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->signer().key_id(), *new_key);
  EXPECT_EQ((*reopened)->key_ring().StateOf(old_key), records::KeyRing::KeyState::kRetired);
}

// An init killed after it wrote the store's schema and the secret, before the bank's origin and key:
// no command opens that bank, and init run again finishes it, keeping the secret.
TEST_F(BankTest, InitFinishesAnInitThatWasKilled) {
  {
    StatusOr<std::unique_ptr<store::Store>> s = store::OpenSqliteStore(db_, store::OpenMode::kCreate);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
  }
  ASSERT_TRUE(CreateKeysDir(db_ + ".keys").ok());
  ASSERT_TRUE(WriteNewSecret(db_ + ".keys").ok());
  StatusOr<std::string> secret = ReadSecret(db_ + ".keys");
  ASSERT_TRUE(secret.ok());
  EXPECT_EQ(Bank::Open(db_, clock_).status(),
            FailedPrecondition("bank: no ledger origin in the store (run creditbank init)"));
  StatusOr<InitResult> init = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  EXPECT_TRUE(init->created);
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok()) << bank.status().ToString();
  EXPECT_EQ((*bank)->signer().key_id(), init->key_id);
  EXPECT_EQ(ReadSecret(db_ + ".keys").value(), *secret);
  StatusOr<InitResult> again = InitBank(db_, rules_, clock_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->key_id, init->key_id);
}

TEST_F(BankTest, RecordRowLeafHashIsTheLeafOfTheCanonicalRecord) {
  ASSERT_TRUE(InitBank(db_, rules_, clock_).ok());
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  records::Record r = SignedCertification(**bank, "p1", "1X-IOT-IDO", 1);
  StatusOr<store::RecordRow> row = MakeRecordRow(r, "");
  ASSERT_TRUE(row.ok());
  StatusOr<std::string> canonical = json::Canonicalize(records::RecordToJson(r));
  ASSERT_TRUE(canonical.ok());
  EXPECT_EQ(row->body, *canonical);
  records::Hash leaf = records::LeafHash(records::AsBytes(*canonical));
  EXPECT_EQ(row->leaf_hash, std::string(leaf.begin(), leaf.end()));
  EXPECT_EQ(row->type, "certification");
  EXPECT_EQ(row->pseudonym, "p1");
  EXPECT_EQ(row->programme, "");

  records::Record unsigned_record = r;
  unsigned_record.proof = std::monostate();
  EXPECT_EQ(MakeRecordRow(unsigned_record, "").status(),
            FailedPrecondition(records::RecordLabel(r.id) + ": not signed"));
}

// A record made from a canonical body text keeps its body only in its content text: its row is made
// from that text, and without it MakeRecordRow refuses instead of storing an empty body.
TEST_F(BankTest, RecordRowOfABodyTextNeedsItsContent) {
  ASSERT_TRUE(InitBank(db_, rules_, clock_).ok());
  StatusOr<std::unique_ptr<Bank>> bank = Bank::Open(db_, clock_);
  ASSERT_TRUE(bank.ok());
  std::string content;
  StatusOr<records::Record> draft = records::NewRecordFromCanonicalBody(
      records::RecordType::kConversion, "p1", "rs", {}, "2026-11-29", R"({"granted":0,"programme":"学前教育"})", "",
      &content);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_EQ(records::SignPerRecord(*draft, (*bank)->signer()), Status::Ok());
  EXPECT_EQ(MakeRecordRow(*draft, "CQEIT-510102").status(),
            FailedPrecondition(records::RecordLabel(draft->id) +
                               ": the body is only in the record's content text; pass that text"));
  StatusOr<store::RecordRow> row = MakeRecordRow(*draft, "CQEIT-510102", content);
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  StatusOr<records::Record> back = records::ParseRecord(row->body);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(json::Write(back->body), R"({"granted":0,"programme":"学前教育"})");
  EXPECT_EQ(*records::ComputeRecordId(*back), draft->id);
  EXPECT_EQ(records::VerifyRecord(records::RecordToJson(*back), (*bank)->key_ring()), Status::Ok());
}

}  // namespace
}  // namespace creditbank::bank
