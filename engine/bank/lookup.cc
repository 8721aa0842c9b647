#include "engine/bank/lookup.h"

#include <string>

namespace creditbank::bank {
namespace {

constexpr size_t kMinPrefix = 4;

}  // namespace

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

StatusOr<store::RecordRow> FindRecord(Bank& bank, std::string_view text) {
  const std::string quoted = "record \"" + std::string(text) + "\"";
  if (text.size() < kMinPrefix || !IsLowerHex(text)) {
    return InvalidArgument(quoted + ": give at least 4 lowercase hex characters of the id");
  }
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, bank.store().FindRecordsByPrefix(text, 4));
  if (rows.empty()) return NotFound("record " + std::string(text) + ": not in this bank");
  if (rows.size() > 1) {
    std::string names;
    for (size_t i = 0; i < rows.size() && i < 3; ++i) {
      names += (i ? ", " : "") + rows[i].id.substr(0, 12) + "…";
    }
    return InvalidArgument("record " + std::string(text) + ": ambiguous, matches " + names);
  }
  CB_RETURN_IF_ERROR(IssuedRecords(bank.store()).Restore(&rows[0]).WithContext(LeafContext(rows[0])));
  return rows[0];
}

StatusOr<std::shared_ptr<const records::BatchProofs>> IssuedRecords::ProofsFor(const store::RecordRow& row) {
  std::optional<std::string> origin = records::StoredBatchOrigin(row.body);
  if (!origin) return std::shared_ptr<const records::BatchProofs>();
  if (!last_ || last_->batch().origin != *origin) {
    last_.reset();
    CB_ASSIGN_OR_RETURN(std::optional<store::BatchRow> stored, store_.FindBatch(*origin));
    if (!stored) return Corruption("batch \"" + *origin + "\" is not in this bank");
    CB_ASSIGN_OR_RETURN(records::SignedBatch batch, SignedBatchOf(*stored));
    StatusOr<records::BatchProofs> proofs = records::BatchProofs::Make(std::move(batch));
    if (!proofs.ok()) return Corruption(proofs.status().message());
    last_ = std::make_shared<const records::BatchProofs>(*std::move(proofs));
  }
  return last_;
}

Status IssuedRecords::Restore(store::RecordRow* row) {
  CB_ASSIGN_OR_RETURN(std::shared_ptr<const records::BatchProofs> proofs, ProofsFor(*row));
  if (!proofs) return Status::Ok();
  CB_ASSIGN_OR_RETURN(row->body, records::IssuedBatchRecordText(row->body, *proofs));
  return Status::Ok();
}

std::string LeafContext(const store::RecordRow& row) { return "leaf " + std::to_string(row.leaf_index); }

std::string LeafName(const store::RecordRow& row) {
  return LeafContext(row) + " (" + records::RecordLabel(row.id) + ")";
}

StatusOr<records::Record> ParseRecordRow(const store::RecordRow& row) {
  StatusOr<records::Record> record = records::ParseRecord(row.body);
  if (!record.ok()) return Corruption(LeafContext(row) + ": " + record.status().message());
  // The message verify gives (CheckStoredRecord): an edit of the row's learner columns would otherwise
  // show the record in another learner's account, or leave it out of its own unseen.
  if (record->learner != row.pseudonym) {
    return Corruption(LeafName(row) + ": stored under another learner; run creditbank verify");
  }
  return record;
}

}  // namespace creditbank::bank
