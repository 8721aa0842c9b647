#include "engine/bank/bank_name.h"

#include "engine/json/json.h"
#include "engine/records/digest.h"

namespace creditbank::bank {
namespace {

// The bytes a name's signature covers (bank_name.h).
StatusOr<std::string> NameStatement(std::string_view origin, std::string_view name) {
  std::string out = "{\"context\":\"creditbank-bank-name-v1\",\"name\":";
  CB_RETURN_IF_ERROR(json::AppendCanonicalString(name, &out));
  out += ",\"origin\":";
  CB_RETURN_IF_ERROR(json::AppendCanonicalString(origin, &out));
  out += '}';
  return out;
}

}  // namespace

Status ValidateBankName(std::string_view name) {
  if (!json::IsValidUtf8(name)) return InvalidArgument("bank name: expected UTF-8 text");
  size_t chars = 0;
  bool blank = true;
  for (std::string_view rest = name; !rest.empty();) {
    const json::DecodedChar c = json::DecodeUtf8At(rest);
    if (c.code_point < 0x20 || c.code_point == 0x7f) {
      return InvalidArgument("bank name: expected no control characters, got " + json::CodePointName(c.code_point));
    }
    if (c.code_point != ' ' && c.code_point != 0x3000) blank = false;  // U+3000: the ideographic space
    ++chars;
    rest.remove_prefix(c.length);
  }
  if (chars == 0 || blank) return InvalidArgument("bank name: expected a name, got \"" + std::string(name) + "\"");
  if (chars > kMaxBankNameChars) {
    return InvalidArgument("bank name: expected at most " + std::to_string(kMaxBankNameChars) + " characters, got " +
                           std::to_string(chars));
  }
  return Status::Ok();
}

StatusOr<std::string> SignBankName(const records::Signer& signer, std::string_view origin, std::string_view name) {
  CB_ASSIGN_OR_RETURN(const std::string statement, NameStatement(origin, name));
  CB_ASSIGN_OR_RETURN(const records::Ed25519Signature signature, signer.Sign(records::AsBytes(statement)));
  return signer.key_id() + " " + records::Base64UrlEncode(signature);
}

Status CheckBankName(const records::KeyRing& ring, std::string_view origin, std::string_view name,
                     std::string_view signature) {
  const std::string named = "bank name \"" + std::string(name) + "\": ";
  if (signature.empty()) {
    if (name == kDefaultBankName) return Status::Ok();
    return Corruption(named + "not signed by the bank's key (set it with creditbank init --name)");
  }
  const size_t space = signature.find(' ');
  if (space == std::string_view::npos) {
    return Corruption(named + "its signature is not \"<key id> <signature>\"");
  }
  const std::string_view key_id = signature.substr(0, space);
  StatusOr<records::Ed25519PublicKey> key = ring.Find(key_id);
  if (!key.ok()) return Corruption(named + "signed by key " + std::string(key_id) + ", not one of the bank's");
  StatusOr<std::vector<uint8_t>> bytes = records::Base64UrlDecode(signature.substr(space + 1));
  CB_ASSIGN_OR_RETURN(const std::string statement, NameStatement(origin, name));
  if (!bytes.ok() || !key->Verify(records::AsBytes(statement), *bytes).ok()) {
    return Corruption(named + "its signature does not hold: the name or its signature was edited");
  }
  return Status::Ok();
}

}  // namespace creditbank::bank
