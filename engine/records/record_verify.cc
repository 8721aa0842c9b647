#include "engine/records/record_verify.h"

#include <vector>

#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/merkle.h"

namespace creditbank::records {
namespace {

Status VerifyPerRecord(const Record& record, const PerRecordProof& proof, const Ed25519PublicKey& key,
                       const std::string& bytes, const std::string& label) {
  StatusOr<std::vector<uint8_t>> sig = Base64UrlDecode(proof.signature);
  if (!sig.ok() || sig->size() != kEd25519SignatureSize) {
    return Corruption(label + ": /proof/signature is not base64url of 64 bytes");
  }
  if (!key.Verify(AsBytes(bytes), *sig).ok()) {
    return Corruption(label + ": signature does not verify with key " + record.issuer);
  }
  return Status::Ok();
}

Status VerifyBatch(const BatchProof& proof, const Ed25519PublicKey& key, const std::string& bytes,
                   const std::string& label, CheckpointMemo* memo) {
  StatusOr<Checkpoint> checkpoint =
      memo != nullptr ? memo->Open(proof.checkpoint, key) : OpenSignedCheckpoint(proof.checkpoint, key);
  if (!checkpoint.ok()) return checkpoint.status().WithContext(label);
  if (checkpoint->tree_size != proof.tree_size) {
    return Corruption(label + ": tree size " + std::to_string(proof.tree_size) +
                      " does not match the checkpoint tree size " +
                      std::to_string(checkpoint->tree_size));
  }
  Hash leaf = LeafHash(AsBytes(bytes));
  Status included =
      VerifyInclusion(proof.leaf_index, proof.tree_size, leaf, proof.inclusion, checkpoint->root);
  if (included.ok()) return included;
  if (included.message() == "inclusion proof: does not lead to the root") {
    return Corruption(label + ": inclusion proof does not lead to the checkpoint root");
  }
  return included.WithContext(label);
}

}  // namespace

StatusOr<Checkpoint> CheckpointMemo::Open(const std::string& note, const Ed25519PublicKey& key) {
  if (key_ && *key_ == key && note_ == note) return checkpoint_;
  CB_ASSIGN_OR_RETURN(Checkpoint opened, OpenSignedCheckpoint(note, key));
  note_ = note;
  key_ = key;
  checkpoint_ = opened;
  return opened;
}

Status VerifyRecord(const Record& record, const KeyRing& keys, CheckpointMemo* memo) {
  const std::string label = RecordLabel(record.id);
  if (std::holds_alternative<std::monostate>(record.proof)) {
    return Corruption(label + ": missing field /proof");
  }
  CB_ASSIGN_OR_RETURN(std::string id, ComputeRecordId(record));
  if (id != record.id) return Corruption(label + ": id does not match its content");
  const std::string& proof_key = std::holds_alternative<PerRecordProof>(record.proof)
                                     ? std::get<PerRecordProof>(record.proof).key
                                     : std::get<BatchProof>(record.proof).key;
  if (proof_key != record.issuer) {
    return Corruption(label + ": proof key " + proof_key + " is not the issuer " + record.issuer);
  }
  StatusOr<Ed25519PublicKey> key = keys.Find(record.issuer);
  if (!key.ok()) return key.status().WithContext(label);
  CB_ASSIGN_OR_RETURN(std::string bytes, SigningBytes(record));
  if (const auto* p = std::get_if<PerRecordProof>(&record.proof)) {
    return VerifyPerRecord(record, *p, *key, bytes, label);
  }
  return VerifyBatch(std::get<BatchProof>(record.proof), *key, bytes, label, memo);
}

Status VerifyRecord(const json::Value& record, const KeyRing& keys, CheckpointMemo* memo) {
  CB_ASSIGN_OR_RETURN(Record parsed, RecordFromJson(record));
  return VerifyRecord(parsed, keys, memo);
}

}  // namespace creditbank::records
