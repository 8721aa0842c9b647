#include "engine/bank/revoke.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "engine/bank/lookup.h"
#include "engine/bank/verify.h"
#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/ledger_frontier.h"
#include "engine/records/merkle.h"
#include "engine/records/record.h"
#include "engine/records/signing.h"

namespace creditbank::bank {

namespace {

// Characters a reason may not hold, as verify, export and revoke print it: the C0 and C1 controls and
// DEL, the line and paragraph separators, and the bidirectional controls (Unicode's Bidi_Control: the
// marks, embeddings, overrides and isolates), which would break a line of output or reorder what a
// terminal shows.
bool IsUnprintable(uint32_t c) {
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029 || c == 0x061C || c == 0x200E ||
         c == 0x200F || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

// A reason is one line of UTF-8 text: verify, export and revoke print it as it is, so a line break or
// a control character in it could forge their output.
Status CheckReason(std::string_view reason) {
  if (reason.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    return InvalidArgument("a reason is required");
  }
  if (!json::IsValidUtf8(reason)) return InvalidArgument("--reason: expected UTF-8 text, got invalid UTF-8");
  for (size_t i = 0, size = 0; i < reason.size(); i += size) {
    const json::DecodedChar c = json::DecodeUtf8At(reason.substr(i));
    size = c.length;
    if (IsUnprintable(c.code_point)) {
      return InvalidArgument("--reason: expected one line of text, got the control character " +
                             json::CodePointName(c.code_point) + " at byte " + std::to_string(i + 1));
    }
  }
  if (reason.size() > kMaxReasonBytes) {
    return InvalidArgument("--reason: expected at most " + std::to_string(kMaxReasonBytes) + " bytes, got " +
                           std::to_string(reason.size()));
  }
  return Status::Ok();
}

// The learner's conversion records, not revoked, whose exemptions use the outcome with id `outcome`.
StatusOr<std::vector<RevokeResult::Decision>> DecisionsUsing(store::Store& store, const std::string& pseudonym,
                                                             const std::string& outcome) {
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, store.RecordsOf(pseudonym));
  std::sort(rows.begin(), rows.end(), ByLeaf);
  std::vector<RevokeResult::Decision> decisions;
  IssuedRecords issued(store);
  for (store::RecordRow& row : rows) {
    if (row.type != records::RecordTypeName(records::RecordType::kConversion)) continue;
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> revoked, store.FindRevocation(row.id));
    if (revoked) continue;
    CB_RETURN_IF_ERROR(issued.Restore(&row).WithContext(LeafContext(row)));
    CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
    const json::Value* exemptions = record.body.Find("exemptions");
    if (exemptions == nullptr || !exemptions->is_array()) continue;
    const bool uses = std::any_of(exemptions->items().begin(), exemptions->items().end(), [&](const json::Value& e) {
      const json::Value* ids = e.Find("outcomes");
      return ids != nullptr && ids->is_array() &&
             std::any_of(ids->items().begin(), ids->items().end(),
                         [&](const json::Value& id) { return id.is_string() && id.AsString() == outcome; });
    });
    if (!uses) continue;
    const json::Value* programme = record.body.Find("programme");
    decisions.push_back({row.id, programme != nullptr && programme->is_string() ? programme->AsString() : "",
                         record.date});
  }
  return decisions;
}

}  // namespace

std::string ShownReason(std::string_view reason) {
  std::string out;
  out.reserve(reason.size());
  // Stored text may be anything: invalid UTF-8 is shown byte by byte.
  const bool utf8 = json::IsValidUtf8(reason);
  for (size_t i = 0, size = 1; i < reason.size(); i += size) {
    const json::DecodedChar decoded =
        utf8 ? json::DecodeUtf8At(reason.substr(i)) : json::DecodedChar{static_cast<unsigned char>(reason[i]), 1};
    const uint32_t c = decoded.code_point;
    size = decoded.length;
    if (!IsUnprintable(c) && (utf8 || c < 0x80)) {
      out.append(reason.substr(i, size));
      continue;
    }
    char code[16];
    if (c < 0x100) {
      std::snprintf(code, sizeof code, "\\x%02x", static_cast<unsigned>(c));
    } else {
      std::snprintf(code, sizeof code, "\\u%04x", static_cast<unsigned>(c));
    }
    out += code;
  }
  return out;
}

std::string RevokedNote(const store::RevocationRow& revocation) {
  return "revoked at " + revocation.revoked_at + ": " + ShownReason(revocation.reason);
}

StatusOr<RevokeResult> Revoke(Bank& bank, std::string_view record, std::string_view reason) {
  CB_RETURN_IF_ERROR(CheckReason(reason));
  store::Store& store = bank.store();
  // No run lock: a revocation is not held off for the length of a batch run. It gets the bank between
  // two of the run's transactions, and the frontier it keeps tells the run that the ledger grew.
  RevokeResult result;
  const Status written = store.Transaction([&]() -> Status {
    CB_ASSIGN_OR_RETURN(store::RecordRow row, FindRecord(bank, record));
    // Revoking on a table that disagrees with the ledger would state a revocation a second time. The
    // record is checked first, so that the learner whose revocations are checked is the record's own.
    CB_RETURN_IF_ERROR(CheckStoredRecord(bank, row));
    CB_RETURN_IF_ERROR(CheckLearnerRevocationsAgree(bank, row.pseudonym, &row));
    if (row.type == records::RecordTypeName(records::RecordType::kRevocation)) {
      return InvalidArgument(records::RecordLabel(row.id) + ": a revocation record cannot be revoked");
    }
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> old, store.FindRevocation(row.id));
    if (old) {
      return AlreadyExists(records::RecordLabel(row.id) + ": revoked already at " + old->revoked_at + ": " +
                           ShownReason(old->reason));
    }
    // keys rotate takes the run lock, which a revocation does not: it may have retired the key this
    // command loaded before it got the bank. A revocation is never signed with a retired key.
    CB_ASSIGN_OR_RETURN(std::vector<store::KeyRow> keys, store.Keys());
    const bool active = std::any_of(keys.begin(), keys.end(), [&](const store::KeyRow& k) {
      return k.key_id == bank.signer().key_id() && k.retired.empty();
    });
    if (!active) {
      return FailedPrecondition("the issuer key " + bank.signer().key_id() +
                                " was retired (keys rotate) while this command ran; run it again");
    }
    CB_ASSIGN_OR_RETURN(records::Record revoked, ParseRecordRow(row));
    const std::string now = FormatUtc(bank.clock().NowSeconds());
    const records::RevocationBody body{row.id, std::string(reason), now, static_cast<uint64_t>(row.leaf_index)};
    CB_ASSIGN_OR_RETURN(records::Record signed_record,
                        records::NewRecord(records::RecordType::kRevocation, revoked.learner, revoked.rule_set, {},
                                           now.substr(0, 10), records::RevocationBodyJson(body), ""));
    CB_RETURN_IF_ERROR(records::SignPerRecord(signed_record, bank.signer()));
    CB_ASSIGN_OR_RETURN(records::LedgerFrontier ledger, LoadLedgerFrontier(store));
    CB_ASSIGN_OR_RETURN(store::RecordRow leaf, MakeRecordRow(signed_record, ""));
    CB_ASSIGN_OR_RETURN(bool added, store.AppendRecord(&leaf));
    if (!added) return AlreadyExists(records::RecordLabel(leaf.id) + ": this revocation is stored already");
    CB_ASSIGN_OR_RETURN(records::Hash hash, records::HashFromBytes(records::AsBytes(leaf.leaf_hash), "leaf hash"));
    ledger.Append(hash);
    CB_RETURN_IF_ERROR(bank.SealLedger(ledger));
    result.revocation = {row.id, std::string(reason), now, row.leaf_index};
    result.record = leaf.id;
    result.leaf_index = leaf.leaf_index;
    if (row.type == records::RecordTypeName(records::RecordType::kCertification)) {
      CB_ASSIGN_OR_RETURN(result.outcome, CertifiedOutcomeOf(store, row));
      if (result.outcome->later.empty()) {
        CB_RETURN_IF_ERROR(store.MarkLearnerChanged(row.pseudonym).status());
        CB_ASSIGN_OR_RETURN(result.decisions_using, DecisionsUsing(store, row.pseudonym, result.outcome->outcome.id));
      }
    }
    return store.PutRevocation(result.revocation);
  });
  CB_RETURN_IF_ERROR(written);
  return result;
}

std::string DifferingFields(const store::RevocationRow& held, const store::RevocationRow& stated) {
  std::string differs;
  int fields = 0;
  for (const auto& [name, same] : {std::pair{"reason", held.reason == stated.reason},
                                   std::pair{"time", held.revoked_at == stated.revoked_at},
                                   std::pair{"status index", held.status_index == stated.status_index}}) {
    if (same) continue;
    differs += (fields++ == 0 ? "" : " and ") + std::string(name);
  }
  if (fields == 0) return "";
  return differs + (fields == 1 ? " differs" : " differ");
}

namespace {

// The revocation records `statements` against the revocation rows `held`: CheckRevocationsAgree's
// check, of the whole table or of one learner's records. Returns the revocations, each with the learner
// its record names, in the leaf order of their records.
StatusOr<std::vector<LearnerRevocation>> CheckAgreement(const Bank& bank,
                                                        std::span<const store::RecordRow> statements,
                                                        std::span<const store::RevocationRow> held,
                                                        CheckedRows* checked = nullptr) {
  auto fail = [](const std::string& what) { return Corruption("revocations: " + what + "; run creditbank verify"); };
  CB_RETURN_IF_ERROR(CheckStoredRecords(bank, statements, checked));
  struct Stated {
    LearnerRevocation revocation;
    std::string leaf;
    bool held = false;
  };
  std::vector<Stated> stated;
  std::map<std::string, size_t> by_revoked;  // revoked id -> index in stated
  for (const store::RecordRow& row : statements) {
    CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
    CB_ASSIGN_OR_RETURN(store::RevocationRow revocation, RevocationOf(record));
    std::string leaf = LeafName(row);
    if (!by_revoked.emplace(revocation.record_id, stated.size()).second) {
      return fail(records::RecordLabel(revocation.record_id) + " is revoked a second time by " + leaf);
    }
    stated.push_back({{row.pseudonym, std::move(revocation)}, std::move(leaf)});
  }
  for (const store::RevocationRow& row : held) {
    auto it = by_revoked.find(row.record_id);
    if (it == by_revoked.end()) {
      return fail("the revocation of " + records::RecordLabel(row.record_id) +
                  " is stated by no signed revocation record");
    }
    Stated& statement = stated[it->second];
    if (!DifferingFields(row, statement.revocation.revocation).empty()) {
      return fail("the revocation of " + records::RecordLabel(row.record_id) +
                  " differs from its signed statement at " + statement.leaf);
    }
    statement.held = true;
  }
  std::vector<LearnerRevocation> agreed;
  agreed.reserve(stated.size());
  for (Stated& statement : stated) {
    if (!statement.held) {
      return fail(records::RecordLabel(statement.revocation.revocation.record_id) + " is revoked by " + statement.leaf +
                  ", but the revocations table does not hold it");
    }
    agreed.push_back(std::move(statement.revocation));
  }
  return agreed;
}

}  // namespace

StatusOr<std::vector<LearnerRevocation>> AgreedRevocations(Bank& bank, CheckedRows* checked) {
  store::Store& store = bank.store();
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> statements, store.RevocationRecords());
  CB_ASSIGN_OR_RETURN(std::vector<store::RevocationRow> held, store.Revocations());
  return CheckAgreement(bank, statements, held, checked);
}

Status CheckRevocationsAgree(Bank& bank) { return AgreedRevocations(bank).status(); }

Status CheckLearnerRevocationsAgree(Bank& bank, std::string_view pseudonym, const store::RecordRow* record) {
  store::Store& store = bank.store();
  // Each revocation record is read, though not verified: the record it revokes says whose it is, not the
  // learner its row is stored under, which an edit of the file could move. One that does not read could
  // be any learner's.
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> statements, store.RevocationRecords());
  std::map<std::string, size_t> by_revoked;  // revoked id -> index in statements
  for (size_t i = 0; i < statements.size(); ++i) {
    CB_ASSIGN_OR_RETURN(records::Record statement, ParseRecordRow(statements[i]));
    // Not verified, but its id is its content's: an edit of the record it names shows (unless the id is
    // computed again, which only verify, through the signature and the ledger, then finds).
    CB_ASSIGN_OR_RETURN(const std::string id, records::ComputeRecordId(statement));
    if (id != statement.id || id != statements[i].id) {
      return Corruption(LeafName(statements[i]) + ": " + records::RecordLabel(statement.id) +
                        ": id does not match its content; run creditbank verify");
    }
    CB_ASSIGN_OR_RETURN(store::RevocationRow revocation, RevocationOf(statement));
    if (!by_revoked.emplace(revocation.record_id, i).second) {
      return Corruption("revocations: " + records::RecordLabel(revocation.record_id) +
                        " is revoked a second time by " + LeafName(statements[i]) + "; run creditbank verify");
    }
  }
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, store.RecordsOf(pseudonym));
  // The record shown, though an edit of its learner columns kept it out of the learner's rows.
  if (record != nullptr &&
      std::none_of(rows.begin(), rows.end(), [&](const store::RecordRow& r) { return r.id == record->id; })) {
    rows.push_back(*record);
  }
  std::vector<store::RecordRow> stated;  // the revocation records of the learner's records, verified below
  std::vector<store::RevocationRow> held;
  for (const store::RecordRow& row : rows) {
    if (row.type == records::RecordTypeName(records::RecordType::kRevocation)) continue;
    // A revocation record whose stored type was edited is not among those read above.
    StatusOr<json::Value> body = json::Parse(row.body);
    const json::Value* type = body.ok() ? body->Find("type") : nullptr;
    if (type == nullptr || !type->is_string() || type->AsString() != row.type) {
      return Corruption(LeafName(row) + ": stored as a " + row.type + " record; run creditbank verify");
    }
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> revocation, store.FindRevocation(row.id));
    if (revocation) held.push_back(*std::move(revocation));
    if (auto it = by_revoked.find(row.id); it != by_revoked.end()) stated.push_back(statements[it->second]);
  }
  std::sort(stated.begin(), stated.end(), ByLeaf);
  return CheckAgreement(bank, stated, held).status();
}

StatusOr<store::RevocationRow> RevocationOf(const records::Record& record) {
  if (record.type != records::RecordType::kRevocation) {
    return InvalidArgument(records::RecordLabel(record.id) + ": not a revocation record");
  }
  CB_ASSIGN_OR_RETURN(records::RevocationBody body, records::ReadRevocationBody(record));
  return store::RevocationRow{body.record, body.reason, body.revoked_at, static_cast<int64_t>(body.status_index)};
}

}  // namespace creditbank::bank
