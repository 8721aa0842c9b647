#include "engine/records/eddsa_jcs.h"

#include <algorithm>
#include <utility>
#include <vector>

#include "engine/records/base58.h"
#include "engine/records/did_key.h"
#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

constexpr std::string_view kProofType = "DataIntegrityProof";

Status ProofError(std::string detail) {
  return InvalidArgument("eddsa-jcs-2022: " + std::move(detail));
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// The string member `key` of the proof, or InvalidArgument "eddsa-jcs-2022: proof: <key>: ...".
StatusOr<std::string> ProofString(const json::Value& proof, std::string_view key) {
  const json::Value* v = proof.Find(key);
  if (v == nullptr) return ProofError("proof: missing " + Quote(key));
  if (!v->is_string()) {
    return ProofError("proof: " + std::string(key) + ": expected a string, got " +
                      std::string(json::TypeName(v->type())));
  }
  return v->AsString();
}

json::Value WithoutMember(const json::Value& object, std::string_view key) {
  json::Value copy = object;
  std::erase_if(copy.members(), [&](const json::Value::Member& m) { return m.first == key; });
  return copy;
}

// An @context value as a list: a single context counts as a list of one.
std::vector<json::Value> ContextList(const json::Value& context) {
  if (context.is_array()) return context.items();
  return {context};
}

bool Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return false;
  return std::all_of(s.begin() + pos, s.begin() + pos + n, [](char c) { return c >= '0' && c <= '9'; });
}

int Number(std::string_view s, size_t pos, size_t n) {
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

}  // namespace

bool IsDateTimeStamp(std::string_view t) {
  // YYYY-MM-DDThh:mm:ss
  if (!Digits(t, 0, 4) || t.size() < 20 || t[4] != '-' || !Digits(t, 5, 2) || t[7] != '-' ||
      !Digits(t, 8, 2) || t[10] != 'T' || !Digits(t, 11, 2) || t[13] != ':' || !Digits(t, 14, 2) ||
      t[16] != ':' || !Digits(t, 17, 2)) {
    return false;
  }
  int month = Number(t, 5, 2), day = Number(t, 8, 2), hour = Number(t, 11, 2);
  int minute = Number(t, 14, 2), second = Number(t, 17, 2);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  size_t pos = 19;
  if (pos < t.size() && t[pos] == '.') {
    size_t start = ++pos;
    while (pos < t.size() && t[pos] >= '0' && t[pos] <= '9') ++pos;
    if (pos == start) return false;
  }
  std::string_view zone = t.substr(pos);
  if (zone == "Z") return true;
  return zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && Digits(zone, 1, 2) &&
         zone[3] == ':' && Digits(zone, 4, 2) && Number(zone, 1, 2) <= 14 && Number(zone, 4, 2) <= 59;
}

json::Value MakeProofConfig(const json::Value& document, const ProofOptions& options,
                            std::string_view verification_method) {
  json::Value config = json::Value::Object();
  config.Set("type", json::Value::String(std::string(kProofType)));
  config.Set("cryptosuite", json::Value::String(std::string(kEddsaJcs2022)));
  if (!options.created.empty()) config.Set("created", json::Value::String(options.created));
  config.Set("verificationMethod", json::Value::String(std::string(verification_method)));
  config.Set("proofPurpose", json::Value::String(options.proof_purpose));
  if (document.is_object()) {
    if (const json::Value* context = document.Find("@context")) config.Set("@context", *context);
  }
  return config;
}

StatusOr<ProofInput> MakeProofInput(const json::Value& document, const json::Value& proof_config) {
  ProofInput input;
  StatusOr<std::string> doc = json::Canonicalize(document);
  if (!doc.ok()) return doc.status().WithContext("eddsa-jcs-2022: document");
  StatusOr<std::string> config = json::Canonicalize(proof_config);
  if (!config.ok()) return config.status().WithContext("eddsa-jcs-2022: proof");
  input.canonical_document = std::move(doc).value();
  input.canonical_proof_config = std::move(config).value();
  Digest config_hash = Sha256(input.canonical_proof_config);
  Digest doc_hash = Sha256(input.canonical_document);
  std::copy(config_hash.begin(), config_hash.end(), input.hash_data.begin());
  std::copy(doc_hash.begin(), doc_hash.end(), input.hash_data.begin() + config_hash.size());
  return input;
}

StatusOr<json::Value> AddProof(const json::Value& document, const Signer& signer,
                               const ProofOptions& options) {
  if (!document.is_object()) return ProofError("expected the document to be an object");
  if (document.Find("proof") != nullptr) return ProofError("the document already has a \"proof\"");
  if (!options.created.empty() && !IsDateTimeStamp(options.created)) {
    return ProofError("created: expected an XML Schema dateTimeStamp, got " + Quote(options.created));
  }
  std::string method = options.verification_method.empty()
                           ? DidKeyVerificationMethod(signer.public_key().raw())
                           : options.verification_method;
  json::Value proof = MakeProofConfig(document, options, method);
  CB_ASSIGN_OR_RETURN(ProofInput input, MakeProofInput(document, proof));
  CB_ASSIGN_OR_RETURN(Ed25519Signature signature, signer.Sign(input.hash_data));
  proof.Set("proofValue", json::Value::String(MultibaseBase58Encode(signature)));
  json::Value secured = document;
  secured.Set("proof", std::move(proof));
  return secured;
}

StatusOr<VerifiedProof> VerifyProof(const json::Value& secured, std::string_view expected_purpose) {
  if (!secured.is_object()) return ProofError("expected the document to be an object");
  const json::Value* proof = secured.Find("proof");
  if (proof == nullptr) return ProofError("missing \"proof\"");
  if (!proof->is_object()) return ProofError("proof: expected one proof object");

  CB_ASSIGN_OR_RETURN(std::string type, ProofString(*proof, "type"));
  if (type != kProofType) return ProofError("proof: type: expected \"DataIntegrityProof\"");
  CB_ASSIGN_OR_RETURN(std::string suite, ProofString(*proof, "cryptosuite"));
  if (suite != kEddsaJcs2022) return ProofError("proof: cryptosuite: expected \"eddsa-jcs-2022\"");
  VerifiedProof verified;
  CB_ASSIGN_OR_RETURN(verified.proof_purpose, ProofString(*proof, "proofPurpose"));
  if (verified.proof_purpose != expected_purpose) {
    return ProofError("proof: proofPurpose: expected " + Quote(expected_purpose) + ", got " +
                      Quote(verified.proof_purpose));
  }
  if (const json::Value* created = proof->Find("created")) {
    if (!created->is_string() || !IsDateTimeStamp(created->AsString())) {
      return ProofError("proof: created: expected an XML Schema dateTimeStamp");
    }
    verified.created = created->AsString();
  }
  CB_ASSIGN_OR_RETURN(verified.verification_method, ProofString(*proof, "verificationMethod"));
  StatusOr<Ed25519RawPublicKey> raw = ResolveDidKeyEd25519(verified.verification_method);
  if (!raw.ok()) return raw.status().WithContext("eddsa-jcs-2022: proof: verificationMethod");
  verified.public_key = *raw;
  CB_ASSIGN_OR_RETURN(std::string proof_value, ProofString(*proof, "proofValue"));
  StatusOr<std::vector<uint8_t>> signature = MultibaseBase58Decode(proof_value);
  if (!signature.ok()) return signature.status().WithContext("eddsa-jcs-2022: proof: proofValue");
  if (signature->size() != kEd25519SignatureSize) {
    return ProofError("proof: proofValue: expected a 64-byte signature, got " +
                      std::to_string(signature->size()) + " bytes");
  }

  json::Value document = WithoutMember(secured, "proof");
  json::Value config = WithoutMember(*proof, "proofValue");
  if (const json::Value* proof_context = config.Find("@context")) {
    // The proof's contexts must open the document's, so that a verifier reads the document with
    // the vocabulary the issuer signed it under.
    const json::Value* doc_context = document.Find("@context");
    std::vector<json::Value> wanted = ContextList(*proof_context);
    std::vector<json::Value> have =
        doc_context != nullptr ? ContextList(*doc_context) : std::vector<json::Value>{};
    if (wanted.size() > have.size() || !std::equal(wanted.begin(), wanted.end(), have.begin())) {
      return Corruption("eddsa-jcs-2022: proof @context is not a prefix of the document's @context");
    }
    document.Set("@context", *proof_context);
  }
  CB_ASSIGN_OR_RETURN(ProofInput input, MakeProofInput(document, config));
  CB_ASSIGN_OR_RETURN(Ed25519PublicKey key, Ed25519PublicKey::FromRaw(verified.public_key));
  if (!key.Verify(input.hash_data, *signature).ok()) {
    return Corruption("eddsa-jcs-2022: signature does not verify");
  }
  return verified;
}

}  // namespace creditbank::records
