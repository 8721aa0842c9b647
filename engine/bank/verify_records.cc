// VerifyRecordsText: records, and credentials exported from them, in a file, checked offline with the
// bank's key ring and against its ledger and revocations; VerifyRecordsTextWithKeys: their signatures
// only, with keys given.
#include <algorithm>
#include <string>
#include <vector>

#include "engine/bank/revoke.h"
#include "engine/bank/verify.h"
#include "engine/json/json.h"
#include "engine/records/credential.h"
#include "engine/records/did_key.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"
#include "engine/records/status_list.h"

namespace creditbank::bank {
namespace {

constexpr std::string_view kRecordUrn = "urn:creditbank:record:";

// What the records of a file are checked with: keys, and the bank whose ledger and revocations they
// are checked against (none: signatures only).
struct FileCheck {
  const records::KeyRing& keys;
  Bank* bank;
  const char* keys_named;  // how a problem names `keys`: "a key of this bank"
  const json::Value* status_list = nullptr;  // without the bank: its published status list, when given
};

// Whether the DID `issuer` is one of `keys`.
bool IsKeyOf(const records::KeyRing& keys, const std::string& issuer) {
  const std::vector<std::string> key_ids = keys.KeyIds();
  return std::any_of(key_ids.begin(), key_ids.end(), [&](const std::string& key_id) {
    StatusOr<records::Ed25519PublicKey> key = keys.Find(key_id);
    return key.ok() && records::DidKeyFromEd25519(key->raw()) == issuer;
  });
}

// Without the bank, a credential's revocation as the status list given states it.
void CheckStatusListEntry(const FileCheck& check, const std::string& where, const std::string& label,
                          const json::Value& credential, VerifyReport* report) {
  const json::Value* entry = credential.Find("credentialStatus");
  if (check.status_list == nullptr || entry == nullptr) return;
  StatusOr<bool> revoked = records::CheckStatusListEntry(*entry, *check.status_list);
  if (revoked.ok()) ++report->status_checked;
  if (!revoked.ok()) {
    report->problems.push_back(where + ": " + label + ": " + revoked.status().message());
  } else if (*revoked) {
    ++report->revoked;
    const json::Value* id = entry->Find("id");
    report->problems.push_back(where + ": " + label + ": revoked (the status list sets its bit" +
                               (id != nullptr && id->is_string() ? ", " + id->AsString() : std::string()) + ")");
  }
}

bool IsCredential(const json::Value& value) {
  return value.is_object() && records::HasType(value, "VerifiableCredential");
}

// What keeps a record, or a credential of it, with a valid signature from standing: the bank's ledger
// does not hold it, or the bank revoked it. Either fails the check of a record presented in a file.
void CheckLedgerAndRevocation(const FileCheck& check, const std::string& where, const std::string& label,
                              const std::string& record_id, VerifyReport* report) {
  if (check.bank == nullptr) return;
  Bank& bank = *check.bank;
  // A store that cannot be read hides nothing: its failure is a problem of the record.
  StatusOr<std::optional<store::RecordRow>> stored = bank.store().FindRecord(record_id);
  if (!stored.ok()) report->problems.push_back(where + ": " + label + ": " + stored.status().message());
  if (stored.ok() && !*stored) report->problems.push_back(where + ": " + label + ": not in this bank's ledger");
  StatusOr<std::optional<store::RevocationRow>> rev = bank.store().FindRevocation(record_id);
  if (!rev.ok()) report->problems.push_back(where + ": " + label + ": " + rev.status().message());
  if (rev.ok() && *rev) {
    ++report->revoked;
    report->problems.push_back(where + ": " + label + ": " + RevokedNote(**rev));
  }
}

// A credential exported by `export`: its proof verifies, its issuer is one of the keys (of the bank:
// current or retired), and it names one of the bank's records, whose revocation it then carries.
void CheckCredential(const FileCheck& check, const std::string& where, const json::Value& value,
                     VerifyReport* report) {
  ++report->records;
  StatusOr<records::VerifiedCredential> vc = records::VerifyAchievementCredential(value);
  if (!vc.ok()) {
    report->problems.push_back(where + ": credential: " + vc.status().message());
    return;
  }
  if (!vc->id.starts_with(kRecordUrn)) {
    report->problems.push_back(where + ": credential " + vc->id + ": not a credential of a creditbank record");
    return;
  }
  const std::string record_id = vc->id.substr(kRecordUrn.size());
  const std::string label = "credential of " + records::RecordLabel(record_id);
  if (!IsKeyOf(check.keys, vc->issuer)) {
    report->problems.push_back(where + ": " + label + ": issued by " + vc->issuer + ", not " + check.keys_named);
    return;
  }
  ++report->valid;
  CheckLedgerAndRevocation(check, where, label, record_id, report);
  CheckStatusListEntry(check, where, label, value, report);
}

void CheckOne(const FileCheck& check, const std::string& where, const json::Value& value,
              records::CheckpointMemo& memo, VerifyReport* report) {
  if (IsCredential(value)) return CheckCredential(check, where, value, report);
  ++report->records;
  // Signed by a key not among those checked with: said as for a credential.
  const json::Value* id = value.Find("id");
  const json::Value* issuer = value.Find("issuer");
  if (id != nullptr && id->is_string() && issuer != nullptr && issuer->is_string() &&
      !check.keys.StateOf(issuer->AsString())) {
    report->problems.push_back(where + ": " + records::RecordLabel(id->AsString()) + ": signed by " +
                               issuer->AsString() + ", not " + check.keys_named);
    return;
  }
  Status s = records::VerifyRecord(value, check.keys, &memo);
  if (!s.ok()) {
    report->problems.push_back(where + ": " + s.message());
    return;
  }
  ++report->valid;
  CheckLedgerAndRevocation(check, where, records::RecordLabel(id->AsString()), id->AsString(), report);
}

// The records of `text`: one JSON object, a JSON array of them, or JSON Lines.
VerifyReport RecordsOfText(const FileCheck& check, const std::string& file, std::string_view text) {
  VerifyReport report;
  records::CheckpointMemo memo;
  json::ParseOptions options;
  options.allow_bom = true;
  StatusOr<json::Value> whole = json::Parse(text, options);
  if (whole.ok() && whole->is_object()) {
    CheckOne(check, file + ":" + std::to_string(whole->location().line), *whole, memo, &report);
    return report;
  }
  if (whole.ok() && whole->is_array()) {
    for (const json::Value& item : whole->items()) {
      CheckOne(check, file + ":" + std::to_string(item.location().line), item, memo, &report);
    }
    return report;
  }
  // JSON Lines, unless its first line is no JSON value of its own: then the file is one document
  // (a credential as export writes it, over many lines) that does not parse, and the whole
  // document's error says where.
  bool first = true;
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") line.remove_prefix(3);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.find_first_not_of(" \t") == std::string_view::npos) continue;
    const std::string where = file + ":" + std::to_string(line_no);
    StatusOr<json::Value> value = json::Parse(line);
    if (!value.ok() && first && !whole.ok() && pos < text.size()) {
      ++report.records;
      report.problems.push_back(file + ": not JSON: " + whole.status().message());
      return report;
    }
    first = false;
    if (!value.ok()) {
      ++report.records;
      report.problems.push_back(where + ": not JSON: " + value.status().message());
      continue;
    }
    CheckOne(check, where, *value, memo, &report);
  }
  return report;
}

VerifyReport RecordsOfFile(const FileCheck& check, std::string_view file_name, std::string_view text) {
  VerifyReport report = RecordsOfText(check, std::string(file_name), text);
  // A file of nothing to check (empty, a byte order mark, "[]") is no file of valid records.
  if (report.records == 0) report.problems.push_back(std::string(file_name) + ": no records or credentials in it");
  return report;
}

}  // namespace

StatusOr<VerifyReport> VerifyRecordsText(Bank& bank, std::string_view file_name, std::string_view text) {
  // A record's revocation is read from the revocations table: one that disagrees with the ledger's
  // signed revocations could show a revoked record as valid, or a valid one as revoked. Then no record
  // is checked.
  if (Status agree = CheckRevocationsAgree(bank); !agree.ok()) {
    VerifyReport refused;
    refused.problems.push_back(std::string(file_name) + ": " + agree.message());
    return refused;
  }
  return RecordsOfFile({bank.key_ring(), &bank, "a key of this bank"}, file_name, text);
}

VerifyReport VerifyRecordsTextWithKeys(const records::KeyRing& keys, std::string_view file_name,
                                       std::string_view text, const json::Value* status_list) {
  return RecordsOfFile({keys, nullptr, "one of the keys given", status_list}, file_name, text);
}

Status CheckStatusListWithKeys(const json::Value& status_list, const records::KeyRing& keys) {
  StatusOr<std::string> issuer = records::VerifyStatusListCredential(status_list);
  if (!issuer.ok()) return Corruption("status list: " + issuer.status().message());
  if (!IsKeyOf(keys, *issuer)) return Corruption("status list: issued by " + *issuer + ", not one of the keys given");
  return Status::Ok();
}

}  // namespace creditbank::bank
