// The stored form of batch-signed records: checked against an independent construction (the record's
// JSON tree with the proof edited, then the RFC 8785 canonicalizer), rebuilt byte for byte, verified,
// and every refusal with its message.
#include "engine/records/stored_batch.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/json/json.h"
#include "engine/records/record_verify.h"
#include "engine/records/signing.h"
#include "tests/records/record_fixture.h"

namespace creditbank::records {
namespace {

using namespace ::creditbank::records::testing;

class StoredBatchTest : public ::testing::Test {
 protected:
  StoredBatchTest() : signer_(Rfc8032Signer()) { keys_.SetActive(signer_.public_key()); }

  // n records signed as one batch named `origin`. Each body also holds an object with a "proof"
  // member naming a batch, which the stored form must leave alone.
  std::vector<Record> SignedBatchOf(int n, const std::string& origin, SignedBatch* batch,
                                    std::vector<std::string>* contents = nullptr) {
    std::vector<Record> out;
    for (int i = 0; i < n; ++i) {
      json::Value body = SampleBody();
      body.Set("sequence", json::Value::Integer(i));
      json::Value decoy = json::Value::Object();
      json::Value decoy_proof = json::Value::Object();
      decoy_proof.Set("batch", json::Value::String("decoy"));
      decoy.Set("proof", decoy_proof);
      body.Set("note", decoy);
      std::string content;
      out.push_back(
          Must(NewRecord(RecordType::kConversion, kLearner, kRuleSet, {"conv-1"}, "2026-11-29", body, "", &content)));
      if (contents != nullptr) contents->push_back(content);
    }
    EXPECT_EQ(BatchSigner(signer_, origin).Sign(out, std::nullopt, batch), Status::Ok());
    return out;
  }

  // The stored form built another way: the proof object of the record's JSON edited, canonicalized.
  static std::string ExpectedStored(const Record& r, const std::string& origin) {
    json::Value v = RecordToJson(r);
    json::Value stored_proof = json::Value::Object();
    for (const json::Value::Member& m : v.Find("proof")->members()) {
      if (m.first != "checkpoint" && m.first != "inclusion") stored_proof.Set(m.first, m.second);
    }
    stored_proof.Set("batch", json::Value::String(origin));
    v.Set("proof", stored_proof);
    return Must(json::Canonicalize(v));
  }

  Ed25519Signer signer_;
  KeyRing keys_;
};

TEST_F(StoredBatchTest, EveryRecordOfABatchIsStoredShortAndRebuiltExactly) {
  // An origin with a quote and a backslash, which its JSON string escapes.
  const std::string origin = "creditbank/batch/\"q\\uote\"/7";
  SignedBatch batch;
  std::vector<Record> recs = SignedBatchOf(7, origin, &batch);
  EXPECT_EQ(batch.origin, origin);
  EXPECT_EQ(NoteOrigin(batch.note), origin);
  ASSERT_EQ(batch.leaves.size(), 7u);
  BatchProofs proofs = Must(BatchProofs::Make(batch));
  for (size_t i = 0; i < recs.size(); ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(batch.leaves[i], LeafHash(AsBytes(Must(SigningBytes(recs[i])))));
    const std::string issued = Must(CanonicalRecordText(recs[i]));
    const std::string stored = Must(StoredBatchRecordText(issued, recs[i]));
    EXPECT_EQ(stored, ExpectedStored(recs[i], origin));
    EXPECT_EQ(StoredBatchOrigin(stored), origin);
    EXPECT_EQ(StoredBatchOrigin(issued), std::nullopt);
    const std::string rebuilt = Must(IssuedBatchRecordText(stored, proofs));
    EXPECT_EQ(rebuilt, issued);
    EXPECT_EQ(VerifyRecord(Must(ParseRecord(rebuilt)), keys_), Status::Ok());
  }
}

// The one-pass stored text and leaf hash equal the stored form of the issued text and that text's leaf
// hash, from the record's content or without it.
TEST_F(StoredBatchTest, StoredTextAndLeafInOnePassEqualTheTwoSteps) {
  const std::string origin = "creditbank/batch/\"q\\uote\"/9";
  SignedBatch batch;
  std::vector<std::string> contents;
  std::vector<Record> recs = SignedBatchOf(9, origin, &batch, &contents);
  ASSERT_EQ(contents.size(), recs.size());
  for (size_t i = 0; i < recs.size(); ++i) {
    SCOPED_TRACE(i);
    const std::string issued = Must(CanonicalRecordText(recs[i]));
    for (const std::string& content : {contents[i], std::string()}) {
      Digest leaf{};
      EXPECT_EQ(Must(StoredBatchRecordTextAndLeaf(recs[i], content, &leaf)), ExpectedStored(recs[i], origin));
      EXPECT_EQ(leaf, LeafHash(AsBytes(issued)));
      std::string text;
      Digest again{};
      EXPECT_EQ(Must(StoredBatchRecordTextAndLeaf(recs[i], content, &again, &text)), ExpectedStored(recs[i], origin));
      EXPECT_EQ(again, leaf);
      EXPECT_EQ(text, issued);
    }
  }
  Digest leaf{};
  EXPECT_EQ(StoredBatchRecordTextAndLeaf(recs[1], "{\"body\":{}}", &leaf).status(),
            InvalidArgument(RecordLabel(recs[1].id) + ": content text is not this record's"));
  Record per_record = SampleRecord("");
  ASSERT_EQ(SignPerRecord(per_record, signer_), Status::Ok());
  EXPECT_EQ(StoredBatchRecordTextAndLeaf(per_record, "", &leaf).status(),
            InvalidArgument(RecordLabel(per_record.id) + ": not signed in a batch"));
}

TEST_F(StoredBatchTest, RefusesWhatItCannotStoreOrRebuild) {
  SignedBatch batch;
  std::vector<Record> recs = SignedBatchOf(3, "b/1", &batch);
  SignedBatch other;
  SignedBatchOf(3, "b/2", &other);
  const std::string issued = Must(CanonicalRecordText(recs[1]));
  const std::string stored = Must(StoredBatchRecordText(issued, recs[1]));

  Record per_record = SampleRecord("");
  ASSERT_EQ(SignPerRecord(per_record, signer_), Status::Ok());
  const std::string label = RecordLabel(per_record.id);
  EXPECT_EQ(StoredBatchRecordText(Must(CanonicalRecordText(per_record)), per_record).status(),
            InvalidArgument(label + ": not signed in a batch"));
  EXPECT_EQ(StoredBatchRecordText(Must(CanonicalRecordText(recs[2])), recs[1]).status(),
            InvalidArgument(RecordLabel(recs[1].id) + ": the text does not carry the record's batch proof"));
  EXPECT_EQ(StoredBatchOrigin(Must(CanonicalRecordText(per_record))), std::nullopt);

  BatchProofs mine = Must(BatchProofs::Make(batch));
  EXPECT_EQ(IssuedBatchRecordText(issued, mine).status(),
            Corruption("stored batch proof: the record does not name its batch"));
  EXPECT_EQ(IssuedBatchRecordText(stored, Must(BatchProofs::Make(other))).status(),
            Corruption("stored batch proof: the record names batch \"b/1\", not \"b/2\""));
  SignedBatch shorter = batch;
  shorter.leaves.pop_back();
  EXPECT_EQ(IssuedBatchRecordText(stored, Must(BatchProofs::Make(shorter))).status(),
            Corruption("stored batch proof: tree_size is not 2, the size of batch \"b/1\""));
  std::string beyond = stored;
  beyond.replace(beyond.find("\"leaf_index\":1"), 14, "\"leaf_index\":3");
  EXPECT_EQ(IssuedBatchRecordText(beyond, mine).status(),
            Corruption("stored batch proof: leaf_index is not a leaf of batch \"b/1\""));
  std::string unterminated = stored.substr(0, stored.rfind("\"tree_size\""));
  EXPECT_EQ(IssuedBatchRecordText(unterminated, mine).status(),
            Corruption("stored batch proof: the proof object does not end"));
  EXPECT_EQ(BatchProofs::Make(SignedBatch{"b/0", "b/0\n0\n", {}}).status(),
            InvalidArgument("batch \"b/0\": no leaves"));

  // A stored record moved to another leaf rebuilds with that leaf's path: it no longer verifies.
  std::string moved = stored;
  moved.replace(moved.find("\"leaf_index\":1"), 14, "\"leaf_index\":0");
  Status s = VerifyRecord(Must(ParseRecord(Must(IssuedBatchRecordText(moved, mine)))), keys_);
  EXPECT_EQ(s.code(), StatusCode::kCorruption) << s.ToString();
}

}  // namespace
}  // namespace creditbank::records
