#include "engine/records/stored_batch.h"

#include <utility>

#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/ledger.h"

namespace creditbank::records {
namespace {

constexpr std::string_view kProofMember = ",\"proof\":{";
constexpr std::string_view kBatchMember = "\"batch\":";

// The end (one past the closing brace) of the object that starts at text[open], or npos. The proof
// object holds strings and numbers only, so the first brace outside a string closes it.
size_t FlatObjectEnd(std::string_view text, size_t open) {
  bool in_string = false;
  for (size_t i = open + 1; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      return std::string_view::npos;
    } else if (c == '}') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The record's own "proof" member is the last one of the text: after it come "rule_set", "rules"
// and "type", whose values hold no unescaped quote. A body's members all come before it.
size_t ProofObjectStart(std::string_view text) {
  const size_t at = text.rfind(kProofMember);
  return at == std::string_view::npos ? at : at + kProofMember.size() - 1;
}

Status Bad(std::string_view what) { return Corruption("stored batch proof: " + std::string(what)); }

// A checkpoint note as a JSON string. The records of a batch share their note, and they are written
// one after another on a thread: the last note's text is kept.
StatusOr<std::string_view> QuotedNote(std::string_view note) {
  thread_local std::string last_note, quoted;
  if (quoted.empty() || note != last_note) {
    quoted.clear();
    if (Status s = json::AppendCanonicalString(note, &quoted); !s.ok()) {
      quoted.clear();  // so that no note is taken for this one's part
      return s;
    }
    last_note.assign(note);
  }
  return std::string_view(quoted);
}

}  // namespace

std::string_view NoteOrigin(std::string_view note) { return note.substr(0, note.find('\n')); }

Status AppendIssuedBatchSpan(std::string_view note, const std::vector<Hash>& path, std::string* out) {
  *out += "\"checkpoint\":";
  CB_ASSIGN_OR_RETURN(std::string_view quoted, QuotedNote(note));
  *out += quoted;
  *out += ",\"inclusion\":[";
  for (size_t i = 0; i < path.size(); ++i) {
    if (i > 0) *out += ',';
    *out += '"';
    AppendBase64(path[i], out);  // standard base64: no character that needs escaping
    *out += '"';
  }
  *out += "],";
  return Status::Ok();
}

StatusOr<BatchProofs> BatchProofs::Make(SignedBatch batch) {
  if (batch.leaves.empty()) return InvalidArgument("batch \"" + batch.origin + "\": no leaves");
  MerkleLedger tree;
  for (const Hash& leaf : batch.leaves) tree.AppendLeafHash(leaf);
  BatchProofs proofs;
  CB_ASSIGN_OR_RETURN(proofs.paths_, tree.AllInclusionProofs(tree.size()));
  proofs.batch_ = std::move(batch);
  return proofs;
}

StatusOr<std::string> StoredBatchRecordText(std::string_view issued, const Record& record) {
  const auto* proof = std::get_if<BatchProof>(&record.proof);
  if (proof == nullptr) return InvalidArgument(RecordLabel(record.id) + ": not signed in a batch");
  std::string span;
  CB_RETURN_IF_ERROR(AppendIssuedBatchSpan(proof->checkpoint, proof->inclusion, &span));
  const size_t open = ProofObjectStart(issued);
  if (open == std::string_view::npos || issued.substr(open + 1, span.size()) != span) {
    return InvalidArgument(RecordLabel(record.id) + ": the text does not carry the record's batch proof");
  }
  std::string out;
  out.reserve(issued.size() - span.size() + 64);
  out.append(issued.substr(0, open + 1));
  CB_RETURN_IF_ERROR(AppendStoredBatchSpan(NoteOrigin(proof->checkpoint), &out));
  out.append(issued.substr(open + 1 + span.size()));
  return out;
}

Status AppendStoredBatchSpan(std::string_view origin, std::string* out) {
  *out += kBatchMember;
  CB_RETURN_IF_ERROR(json::AppendCanonicalString(origin, out));
  *out += ',';
  return Status::Ok();
}

std::optional<std::string> StoredBatchOrigin(std::string_view text) {
  const size_t open = ProofObjectStart(text);
  if (open == std::string_view::npos || text.substr(open + 1, kBatchMember.size()) != kBatchMember) {
    return std::nullopt;
  }
  const size_t end = FlatObjectEnd(text, open);
  if (end == std::string_view::npos) return std::nullopt;
  StatusOr<json::Value> proof = json::Parse(text.substr(open, end - open));
  if (!proof.ok() || !proof->is_object()) return std::nullopt;
  const json::Value* batch = proof->Find("batch");
  if (batch == nullptr || !batch->is_string()) return std::nullopt;
  return batch->AsString();
}

StatusOr<std::string> IssuedBatchRecordText(std::string_view stored, const BatchProofs& proofs) {
  const SignedBatch& batch = proofs.batch();
  const size_t open = ProofObjectStart(stored);
  if (open == std::string_view::npos || stored.substr(open + 1, kBatchMember.size()) != kBatchMember) {
    return Bad("the record does not name its batch");
  }
  const size_t end = FlatObjectEnd(stored, open);
  if (end == std::string_view::npos) return Bad("the proof object does not end");
  StatusOr<json::Value> proof = json::Parse(stored.substr(open, end - open));
  if (!proof.ok() || !proof->is_object()) return Bad("the proof is not a JSON object");
  std::string member(kBatchMember);
  CB_RETURN_IF_ERROR(json::AppendCanonicalString(batch.origin, &member));
  member += ',';
  if (stored.substr(open + 1, member.size()) != member) {
    const json::Value* named = proof->Find("batch");
    return Bad("the record names batch \"" + (named != nullptr && named->is_string() ? named->AsString() : "") +
               "\", not \"" + batch.origin + "\"");
  }
  const json::Value* index = proof->Find("leaf_index");
  const json::Value* size = proof->Find("tree_size");
  const int64_t leaf = index != nullptr && index->is_number() ? index->AsInteger().value_or(-1) : -1;
  const int64_t tree = size != nullptr && size->is_number() ? size->AsInteger().value_or(-1) : -1;
  const auto leaves = static_cast<int64_t>(batch.leaves.size());
  if (tree != leaves) {
    return Bad("tree_size is not " + std::to_string(leaves) + ", the size of batch \"" + batch.origin + "\"");
  }
  if (leaf < 0 || leaf >= leaves) return Bad("leaf_index is not a leaf of batch \"" + batch.origin + "\"");
  std::string out;
  out.reserve(stored.size() + batch.note.size() + 48 * proofs.path(0).size() + 64);
  out.append(stored.substr(0, open + 1));
  CB_RETURN_IF_ERROR(AppendIssuedBatchSpan(batch.note, proofs.path(static_cast<size_t>(leaf)), &out));
  out.append(stored.substr(open + 1 + member.size()));
  return out;
}

}  // namespace creditbank::records
