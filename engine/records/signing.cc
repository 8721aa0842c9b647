#include "engine/records/signing.h"

#include <utility>
#include <vector>

#include "engine/records/checkpoint.h"
#include "engine/records/digest.h"
#include "engine/records/ledger.h"

namespace creditbank::records {

Status SignPerRecord(Record& record, const Signer& signer) {
  // The issuer is part of the signed bytes: the signer's, which the record gets once signed.
  CB_ASSIGN_OR_RETURN(std::string bytes, SigningBytes(record.id, signer.key_id()));
  CB_ASSIGN_OR_RETURN(Ed25519Signature sig, signer.Sign(AsBytes(bytes)));
  record.issuer = signer.key_id();
  record.proof = PerRecordProof{signer.key_id(), Base64UrlEncode(sig)};
  return Status::Ok();
}

Status BatchSigner::Sign(std::span<Record> records, std::optional<int64_t> unix_time,
                         SignedBatch* batch) const {
  if (records.empty()) return FailedPrecondition("batch signer: no records");
  const std::string& key_id = signer_.key_id();
  MerkleLedger tree;
  for (size_t i = 0; i < records.size(); ++i) {
    // The issuer is part of the signed bytes: the signer's, which the records get once all is signed.
    StatusOr<std::string> bytes = SigningBytes(records[i].id, key_id);
    if (!bytes.ok()) {
      return bytes.status().WithContext("batch signer: " + RecordLabel(records[i].id));
    }
    tree.Append(AsBytes(*bytes));
  }
  Checkpoint checkpoint;
  checkpoint.origin = origin_;
  checkpoint.tree_size = tree.size();
  checkpoint.root = tree.Root();
  checkpoint.unix_time = unix_time;
  CB_ASSIGN_OR_RETURN(std::string note, SignCheckpoint(checkpoint, signer_));

  CB_ASSIGN_OR_RETURN(std::vector<std::vector<Hash>> paths, tree.AllInclusionProofs(tree.size()));
  // Nothing below can fail.
  if (batch != nullptr) {
    batch->origin = origin_;
    batch->note = note;
    batch->leaves.clear();
    batch->leaves.reserve(tree.size());
    for (uint64_t i = 0; i < tree.size(); ++i) batch->leaves.push_back(tree.LeafHashAt(i));
  }
  for (size_t i = 0; i < records.size(); ++i) {
    BatchProof proof;
    proof.key = key_id;
    proof.leaf_index = i;
    proof.tree_size = tree.size();
    proof.inclusion = std::move(paths[i]);
    proof.checkpoint = note;
    records[i].issuer = key_id;
    records[i].proof = std::move(proof);
  }
  return Status::Ok();
}

}  // namespace creditbank::records
