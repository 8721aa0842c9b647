#include "engine/records/credential.h"

#include <charconv>
#include <initializer_list>
#include <cstdint>
#include <utility>

#include "engine/records/did_key.h"

namespace creditbank::records {
namespace {

using json::Value;

Value Str(std::string_view s) { return Value::String(std::string(s)); }

Value StrArray(std::initializer_list<std::string_view> items) {
  Value a = Value::Array();
  for (std::string_view s : items) a.Push(Str(s));
  return a;
}

std::string Bilingual(const Text& t) {
  if (t.zh.empty()) return t.en;
  if (t.en.empty()) return t.zh;
  return t.zh + " (" + t.en + ")";
}

// Percent-encodes everything but RFC 3986 unreserved characters, so that any code makes a valid URN.
std::string UrnPart(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    bool unreserved = (u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') ||
                      c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

Status FieldError(std::string_view field, std::string detail) {
  return InvalidArgument("credential: " + std::string(field) + ": " + std::move(detail));
}

// Non-negative decimal text with at most two places ("4", "4.5", "12.25") as a JSON number.
StatusOr<Value> Credits(std::string_view text) {
  size_t dot = text.find('.');
  std::string_view whole = text.substr(0, dot);
  std::string_view frac = dot == std::string_view::npos ? "" : text.substr(dot + 1);
  auto digits = [](std::string_view s) {
    for (char c : s) {
      if (c < '0' || c > '9') return false;
    }
    return true;
  };
  bool ok = !whole.empty() && whole.size() <= 9 && digits(whole) && digits(frac) &&
            frac.size() <= 2 && (dot == std::string_view::npos || !frac.empty());
  double value = 0;
  if (ok) ok = std::from_chars(text.data(), text.data() + text.size(), value).ec == std::errc();
  if (!ok) {
    return FieldError("credits", "expected a non-negative decimal with at most 2 decimal places, "
                                 "got \"" + std::string(text) + "\"");
  }
  return Value::Number(value);
}

// Seconds since 1970-01-01T00:00:00Z of a dateTimeStamp (fractions of a second dropped).
// REQUIRES: IsDateTimeStamp(t).
int64_t EpochSeconds(std::string_view t) {
  auto num = [&](size_t pos, size_t n) {
    int64_t v = 0;
    for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (t[i] - '0');
    return v;
  };
  int64_t y = num(0, 4), m = num(5, 2), d = num(8, 2);
  // Days from civil (proleptic Gregorian), after H. Hinnant's public-domain algorithm description.
  y -= m <= 2 ? 1 : 0;
  int64_t era = y / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = era * 146097 + doe - 719468;
  int64_t seconds = days * 86400 + num(11, 2) * 3600 + num(14, 2) * 60 + num(17, 2);
  char sign = t[t.size() - 6];
  if (t.back() != 'Z' && (sign == '+' || sign == '-')) {
    int64_t offset = num(t.size() - 5, 2) * 3600 + num(t.size() - 2, 2) * 60;
    seconds -= sign == '+' ? offset : -offset;
  }
  return seconds;
}

Value Alignment(std::string_view name, std::string_view url, std::string_view code,
                std::string_view type, std::string_view framework) {
  Value a = Value::Object();
  a.Set("type", StrArray({"Alignment"}));
  a.Set("targetName", Str(name));
  a.Set("targetUrl", Str(url));
  a.Set("targetCode", Str(code));
  a.Set("targetType", Str(type));
  if (!framework.empty()) a.Set("targetFramework", Str(framework));
  return a;
}

Value Achievement(const AchievementInfo& info, Value credits) {
  Value achievement = Value::Object();
  achievement.Set("id", Str("urn:creditbank:achievement:" + UrnPart(info.code)));
  achievement.Set("type", StrArray({"Achievement"}));
  achievement.Set("achievementType", Str(info.achievement_type));
  achievement.Set("name", Str(Bilingual(info.name)));
  std::string description = Bilingual(info.description);
  if (!description.empty()) achievement.Set("description", Str(description));
  std::string narrative = Bilingual(info.criteria);
  if (narrative.empty()) {
    narrative = "Certified by the credit bank under its recognition rules (学分银行认定).";
  }
  Value criteria = Value::Object();
  criteria.Set("narrative", Str(narrative));
  achievement.Set("criteria", std::move(criteria));
  achievement.Set("humanCode", Str(info.code));
  achievement.Set("creditsAvailable", std::move(credits));

  std::string framework = Bilingual(info.framework_name);
  Value alignment = Value::Array();
  if (info.level > 0) {
    std::string level = std::to_string(info.level);
    std::string framework_part = info.framework_id.empty() ? "framework" : UrnPart(info.framework_id);
    alignment.Push(Alignment(framework.empty() ? "Level " + level : framework + " level " + level,
                             "urn:creditbank:" + framework_part + ":level:" + level, "level-" + level,
                             "ext:QualificationsFrameworkLevel", framework));
  }
  for (const AchievementUnit& unit : info.units) {
    std::string url = unit.url.empty() ? "urn:creditbank:unit:" + UrnPart(unit.code) : unit.url;
    std::string name = Bilingual(unit.name);
    alignment.Push(Alignment(name.empty() ? unit.code : name, url, unit.code, "ceasn:Competency",
                             framework));
  }
  if (!alignment.items().empty()) achievement.Set("alignment", std::move(alignment));
  if (info.level > 0) achievement.Set("tag", StrArray({"level:" + std::to_string(info.level)}));
  return achievement;
}

const Value* IssuerId(const Value& credential) {
  const Value* issuer = credential.Find("issuer");
  if (issuer != nullptr && issuer->is_object()) issuer = issuer->Find("id");
  return issuer != nullptr && issuer->is_string() ? issuer : nullptr;
}

// The issuer's DID when it is the DID of the proof's verification method.
StatusOr<std::string> CheckIssuer(const Value& credential, const VerifiedProof& proof) {
  const Value* issuer = IssuerId(credential);
  if (issuer == nullptr) {
    return InvalidArgument("credential: issuer: expected a URL or an object with an \"id\"");
  }
  std::string signer = proof.verification_method.substr(0, proof.verification_method.find('#'));
  if (issuer->AsString() != signer) {
    return Corruption("credential: issuer \"" + issuer->AsString() + "\" is not the signer \"" +
                      signer + "\"");
  }
  return issuer->AsString();
}

Status CheckWindow(const Value& credential, std::string_view now) {
  int64_t at = EpochSeconds(now);
  for (const char* key : {"validFrom", "validUntil"}) {
    const Value* v = credential.Find(key);
    if (v == nullptr) continue;
    if (!v->is_string() || !IsDateTimeStamp(v->AsString())) {
      return InvalidArgument(std::string("credential: ") + key +
                             ": expected an XML Schema dateTimeStamp");
    }
    bool from = std::string_view(key) == "validFrom";
    int64_t bound = EpochSeconds(v->AsString());
    if (from && at < bound) {
      return FailedPrecondition("credential: not valid before " + v->AsString());
    }
    if (!from && at > bound) return FailedPrecondition("credential: expired at " + v->AsString());
  }
  return Status::Ok();
}

Status CheckStatus(const Value& credential, const std::string& issuer, const Value& list) {
  const Value* entry = credential.Find("credentialStatus");
  if (entry == nullptr) return Status::Ok();
  StatusOr<std::string> list_issuer = VerifyStatusListCredential(list);
  if (!list_issuer.ok()) return list_issuer.status().WithContext("credential: status list");
  if (*list_issuer != issuer) {
    return Corruption("credential: status list: issued by \"" + *list_issuer + "\", not by \"" +
                      issuer + "\"");
  }
  StatusOr<bool> revoked = CheckStatusListEntry(*entry, list);
  if (!revoked.ok()) return revoked.status().WithContext("credential");
  if (*revoked) {
    const Value* id = entry->Find("id");
    std::string where = id != nullptr && id->is_string() ? " (" + id->AsString() + ")" : "";
    return FailedPrecondition("credential: revoked" + where);
  }
  return Status::Ok();
}

}  // namespace

StatusOr<std::string> VerifyStatusListCredential(const Value& list) {
  CB_ASSIGN_OR_RETURN(VerifiedProof proof, VerifyProof(list));
  if (!HasType(list, "BitstringStatusListCredential")) {
    return InvalidArgument("type: expected \"BitstringStatusListCredential\"");
  }
  return CheckIssuer(list, proof);
}

StatusOr<Value> BuildAchievementCredential(const AchievementInfo& info, std::string_view issuer_did,
                                           std::string_view issuer_name) {
  if (info.record_id.empty()) return FieldError("record_id", "empty");
  if (info.learner_pseudonym.empty()) return FieldError("learner_pseudonym", "empty");
  if (info.code.empty()) return FieldError("code", "empty");
  if (Bilingual(info.name).empty()) return FieldError("name", "empty");
  if (info.achievement_type.empty()) return FieldError("achievement_type", "empty");
  for (const AchievementUnit& unit : info.units) {
    if (unit.code.empty()) return FieldError("units", "a unit without a code");
  }
  CB_ASSIGN_OR_RETURN(Value credits, Credits(info.credits));
  if (!IsDateTimeStamp(info.valid_from)) {
    return FieldError("valid_from", "expected an XML Schema dateTimeStamp, got \"" +
                                        info.valid_from + "\"");
  }
  if (!info.valid_until.empty()) {
    if (!IsDateTimeStamp(info.valid_until)) {
      return FieldError("valid_until", "expected an XML Schema dateTimeStamp, got \"" +
                                           info.valid_until + "\"");
    }
    if (EpochSeconds(info.valid_until) <= EpochSeconds(info.valid_from)) {
      return FieldError("valid_until", "not after valid_from");
    }
  }

  Value issuer = Value::Object();
  issuer.Set("id", Str(issuer_did));
  issuer.Set("type", StrArray({"Profile"}));
  issuer.Set("name", Str(issuer_name));

  Value identity = Value::Object();
  identity.Set("type", Str("IdentityObject"));
  identity.Set("identityHash", Str(info.learner_pseudonym));
  identity.Set("identityType", Str("identifier"));
  identity.Set("hashed", Value::Bool(true));
  Value identifiers = Value::Array();
  identifiers.Push(std::move(identity));

  Value subject = Value::Object();
  subject.Set("type", StrArray({"AchievementSubject"}));
  subject.Set("identifier", std::move(identifiers));
  subject.Set("achievement", Achievement(info, credits));
  subject.Set("creditsEarned", credits);

  Value vc = Value::Object();
  vc.Set("@context", StrArray({kVcV2Context, kOpenBadgesContext}));
  vc.Set("id", Str("urn:creditbank:record:" + UrnPart(info.record_id)));
  vc.Set("type", StrArray({"VerifiableCredential", "OpenBadgeCredential"}));
  vc.Set("issuer", std::move(issuer));
  vc.Set("validFrom", Str(info.valid_from));
  if (!info.valid_until.empty()) vc.Set("validUntil", Str(info.valid_until));
  vc.Set("name", Str(Bilingual(info.name)));
  vc.Set("credentialSubject", std::move(subject));
  if (info.status) vc.Set("credentialStatus", MakeStatusListEntry(*info.status));
  return vc;
}

StatusOr<Value> ExportAchievementCredential(const AchievementInfo& info, const Signer& signer,
                                            std::string_view issuer_name,
                                            std::string_view created) {
  CB_ASSIGN_OR_RETURN(Value vc, BuildAchievementCredential(
                                    info, DidKeyFromEd25519(signer.public_key().raw()), issuer_name));
  ProofOptions options;
  options.created = std::string(created);
  return AddProof(vc, signer, options);
}

StatusOr<VerifiedCredential> VerifyAchievementCredential(const Value& credential,
                                                         const CredentialCheck& check) {
  VerifiedCredential result;
  CB_ASSIGN_OR_RETURN(result.proof, VerifyProof(credential));
  const Value* context = credential.Find("@context");
  if (context == nullptr || !context->is_array() || context->items().empty() ||
      context->items()[0] != Str(kVcV2Context)) {
    return InvalidArgument("credential: @context: expected \"" + std::string(kVcV2Context) +
                           "\" first");
  }
  if (!HasType(credential, "VerifiableCredential")) {
    return InvalidArgument("credential: type: expected \"VerifiableCredential\"");
  }
  CB_ASSIGN_OR_RETURN(result.issuer, CheckIssuer(credential, result.proof));
  if (const Value* id = credential.Find("id"); id != nullptr && id->is_string()) {
    result.id = id->AsString();
  }
  if (!check.now.empty()) {
    if (!IsDateTimeStamp(check.now)) {
      return InvalidArgument("credential: now: expected an XML Schema dateTimeStamp, got \"" +
                             check.now + "\"");
    }
    CB_RETURN_IF_ERROR(CheckWindow(credential, check.now));
  }
  if (check.status_list_credential != nullptr) {
    CB_RETURN_IF_ERROR(CheckStatus(credential, result.issuer, *check.status_list_credential));
    result.status_checked = credential.Find("credentialStatus") != nullptr;
  }
  return result;
}

}  // namespace creditbank::records
