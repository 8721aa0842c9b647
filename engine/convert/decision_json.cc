// A Decision as JSON, in the shape of schemas/decision.schema.json.
#include <string>

#include "engine/convert/convert.h"

namespace creditbank {
namespace {

// A credits number written with its exact decimal text ("12.5", never 12.4999...).
json::Value CreditsValue(Credits credits) {
  StatusOr<json::Value> v = json::Parse(credits.ToString());
  // Decimal::ToString always yields a JSON number; Integer is the fallback for the impossible case.
  return v.ok() ? std::move(v).value() : json::Value::Integer(credits.hundredths() / 100);
}

json::Value Strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::Array();
  for (const std::string& s : items) a.Push(json::Value::String(s));
  return a;
}

json::Value CertificationValue(const Certification& c) {
  json::Value v = json::Value::Object();
  v.Set("outcome", json::Value::String(c.outcome));
  if (!c.certified) {
    v.Set("status", json::Value::String("rejected"));
    v.Set("reason", json::Value::String(std::string(ReasonName(c.reason))));
    v.Set("detail", json::Value::String(c.detail));
    return v;
  }
  v.Set("status", json::Value::String("certified"));
  v.Set("rule", json::Value::String(c.rule->id));
  v.Set("level", json::Value::Integer(c.level));
  v.Set("credits", CreditsValue(c.credits));
  v.Set("units", Strings(c.units()));
  v.Set("valid_until",
        c.valid_until ? json::Value::String(c.valid_until->ToString()) : json::Value::Null());
  return v;
}

}  // namespace

json::Value DecisionToJson(const Decision& d) {
  json::Value v = json::Value::Object();
  v.Set("learner", json::Value::String(d.learner));
  v.Set("programme", json::Value::String(d.programme));
  v.Set("date", json::Value::String(d.date.ToString()));
  v.Set("rule_set", json::Value::String(d.rule_set));
  v.Set("granted", CreditsValue(d.granted));
  v.Set("cap", CreditsValue(d.cap));
  json::Value& certifications = v.Set("certifications", json::Value::Array());
  for (const Certification& c : d.certifications) certifications.Push(CertificationValue(c));
  json::Value& exemptions = v.Set("exemptions", json::Value::Array());
  for (const Exemption& e : d.exemptions) {
    json::Value x = json::Value::Object();
    x.Set("course", json::Value::String(e.course));
    x.Set("credits", CreditsValue(e.credits));
    x.Set("outcomes", Strings(e.outcomes));
    x.Set("rule", json::Value::String(e.rule));
    x.Set("path", Strings(e.path));
    exemptions.Push(std::move(x));
  }
  json::Value& not_used = v.Set("not_used", json::Value::Array());
  for (const Unused& u : d.not_used) {
    json::Value x = json::Value::Object();
    x.Set("outcome", json::Value::String(u.outcome));
    x.Set("reason", json::Value::String(std::string(ReasonName(u.reason))));
    x.Set("detail", json::Value::String(u.detail));
    not_used.Push(std::move(x));
  }
  json::Value& not_chosen = v.Set("not_chosen", json::Value::Array());
  for (const NotChosen& n : d.not_chosen) {
    json::Value x = json::Value::Object();
    x.Set("courses", Strings(n.courses));
    x.Set("rule", json::Value::String(n.rule));
    x.Set("outcomes", Strings(n.outcomes));
    x.Set("reason", json::Value::String(std::string(ReasonName(n.reason))));
    x.Set("detail", json::Value::String(n.detail));
    not_chosen.Push(std::move(x));
  }
  return v;
}

}  // namespace creditbank
