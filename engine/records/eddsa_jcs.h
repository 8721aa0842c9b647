// Data Integrity proofs with the cryptosuite eddsa-jcs-2022 (W3C Data Integrity EdDSA Cryptosuites
// v1.0, section 3.3): the proof that makes an exported credential verifiable by anyone.
//
//   proof configuration = the proof options {type "DataIntegrityProof", cryptosuite "eddsa-jcs-2022",
//                         created, verificationMethod, proofPurpose} plus the document's @context;
//   hashData            = SHA-256(JCS(proof configuration)) || SHA-256(JCS(document without proof));
//   proofValue          = "z" + base58btc(Ed25519 signature of hashData).
// JCS is RFC 8785 (json::Canonicalize). No JSON-LD processing happens here: the suite signs the JSON
// as it is, so contexts are never fetched; a JSON-LD verifier checks them on its side.
//
// Verification resolves the verification method itself, which must be a did:key (did_key.h): the
// issuer's public key travels in the proof, and the verifier needs nothing else.
// Thread safety: every function is reentrant; a Signer may be shared (signer.h).
#ifndef CREDITBANK_ENGINE_RECORDS_EDDSA_JCS_H_
#define CREDITBANK_ENGINE_RECORDS_EDDSA_JCS_H_

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/records/ed25519.h"
#include "engine/records/signer.h"

namespace creditbank::records {

inline constexpr std::string_view kEddsaJcs2022 = "eddsa-jcs-2022";

struct ProofOptions {
  // XML Schema dateTimeStamp ("2023-02-24T23:36:38Z"); "" leaves "created" out.
  std::string created;
  // "" = the did:key verification method of the signer's public key ("did:key:z6Mk...#z6Mk...").
  std::string verification_method;
  std::string proof_purpose = "assertionMethod";
};

// What a signature covers, step by step, so each step can be checked against published vectors.
struct ProofInput {
  std::string canonical_document;      // JCS of the document without "proof"
  std::string canonical_proof_config;  // JCS of the proof configuration
  std::array<uint8_t, 64> hash_data{};  // SHA-256(proof config) || SHA-256(document)
};

// The proof configuration for signing `document` with `options` and the given verification method:
// {"type", "cryptosuite", "created"?, "verificationMethod", "proofPurpose", "@context"?} in this
// order, @context copied from the document when it has one.
json::Value MakeProofConfig(const json::Value& document, const ProofOptions& options,
                            std::string_view verification_method);

// Canonicalizes and hashes; `proof_config` is used as given (no "proofValue"). `document` must not
// carry a "proof". InvalidArgument "eddsa-jcs-2022: ..." when either cannot be canonicalized.
StatusOr<ProofInput> MakeProofInput(const json::Value& document, const json::Value& proof_config);

// `document` (an object without "proof") with a proof signed by `signer` appended as its last
// member. InvalidArgument for a document that is not an object, already has a proof, or a `created`
// that is not a dateTimeStamp ("eddsa-jcs-2022: created: expected an XML Schema dateTimeStamp, got
// \"2023-02-24\""); a signer error is returned as it is.
StatusOr<json::Value> AddProof(const json::Value& document, const Signer& signer,
                               const ProofOptions& options);

struct VerifiedProof {
  std::string verification_method;
  Ed25519RawPublicKey public_key{};
  std::string created;
  std::string proof_purpose;
};

// Verifies the one eddsa-jcs-2022 proof of `secured` and that its proofPurpose is
// `expected_purpose`. Errors, each "eddsa-jcs-2022: ...":
//   InvalidArgument for a malformed proof: "eddsa-jcs-2022: missing \"proof\"", "eddsa-jcs-2022:
//     proof: type: expected \"DataIntegrityProof\"", "...: cryptosuite: expected \"eddsa-jcs-2022\"",
//     "...: proofValue: ..." (not multibase base58btc or not 64 bytes), "...: verificationMethod:
//     did:key: ..." (not a did:key Ed25519 key), "...: proofPurpose: expected \"assertionMethod\",
//     got \"authentication\"";
//   Corruption "eddsa-jcs-2022: proof @context is not a prefix of the document's @context";
//   Corruption "eddsa-jcs-2022: signature does not verify" when the document, the proof options or
//     the signature were changed after signing.
StatusOr<VerifiedProof> VerifyProof(const json::Value& secured,
                                    std::string_view expected_purpose = "assertionMethod");

// Whether `text` is an XML Schema 1.1 dateTimeStamp: "YYYY-MM-DDThh:mm:ss[.s+](Z|(+|-)hh:mm)", with
// month, day, hour, minute, second and offset in range (VC 2.0 requires it for validFrom too).
bool IsDateTimeStamp(std::string_view text);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_EDDSA_JCS_H_
