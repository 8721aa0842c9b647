// VerifyRecordsText: records in a file, checked offline with the bank's key ring.
#include <string>

#include "engine/bank/verify.h"
#include "engine/json/json.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"

namespace creditbank::bank {
namespace {

void CheckOne(Bank& bank, const std::string& where, const json::Value& value, records::CheckpointMemo& memo,
              VerifyReport* report) {
  ++report->records;
  Status s = records::VerifyRecord(value, bank.key_ring(), &memo);
  if (!s.ok()) {
    report->problems.push_back(where + ": " + s.message());
    return;
  }
  ++report->valid;
  const json::Value* id = value.Find("id");
  StatusOr<std::optional<store::RecordRow>> stored = bank.store().FindRecord(id->AsString());
  if (stored.ok() && !*stored) {
    report->notes.push_back(where + ": " + records::RecordLabel(id->AsString()) + ": not in this bank's ledger");
  }
  StatusOr<std::optional<store::RevocationRow>> rev = bank.store().FindRevocation(id->AsString());
  if (rev.ok() && *rev) {
    ++report->revoked;
    report->notes.push_back(where + ": " + records::RecordLabel(id->AsString()) + ": revoked at " +
                            (*rev)->revoked_at + ": " + (*rev)->reason);
  }
}

}  // namespace

StatusOr<VerifyReport> VerifyRecordsText(Bank& bank, std::string_view file_name, std::string_view text) {
  VerifyReport report;
  records::CheckpointMemo memo;
  const std::string file(file_name);
  json::ParseOptions options;
  options.allow_bom = true;
  StatusOr<json::Value> whole = json::Parse(text, options);
  if (whole.ok() && whole->is_object()) {
    CheckOne(bank, file + ":" + std::to_string(whole->location().line), *whole, memo, &report);
    return report;
  }
  if (whole.ok() && whole->is_array()) {
    for (const json::Value& item : whole->items()) {
      CheckOne(bank, file + ":" + std::to_string(item.location().line), item, memo, &report);
    }
    return report;
  }
  // JSON Lines.
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
    if (!value.ok()) {
      ++report.records;
      report.problems.push_back(where + ": not JSON: " + value.status().message());
      continue;
    }
    CheckOne(bank, where, *value, memo, &report);
  }
  return report;
}

}  // namespace creditbank::bank
