#include "engine/bank/record_text.h"

#include <optional>
#include <string_view>
#include <vector>

#include "engine/json/json.h"

namespace creditbank::bank {
namespace {

// Writes one JSON object whose members the caller gives in canonical (UTF-16 code unit) order; the
// keys here are ASCII, so that is plain byte order.
class ObjectText {
 public:
  explicit ObjectText(std::string* out) : out_(out) { out_->push_back('{'); }
  ~ObjectText() { out_->push_back('}'); }
  ObjectText(const ObjectText&) = delete;
  ObjectText& operator=(const ObjectText&) = delete;

  std::string* Key(std::string_view key) {
    if (!first_) out_->push_back(',');
    first_ = false;
    out_->push_back('"');
    out_->append(key);
    out_->append("\":");
    return out_;
  }
  Status String(std::string_view key, std::string_view value) {
    return json::AppendCanonicalString(value, Key(key));
  }
  // A string member only when `value` is not empty (as OutcomeToJson leaves empty fields out).
  Status OptionalString(std::string_view key, std::string_view value) {
    return value.empty() ? Status::Ok() : String(key, value);
  }
  void Integer(std::string_view key, int64_t value) { Key(key)->append(std::to_string(value)); }
  // A Decimal written from its double value, as Canonicalize writes the number its text parses to:
  // hundredths / 100.0 and the parse of the decimal text are both the double nearest the same rational.
  void Decimal(std::string_view key, creditbank::Decimal value) {
    Key(key)->append(json::FormatNumber(static_cast<double>(value.hundredths()) / 100.0));
  }
  Status Strings(std::string_view key, const std::vector<std::string>& items) {
    std::string* out = Key(key);
    out->push_back('[');
    for (size_t i = 0; i < items.size(); ++i) {
      if (i > 0) out->push_back(',');
      CB_RETURN_IF_ERROR(json::AppendCanonicalString(items[i], out));
    }
    out->push_back(']');
    return Status::Ok();
  }
  void Null(std::string_view key) { Key(key)->append("null"); }

 private:
  std::string* out_;
  bool first_ = true;
};

// {"credits","level","outcome","rule","status","units","valid_until"} or, not certified,
// {"detail","outcome","reason","status"}: DecisionToJson's certification entries.
Status AppendCertification(const Certification& c, std::string* out) {
  ObjectText o(out);
  if (!c.certified) {
    CB_RETURN_IF_ERROR(o.String("detail", c.detail));
    CB_RETURN_IF_ERROR(o.String("outcome", c.outcome));
    CB_RETURN_IF_ERROR(o.String("reason", ReasonName(c.reason)));
    return o.String("status", "rejected");
  }
  o.Decimal("credits", c.credits);
  o.Integer("level", c.level);
  CB_RETURN_IF_ERROR(o.String("outcome", c.outcome));
  CB_RETURN_IF_ERROR(o.String("rule", c.rule->id));
  CB_RETURN_IF_ERROR(o.String("status", "certified"));
  CB_RETURN_IF_ERROR(o.Strings("units", c.units()));
  if (!c.valid_until) {
    o.Null("valid_until");
    return Status::Ok();
  }
  return o.String("valid_until", c.valid_until->ToString());
}

Status AppendExemption(const Exemption& e, std::string* out) {
  ObjectText o(out);
  CB_RETURN_IF_ERROR(o.String("course", e.course));
  o.Decimal("credits", e.credits);
  CB_RETURN_IF_ERROR(o.Strings("outcomes", e.outcomes));
  CB_RETURN_IF_ERROR(o.Strings("path", e.path));
  return o.String("rule", e.rule);
}

Status AppendNotChosen(const NotChosen& n, std::string* out) {
  ObjectText o(out);
  CB_RETURN_IF_ERROR(o.Strings("courses", n.courses));
  CB_RETURN_IF_ERROR(o.String("detail", n.detail));
  CB_RETURN_IF_ERROR(o.Strings("outcomes", n.outcomes));
  CB_RETURN_IF_ERROR(o.String("reason", ReasonName(n.reason)));
  return o.String("rule", n.rule);
}

Status AppendUnused(const Unused& u, std::string* out) {
  ObjectText o(out);
  CB_RETURN_IF_ERROR(o.String("detail", u.detail));
  CB_RETURN_IF_ERROR(o.String("outcome", u.outcome));
  return o.String("reason", ReasonName(u.reason));
}

template <typename T, typename AppendOne>
Status AppendArray(const std::vector<T>& items, std::string* out, AppendOne append_one) {
  out->push_back('[');
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out->push_back(',');
    CB_RETURN_IF_ERROR(append_one(items[i], out));
  }
  out->push_back(']');
  return Status::Ok();
}

}  // namespace

Status AppendCanonicalOutcome(const Outcome& outcome, std::string* out) {
  ObjectText o(out);
  CB_RETURN_IF_ERROR(o.OptionalString("awarding_body", outcome.awarding_body));
  CB_RETURN_IF_ERROR(o.OptionalString("code", outcome.code));
  CB_RETURN_IF_ERROR(o.String("date", outcome.date.ToString()));
  CB_RETURN_IF_ERROR(o.OptionalString("grade", outcome.grade));
  CB_RETURN_IF_ERROR(o.String("id", outcome.id));
  CB_RETURN_IF_ERROR(o.OptionalString("institution", outcome.institution));
  CB_RETURN_IF_ERROR(o.String("kind", OutcomeKindName(outcome.kind)));
  if (outcome.rank) CB_RETURN_IF_ERROR(o.String("rank", RankName(*outcome.rank)));
  if (outcome.score) o.Decimal("score", *outcome.score);
  if (outcome.tier) CB_RETURN_IF_ERROR(o.String("tier", TierName(*outcome.tier)));
  return Status::Ok();
}

StatusOr<std::string> CertificationBodyText(const Outcome& outcome, const Certification& cert) {
  std::string canonical_outcome;
  CB_RETURN_IF_ERROR(AppendCanonicalOutcome(outcome, &canonical_outcome));
  return CertificationBodyText(canonical_outcome, cert);
}

StatusOr<std::string> CertificationBodyText(std::string_view canonical_outcome, const Certification& cert) {
  std::string out;
  out.reserve(512);
  {
    ObjectText o(&out);
    o.Decimal("credits", cert.credits);
    o.Integer("level", cert.level);
    o.Key("outcome")->append(canonical_outcome);
    CB_RETURN_IF_ERROR(o.String("rule", cert.rule->id));
    if (!cert.same_qualification_as.empty()) {
      CB_RETURN_IF_ERROR(o.String("same_qualification_as", cert.same_qualification_as));
    }
    CB_RETURN_IF_ERROR(o.Strings("units", cert.units()));
    if (cert.valid_until) {
      CB_RETURN_IF_ERROR(o.String("valid_until", cert.valid_until->ToString()));
    } else {
      o.Null("valid_until");
    }
  }
  return out;
}

StatusOr<std::string> ConversionBodyText(const Decision& d) {
  std::string out;
  out.reserve(2048);
  {
    ObjectText o(&out);
    o.Decimal("cap", d.cap);
    CB_RETURN_IF_ERROR(AppendArray(d.certifications, o.Key("certifications"), AppendCertification));
    CB_RETURN_IF_ERROR(o.String("date", d.date.ToString()));
    CB_RETURN_IF_ERROR(AppendArray(d.exemptions, o.Key("exemptions"), AppendExemption));
    o.Decimal("granted", d.granted);
    CB_RETURN_IF_ERROR(AppendArray(d.not_chosen, o.Key("not_chosen"), AppendNotChosen));
    CB_RETURN_IF_ERROR(AppendArray(d.not_used, o.Key("not_used"), AppendUnused));
    CB_RETURN_IF_ERROR(o.String("programme", d.programme));
    CB_RETURN_IF_ERROR(o.String("rule_set", d.rule_set));
  }
  return out;
}

}  // namespace creditbank::bank
