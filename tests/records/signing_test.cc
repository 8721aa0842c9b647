#include "engine/records/signing.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/keys.h"
#include "engine/records/ledger.h"
#include "engine/records/record_verify.h"
#include "tests/records/record_fixture.h"

namespace creditbank::records {
namespace {

using namespace ::creditbank::records::testing;
using ::testing::StartsWith;

class SigningTest : public ::testing::Test {
 protected:
  SigningTest() : signer_(Rfc8032Signer()) { keys_.SetActive(signer_.public_key()); }

  // n distinct records (different dates).
  std::vector<Record> Records(int n) {
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
      json::Value body = SampleBody();
      body.Set("sequence", json::Value::Integer(i));
      out.push_back(Must(NewRecord(RecordType::kConversion, kLearner, kRuleSet, {"conv-1", "conv-2"},
                                   "2026-11-29", body, "")));
    }
    return out;
  }

  Ed25519Signer signer_;
  KeyRing keys_;
};

TEST_F(SigningTest, PerRecordSignatureMatchesOpenSslCli) {
  Record r = SampleRecord("");
  ASSERT_EQ(SignPerRecord(r, signer_), Status::Ok());
  EXPECT_EQ(r.issuer, kIssuer);
  ASSERT_TRUE(std::holds_alternative<PerRecordProof>(r.proof));
  EXPECT_EQ(std::get<PerRecordProof>(r.proof), (PerRecordProof{kIssuer, kSignature}));
  EXPECT_EQ(VerifyRecord(r, keys_), Status::Ok());
  EXPECT_EQ(VerifyRecord(RecordToJson(r), keys_), Status::Ok());
}

TEST_F(SigningTest, BatchRecordsEachVerifyOnTheirOwn) {
  for (int n : {1, 2, 3, 5, 8, 13}) {
    std::vector<Record> batch = Records(n);
    ASSERT_EQ(BatchSigner(signer_, "creditbank.example/batch/7").Sign(batch, 1795928400), Status::Ok());
    std::string checkpoint = std::get<BatchProof>(batch[0].proof).checkpoint;
    auto opened = OpenSignedCheckpoint(checkpoint, signer_.public_key());
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(opened->tree_size, static_cast<uint64_t>(n));
    EXPECT_EQ(opened->origin, "creditbank.example/batch/7");
    EXPECT_EQ(opened->unix_time, 1795928400);
    for (int i = 0; i < n; ++i) {
      const BatchProof& proof = std::get<BatchProof>(batch[i].proof);
      EXPECT_EQ(proof.leaf_index, static_cast<uint64_t>(i));
      EXPECT_EQ(proof.tree_size, static_cast<uint64_t>(n));
      EXPECT_EQ(proof.key, kIssuer);
      EXPECT_EQ(proof.checkpoint, checkpoint);
      EXPECT_EQ(proof.inclusion.size(), InclusionProofLength(i, n));
      EXPECT_EQ(batch[i].issuer, kIssuer);
      // A record verifies alone, from its JSON text.
      auto parsed = ParseRecord(json::Write(RecordToJson(batch[i])));
      ASSERT_TRUE(parsed.ok());
      EXPECT_EQ(VerifyRecord(*parsed, keys_), Status::Ok()) << i << "/" << n;
    }
  }
  std::vector<Record> unchanged = Records(2);
  std::vector<Record> attempt = unchanged;
  EXPECT_EQ(BatchSigner(signer_, "").Sign(attempt),
            InvalidArgument("checkpoint: origin \"\" is empty or has a control character"));
  EXPECT_TRUE(attempt == unchanged);
  std::vector<Record> none;
  EXPECT_EQ(BatchSigner(signer_, "o").Sign(none), FailedPrecondition("batch signer: no records"));
}

// Flip each byte of a signed record's JSON text: it never still verifies.
TEST_F(SigningTest, AnyChangedByteOfASignedRecordFails) {
  std::vector<Record> batch = Records(3);
  ASSERT_EQ(BatchSigner(signer_, "creditbank.example/batch/8").Sign(batch), Status::Ok());
  Record single = SampleRecord("");
  ASSERT_EQ(SignPerRecord(single, signer_), Status::Ok());
  for (const Record& r : {single, batch[1]}) {
    const std::string text = json::Write(RecordToJson(r));
    int rejected = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      std::string bad = text;
      bad[i] = static_cast<char>(bad[i] ^ 0x01);
      StatusOr<Record> parsed = ParseRecord(bad);
      Status verdict = parsed.ok() ? VerifyRecord(*parsed, keys_) : parsed.status();
      EXPECT_FALSE(verdict.ok()) << "byte " << i << " of " << text;
      rejected += verdict.ok() ? 0 : 1;
    }
    EXPECT_EQ(rejected, static_cast<int>(text.size()));
  }
}

// A memo primed with a batch's honest checkpoint changes no verdict: every changed byte of another
// record of the batch fails exactly as it does without the memo, and the memo answers only for the
// same note and key.
TEST_F(SigningTest, ACheckpointMemoChangesNoVerdict) {
  std::vector<Record> batch = Records(3);
  ASSERT_EQ(BatchSigner(signer_, "creditbank.example/batch/10").Sign(batch), Status::Ok());
  CheckpointMemo memo;
  ASSERT_EQ(VerifyRecord(batch[0], keys_, &memo), Status::Ok());
  const std::string text = json::Write(RecordToJson(batch[1]));
  for (size_t i = 0; i < text.size(); ++i) {
    std::string bad = text;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    StatusOr<Record> parsed = ParseRecord(bad);
    if (!parsed.ok()) continue;
    EXPECT_EQ(VerifyRecord(*parsed, keys_, &memo), VerifyRecord(*parsed, keys_)) << "byte " << i;
    EXPECT_FALSE(VerifyRecord(*parsed, keys_, &memo).ok()) << "byte " << i;
  }
  EXPECT_EQ(VerifyRecord(batch[2], keys_, &memo), Status::Ok());

  const std::string& note = std::get<BatchProof>(batch[0].proof).checkpoint;
  const Ed25519PublicKey other =
      Must(Ed25519PrivateKey::FromSeed(std::vector<uint8_t>(32, 7))).public_key();
  EXPECT_EQ(memo.Open(note, other).status(), OpenSignedCheckpoint(note, other).status());
  EXPECT_FALSE(memo.Open(note, other).ok());
  std::string changed = note;
  changed[changed.find('\n') + 1] ^= 0x01;  // the tree size
  EXPECT_EQ(memo.Open(changed, signer_.public_key()).status(), Corruption("checkpoint signature does not verify"));
  EXPECT_TRUE(memo.Open(note, signer_.public_key()).ok());
  EXPECT_FALSE(memo.Open(changed, signer_.public_key()).ok());
}

TEST_F(SigningTest, TamperingPerRecordGivesExactMessages) {
  Record good = SampleRecord("");
  ASSERT_EQ(SignPerRecord(good, signer_), Status::Ok());
  const std::string label = kLabel;

  Record body_changed = good;
  body_changed.body.Set("credits", json::Value::String("8.00"));
  EXPECT_EQ(VerifyRecord(body_changed, keys_), Corruption(label + ": id does not match its content"));

  // The same change with the id recomputed: now only the signature can tell.
  Record rehashed = body_changed;
  rehashed.id = *ComputeRecordId(rehashed);
  EXPECT_EQ(VerifyRecord(rehashed, keys_),
            Corruption(RecordLabel(rehashed.id) + ": signature does not verify with key " + kIssuer));

  Record sig_changed = good;
  std::string& sig = std::get<PerRecordProof>(sig_changed.proof).signature;
  sig[5] = sig[5] == 'A' ? 'B' : 'A';
  EXPECT_EQ(VerifyRecord(sig_changed, keys_),
            Corruption(label + ": signature does not verify with key " + kIssuer));
  sig = "not base64url!";
  EXPECT_EQ(VerifyRecord(sig_changed, keys_),
            Corruption(label + ": /proof/signature is not base64url of 64 bytes"));

  KeyRing strangers;
  strangers.SetActive(FixedTestKey("stranger").public_key());
  EXPECT_EQ(VerifyRecord(good, strangers),
            NotFound(label + ": unknown issuer key " + std::string(kIssuer)));

  Record wrong_key = good;
  std::get<PerRecordProof>(wrong_key.proof).key = "ed25519:0000000000000000";
  EXPECT_EQ(VerifyRecord(wrong_key, keys_),
            Corruption(label + ": proof key ed25519:0000000000000000 is not the issuer " + kIssuer));

  json::Value no_signature = RecordToJson(good);
  no_signature.members().back().second.members().pop_back();
  EXPECT_EQ(VerifyRecord(no_signature, keys_), Corruption(label + ": missing field /proof/signature"));

  Record unsigned_record = SampleRecord();
  EXPECT_EQ(VerifyRecord(unsigned_record, keys_), Corruption(label + ": missing field /proof"));
}

TEST_F(SigningTest, TamperingBatchGivesExactMessages) {
  std::vector<Record> batch = Records(5);
  ASSERT_EQ(BatchSigner(signer_, "creditbank.example/batch/9").Sign(batch, 1795928400), Status::Ok());
  const Record good = batch[2];
  const std::string label = RecordLabel(good.id);

  Record rehashed = good;
  rehashed.body.Set("credits", json::Value::String("8.00"));
  rehashed.id = *ComputeRecordId(rehashed);
  EXPECT_EQ(VerifyRecord(rehashed, keys_),
            Corruption(RecordLabel(rehashed.id) + ": inclusion proof does not lead to the checkpoint root"));

  Record path_changed = good;
  std::get<BatchProof>(path_changed.proof).inclusion[1][0] ^= 0x01;
  EXPECT_EQ(VerifyRecord(path_changed, keys_),
            Corruption(label + ": inclusion proof does not lead to the checkpoint root"));
  // In the JSON text, the same hash's base64 changed and then cut short.
  json::Value as_json = RecordToJson(good);
  json::Value& hash_1 = as_json.members().back().second.members()[4].second.items()[1];
  std::string b64 = hash_1.AsString();
  b64[0] = b64[0] == 'A' ? 'B' : 'A';
  hash_1 = json::Value::String(b64);
  EXPECT_EQ(VerifyRecord(as_json, keys_),
            Corruption(label + ": inclusion proof does not lead to the checkpoint root"));
  hash_1 = json::Value::String("AAAA");
  EXPECT_EQ(VerifyRecord(as_json, keys_),
            Corruption(label + ": /proof/inclusion/1: expected base64 of a 32-byte hash"));

  Record index_changed = good;
  std::get<BatchProof>(index_changed.proof).leaf_index = 3;
  EXPECT_EQ(VerifyRecord(index_changed, keys_),
            Corruption(label + ": inclusion proof does not lead to the checkpoint root"));

  Record path_shortened = good;
  std::get<BatchProof>(path_shortened.proof).inclusion.pop_back();
  EXPECT_EQ(VerifyRecord(path_shortened, keys_),
            Corruption(label + ": inclusion proof: has 2 hashes, a proof for leaf 2 of 5 has 3"));

  Record size_changed = good;
  std::get<BatchProof>(size_changed.proof).tree_size = 6;
  EXPECT_EQ(VerifyRecord(size_changed, keys_),
            Corruption(label + ": tree size 6 does not match the checkpoint tree size 5"));

  // The checkpoint text: its tree size line changed from 5 to 6, and its signature line changed.
  Record checkpoint_changed = good;
  std::string& note = std::get<BatchProof>(checkpoint_changed.proof).checkpoint;
  note.replace(note.find("\n5\n"), 3, "\n6\n");
  EXPECT_EQ(VerifyRecord(checkpoint_changed, keys_),
            Corruption(label + ": checkpoint signature does not verify"));
  Record note_sig_changed = good;
  std::string& note2 = std::get<BatchProof>(note_sig_changed.proof).checkpoint;
  size_t at = note2.size() - 20;
  note2[at] = note2[at] == 'A' ? 'B' : 'A';
  EXPECT_EQ(VerifyRecord(note_sig_changed, keys_),
            Corruption(label + ": checkpoint signature does not verify"));
  Record note_unsigned = good;
  std::string& note3 = std::get<BatchProof>(note_unsigned.proof).checkpoint;
  note3 = note3.substr(0, note3.find("\n\n") + 2);
  EXPECT_EQ(VerifyRecord(note_unsigned, keys_), Corruption(label + ": checkpoint: no signature lines"));
}

// A changed ledger leaf: the tree rebuilt with one record altered no longer matches the signed
// checkpoint, and proofs drawn from it do not lead to the checkpoint root.
TEST_F(SigningTest, ChangedLedgerLeafIsDetected) {
  std::vector<Record> records = Records(6);
  for (Record& r : records) r.issuer = kIssuer;
  MerkleLedger ledger;
  for (const Record& r : records) ledger.Append(AsBytes(*SigningBytes(r)));
  Checkpoint cp{"creditbank.example/ledger", ledger.size(), ledger.Root(), 1795928400};
  std::string note = *SignCheckpoint(cp, signer_);

  MerkleLedger tampered;
  for (size_t i = 0; i < records.size(); ++i) {
    std::string bytes = *SigningBytes(records[i]);
    if (i == 4) bytes[bytes.find(records[4].id)] ^= 0x01;  // one bit of the id in the leaf
    tampered.Append(AsBytes(bytes));
  }
  EXPECT_NE(tampered.Root(), cp.root);
  // Record 1's proof from the tampered ledger.
  Record r = records[1];
  BatchProof proof{kIssuer, 1, 6, {}, note};
  std::vector<Hash> tampered_path = *tampered.InclusionProof(1, 6);
  proof.inclusion = tampered_path;
  r.proof = proof;
  EXPECT_EQ(VerifyRecord(r, keys_),
            Corruption(RecordLabel(r.id) + ": inclusion proof does not lead to the checkpoint root"));
  // The honest ledger's proof verifies; so does consistency with a later, honest extension.
  proof.inclusion.clear();
  std::vector<Hash> honest_path = *ledger.InclusionProof(1, 6);
  proof.inclusion = honest_path;
  r.proof = proof;
  EXPECT_EQ(VerifyRecord(r, keys_), Status::Ok());
  ledger.Append(AsBytes("a later record"));
  EXPECT_EQ(VerifyConsistency(6, 7, *ledger.ConsistencyProof(6, 7), cp.root, ledger.Root()), Status::Ok());
  EXPECT_EQ(VerifyConsistency(6, 7, *ledger.ConsistencyProof(6, 7), tampered.Root(), ledger.Root()),
            Corruption("consistency proof: does not lead to the old root"));
}

// The signature covers the statement of record.h, issuer included: a record re-labelled with
// another known key, a signature over the bare id, and one over the whole canonical record (what
// records signed before v2) are all rejected.
TEST_F(SigningTest, SignatureCoversTheStatementOnly) {
  Record good = SampleRecord("");
  ASSERT_EQ(SignPerRecord(good, signer_), Status::Ok());
  Ed25519Signer other(FixedTestKey("other issuer"));
  KeyRing ring = keys_;
  ring.SetActive(other.public_key());

  Record relabelled = good;
  relabelled.issuer = other.key_id();
  std::get<PerRecordProof>(relabelled.proof).key = other.key_id();
  EXPECT_EQ(VerifyRecord(relabelled, ring),
            Corruption(std::string(kLabel) + ": signature does not verify with key " + other.key_id()));

  auto signed_with = [&](std::string_view message) {
    Record r = good;
    std::get<PerRecordProof>(r.proof).signature = Base64UrlEncode(*signer_.Sign(AsBytes(message)));
    return r;
  };
  const Status rejected = Corruption(std::string(kLabel) + ": signature does not verify with key " + kIssuer);
  EXPECT_EQ(VerifyRecord(signed_with(kId), ring), rejected);
  json::Value whole = RecordToJson(good);
  whole.members().pop_back();  // without "proof"
  EXPECT_EQ(VerifyRecord(signed_with(*json::Canonicalize(whole)), ring), rejected);
  EXPECT_EQ(VerifyRecord(signed_with(kSigningBytes), ring), Status::Ok());
}

// Signing trusts record.id (record.h): content edited without recomputing the id is signed as the
// old id says, and verification names the mismatch instead of accepting it.
TEST_F(SigningTest, StaleIdIsSignedAndRejected) {
  Record r = SampleRecord("");
  r.body.Set("credits", json::Value::String("8.00"));
  ASSERT_EQ(SignPerRecord(r, signer_), Status::Ok());
  EXPECT_EQ(std::get<PerRecordProof>(r.proof).signature, kSignature);
  EXPECT_EQ(VerifyRecord(r, keys_), Corruption(std::string(kLabel) + ": id does not match its content"));
  r.id = *ComputeRecordId(r);
  ASSERT_EQ(SignPerRecord(r, signer_), Status::Ok());
  EXPECT_EQ(VerifyRecord(r, keys_), Status::Ok());
}

TEST_F(SigningTest, RecordsOfARotatedOutKeyStillVerify) {
  Ed25519Signer old_signer(FixedTestKey("issuer-2025"));
  Ed25519Signer new_signer(FixedTestKey("issuer-2026"));
  KeyRing ring;
  ring.SetActive(old_signer.public_key());
  Record old_record = SampleRecord("");
  ASSERT_EQ(SignPerRecord(old_record, old_signer), Status::Ok());
  std::vector<Record> old_batch = Records(3);
  ASSERT_EQ(BatchSigner(old_signer, "o").Sign(old_batch), Status::Ok());

  ring.SetActive(new_signer.public_key());  // rotation
  ASSERT_EQ(ring.StateOf(old_signer.key_id()), KeyRing::KeyState::kRetired);
  EXPECT_EQ(VerifyRecord(old_record, ring), Status::Ok());
  EXPECT_EQ(VerifyRecord(old_batch[2], ring), Status::Ok());
  Record new_record = SampleRecord("");
  ASSERT_EQ(SignPerRecord(new_record, new_signer), Status::Ok());
  EXPECT_EQ(new_record.id, old_record.id);  // the id does not depend on the key
  EXPECT_EQ(VerifyRecord(new_record, ring), Status::Ok());

  // Without the retired key, the old record is reported by name.
  KeyRing only_new;
  only_new.SetActive(new_signer.public_key());
  EXPECT_EQ(VerifyRecord(old_record, only_new),
            NotFound(RecordLabel(old_record.id) + ": unknown issuer key " + old_signer.key_id()));
}

}  // namespace
}  // namespace creditbank::records
