#include "engine/bank/record_bodies.h"

#include <algorithm>

#include "engine/bank/outcome_json.h"

namespace creditbank::bank {
namespace {

json::Value Credit(Credits c) {
  StatusOr<json::Value> v = json::Parse(c.ToString());
  return v.ok() ? std::move(v).value() : json::Value::Integer(c.hundredths() / 100);
}

}  // namespace

StatusOr<records::Record> MakeCertificationRecord(const std::string& pseudonym,
                                                  const std::string& rule_set, const Outcome& outcome,
                                                  const Certification& cert, Date date,
                                                  std::string* content) {
  if (!cert.certified || !cert.has_result()) {
    return FailedPrecondition("certification record: outcome " + outcome.id + " is not certified");
  }
  json::Value body = json::Value::Object();
  body.Set("outcome", OutcomeToJson(outcome));
  body.Set("rule", json::Value::String(cert.rule->id));
  body.Set("level", json::Value::Integer(cert.level));
  body.Set("credits", Credit(cert.credits));
  json::Value& units = body.Set("units", json::Value::Array());
  for (const std::string& u : cert.units()) units.Push(json::Value::String(u));
  body.Set("valid_until", cert.valid_until ? json::Value::String(cert.valid_until->ToString())
                                           : json::Value::Null());
  return records::NewRecord(records::RecordType::kCertification, pseudonym, rule_set, {cert.rule->id},
                            date.ToString(), std::move(body), "", content);
}

StatusOr<records::Record> MakeConversionRecord(const std::string& pseudonym, const Decision& decision,
                                               std::string* content) {
  json::Value full = DecisionToJson(decision);
  json::Value body = json::Value::Object();
  for (auto& [key, value] : full.members()) {
    if (key != "learner") body.Set(key, std::move(value));
  }
  std::vector<std::string> rules;
  for (const Exemption& e : decision.exemptions) rules.push_back(e.rule);
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  return records::NewRecord(records::RecordType::kConversion, pseudonym, decision.rule_set,
                            std::move(rules), decision.date.ToString(), std::move(body), "", content);
}

}  // namespace creditbank::bank
