#include "engine/bank/explain.h"

#include <optional>

#include "engine/bank/account.h"
#include "engine/bank/lookup.h"
#include "engine/bank/revoke.h"
#include "engine/bank/verify.h"
#include "engine/bank/withdrawals.h"
#include "engine/model/decimal.h"
#include "engine/records/record.h"

namespace creditbank::bank {
namespace {

std::string Str(const json::Value& obj, const char* key) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr) return "";
  if (v->is_string()) return v->AsString();
  if (v->is_number()) return v->number_text().empty() ? json::FormatNumber(v->AsDouble()) : v->number_text();
  return "";
}

std::string Join(const json::Value* items, const char* sep) {
  std::string out;
  if (items == nullptr || !items->is_array()) return out;
  for (const json::Value& i : items->items()) {
    if (i.is_string()) out += (out.empty() ? "" : sep) + i.AsString();
  }
  return out;
}

const std::vector<json::Value>& Items(const json::Value& body, const char* key) {
  static const std::vector<json::Value> kNone;
  const json::Value* v = body.Find(key);
  return v != nullptr && v->is_array() ? v->items() : kNone;
}

std::string CertificationLine(const json::Value& c) {
  if (Str(c, "status") == "certified" || c.Find("status") == nullptr) {
    std::string until = Str(c, "valid_until");
    return "certified: level " + Str(c, "level") + ", " + CreditsText(Str(c, "credits")) + " by " + Str(c, "rule") +
           (c.Find("units") && !Join(c.Find("units"), ", ").empty() ? ", units " + Join(c.Find("units"), ", ")
                                                                     : "") +
           ", " + (until.empty() ? "does not expire" : "valid until " + until);
  }
  // Certified, but another outcome of the same qualification counts (docs/conversion.md).
  if (Str(c, "reason") == "same-qualification") {
    return "certified, not counted (same-qualification): " + Str(c, "detail");
  }
  return "not certified (" + Str(c, "reason") + "): " + Str(c, "detail");
}

void ConversionLines(const json::Value& body, std::vector<std::string>* out) {
  out->push_back("programme " + Str(body, "programme") + ": granted " + CreditsText(Str(body, "granted")) +
                 " (cap " + Str(body, "cap") + ")");
  out->push_back("exemptions:");
  if (Items(body, "exemptions").empty()) out->push_back("  none");
  for (const json::Value& e : Items(body, "exemptions")) {
    std::string path = Join(e.Find("path"), " -> ");
    out->push_back("  " + Str(e, "course") + ": " + CreditsText(Str(e, "credits")) + " by rule " + Str(e, "rule") +
                   " from " + Join(e.Find("outcomes"), " + ") + (path.empty() ? "" : " via " + path));
  }
  out->push_back("certifications:");
  for (const json::Value& c : Items(body, "certifications")) {
    out->push_back("  " + Str(c, "outcome") + ": " + CertificationLine(c));
  }
  out->push_back("not used:");
  if (Items(body, "not_used").empty()) out->push_back("  none");
  for (const json::Value& u : Items(body, "not_used")) {
    out->push_back("  " + Str(u, "outcome") + " (" + Str(u, "reason") + "): " + Str(u, "detail"));
  }
  out->push_back("not chosen:");
  if (Items(body, "not_chosen").empty()) out->push_back("  none");
  for (const json::Value& n : Items(body, "not_chosen")) {
    out->push_back("  " + Join(n.Find("courses"), ", ") + " by " + Str(n, "rule") + " from " +
                   Join(n.Find("outcomes"), " + ") + " (" + Str(n, "reason") + "): " + Str(n, "detail"));
  }
}

}  // namespace

StatusOr<Explanation> Explain(Bank& bank, std::string_view text) {
  CB_ASSIGN_OR_RETURN(store::RecordRow row, FindRecord(bank, text));
  CB_RETURN_IF_ERROR(CheckStoredRecord(bank, row));
  CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
  CB_RETURN_IF_ERROR(CheckLearnerRevocationsAgree(bank, record.learner, &row));
  CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> rev, bank.store().FindRevocation(row.id));
  Explanation ex;
  ex.lines.push_back(std::string(records::RecordTypeName(record.type)) + " record " + record.id);
  ex.lines.push_back("learner " + record.learner + ", decided " + record.date + " under rule set " +
                     record.rule_set.substr(0, 12) + "…, issuer " + record.issuer + ", leaf " +
                     std::to_string(row.leaf_index));
  if (rev) ex.lines.push_back("REVOKED at " + rev->revoked_at + ": " + ShownReason(rev->reason));
  // A revoked certification withdraws its outcome unless a later certification stands for it.
  std::optional<CertifiedOutcome> certified;
  if (rev && record.type == records::RecordType::kCertification) {
    CB_ASSIGN_OR_RETURN(certified, CertifiedOutcomeOf(bank.store(), row));
    ex.lines.push_back(WithdrawalText(*certified) + " (docs/conversion.md)");
  }
  CB_ASSIGN_OR_RETURN(const bool superseded, CertifiesSupersededOutcome(bank, record));
  if (superseded) {
    ex.lines.push_back("SUPERSEDED: a later import corrected this outcome; the certification no longer counts");
  }
  const json::Value& body = record.body;
  if (record.type == records::RecordType::kConversion) {
    ConversionLines(body, &ex.lines);
  } else if (record.type == records::RecordType::kRevocation) {
    CB_ASSIGN_OR_RETURN(store::RevocationRow stated, RevocationOf(record));
    ex.lines.push_back("revokes record " + stated.record_id + " (status list index " +
                       std::to_string(stated.status_index) + ") at " + stated.revoked_at + ": " +
                       ShownReason(stated.reason));
  } else {
    const json::Value* o = body.Find("outcome");
    const json::Value empty = json::Value::Object();
    const json::Value& outcome = o != nullptr ? *o : empty;
    std::string what = Str(outcome, "kind") + " " +
                       (Str(outcome, "institution").empty() ? "" : Str(outcome, "institution") + "/") +
                       Str(outcome, "code") + (Str(outcome, "grade").empty() ? "" : " " + Str(outcome, "grade")) +
                       (Str(outcome, "tier").empty() ? "" : " " + Str(outcome, "tier") + " " + Str(outcome, "rank")) +
                       (Str(outcome, "score").empty() ? "" : ", score " + Str(outcome, "score")) + ", dated " +
                       Str(outcome, "date");
    ex.lines.push_back("outcome " + Str(outcome, "id") + ": " + what);
    ex.lines.push_back(CertificationLine(body));
    if (const std::string counted = Str(body, "same_qualification_as"); !counted.empty()) {
      ex.lines.push_back("not counted by its run: outcome " + counted +
                         " is the same qualification and counted instead (docs/conversion.md)");
    }
  }
  json::Value v = json::Value::Object();
  v.Set("record", json::Value::String(record.id));
  v.Set("type", json::Value::String(std::string(records::RecordTypeName(record.type))));
  v.Set("learner", json::Value::String(record.learner));
  v.Set("date", json::Value::String(record.date));
  v.Set("rule_set", json::Value::String(record.rule_set));
  json::Value& rules = v.Set("rules", json::Value::Array());
  for (const std::string& r : record.rules) rules.Push(json::Value::String(r));
  v.Set("issuer", json::Value::String(record.issuer));
  v.Set("leaf_index", json::Value::Integer(row.leaf_index));
  if (rev) {
    json::Value r = json::Value::Object();
    r.Set("at", json::Value::String(rev->revoked_at));
    r.Set("reason", json::Value::String(rev->reason));
    v.Set("revoked", std::move(r));
  } else {
    v.Set("revoked", json::Value::Null());
  }
  v.Set("superseded", json::Value::Bool(superseded));
  SetWithdrawalJson(certified, &v);
  v.Set("body", body);
  ex.json = std::move(v);
  return ex;
}

}  // namespace creditbank::bank
