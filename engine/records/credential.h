// Export of a certified achievement as a W3C Verifiable Credential 2.0 shaped as an Open Badges 3.0
// OpenBadgeCredential (AchievementCredential), secured with an eddsa-jcs-2022 Data Integrity proof
// (eddsa_jcs.h) by the bank's key as did:key, optionally revocable through a Bitstring Status List
// (status_list.h). Independent verifiers accept it: tests/interop checks that with Digital Bazaar's
// @digitalbazaar/vc.
//
// Input is a plain struct, not a record, so that the credential does not depend on the record format.
// The learner appears only as the record's pseudonym (a keyed hash), never by name or ID number.
//
// Shape (members in this order; "?" = only when given):
//   {"@context": ["https://www.w3.org/ns/credentials/v2",
//                 "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
//    "id": "urn:creditbank:record:<record id>",
//    "type": ["VerifiableCredential", "OpenBadgeCredential"],
//    "issuer": {"id": "did:key:z6Mk...", "type": ["Profile"], "name": <issuer name>},
//    "validFrom", "validUntil"?, "name": <achievement name>,
//    "credentialSubject": {"type": ["AchievementSubject"],
//      "identifier": [{"type": "IdentityObject", "identityHash": <pseudonym>,
//                      "identityType": "identifier", "hashed": true}],
//      "achievement": {"id": "urn:creditbank:achievement:<code>", "type": ["Achievement"],
//        "achievementType", "name", "description"?, "criteria": {"narrative"}, "humanCode": <code>,
//        "creditsAvailable": <credits>, "alignment": [<framework level>?, <units>...]?,
//        "tag": ["level:<n>"]?},
//      "creditsEarned": <credits>},
//    "credentialStatus"?: <BitstringStatusListEntry>,
//    "proof": {<eddsa-jcs-2022>}}
// Names in Chinese and English become one string, "<zh> (<en>)", since OB 3.0 requires strings.
// Every term used is defined by the OB 3.0.3 context (creditsEarned and identifier in
// AchievementSubject; alignment, creditsAvailable, humanCode and tag in Achievement; targetName,
// targetUrl, targetCode, targetType and targetFramework in Alignment; identityHash, identityType and
// hashed in IdentityObject) or by the VC 2.0 context.
// Thread safety: every function is reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_CREDENTIAL_H_
#define CREDITBANK_ENGINE_RECORDS_CREDENTIAL_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/json/json.h"
#include "engine/model/text.h"
#include "engine/records/eddsa_jcs.h"
#include "engine/records/signer.h"
#include "engine/records/status_list.h"

namespace creditbank::records {

inline constexpr std::string_view kVcV2Context = "https://www.w3.org/ns/credentials/v2";
inline constexpr std::string_view kOpenBadgesContext =
    "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";

// A competency unit (能力单元) the achievement certifies: an OB 3.0 alignment of type
// "ceasn:Competency".
struct AchievementUnit {
  std::string code;
  Text name;
  std::string url;  // targetUrl; "" = "urn:creditbank:unit:<code>"
};

struct AchievementInfo {
  std::string record_id;          // the certification record's id
  std::string learner_pseudonym;  // the record's keyed hash of the learner
  std::string code;               // what was achieved: certificate / course / award code
  // OB 3.0 achievementType: "Certificate", "Course", "Award", "Competency", ... (or "ext:...").
  std::string achievement_type = "Certificate";
  Text name;
  Text description;               // may be empty
  Text criteria;                  // how it is earned; empty = "Certified by the credit bank ..."
  int level = 0;                  // framework level; 0 = none stated
  std::string framework_id;       // e.g. "cq-vet-4"; used in the level's targetUrl
  Text framework_name;
  std::string credits;            // decimal text with at most 2 places, e.g. "4" or "4.5"
  std::vector<AchievementUnit> units;
  std::string valid_from;         // XML Schema dateTimeStamp
  std::string valid_until;        // "" = does not expire
  std::optional<StatusListPosition> status;
};

// The unsigned credential for `info`, issued by `issuer_did` ("did:key:z6Mk...") named
// `issuer_name`. InvalidArgument "credential: <field>: ..." for a missing id, pseudonym, code or
// name, credits that are not a non-negative decimal with at most 2 places, or dates that are not
// dateTimeStamps or out of order ("credential: valid_until: not after valid_from").
StatusOr<json::Value> BuildAchievementCredential(const AchievementInfo& info,
                                                 std::string_view issuer_did,
                                                 std::string_view issuer_name);

// Builds the credential with the signer's did:key as issuer and signs it (proof "created" =
// `created`, a dateTimeStamp).
StatusOr<json::Value> ExportAchievementCredential(const AchievementInfo& info, const Signer& signer,
                                                  std::string_view issuer_name,
                                                  std::string_view created);

// The issuer DID of a status list credential (export --status-list) whose proof verifies, typed
// BitstringStatusListCredential, and whose issuer is its signer; the errors of VerifyProof,
// InvalidArgument "type: expected \"BitstringStatusListCredential\"", and Corruption "credential:
// issuer \"did:key:A\" is not the signer \"did:key:B\"". CheckStatusListEntry reads its entries.
StatusOr<std::string> VerifyStatusListCredential(const json::Value& list);

struct CredentialCheck {
  // A dateTimeStamp: the credential must be valid then (validFrom <= now <= validUntil).
  // "" skips the validity window.
  std::string now;
  // The BitstringStatusListCredential named by the credential's credentialStatus. When given, its
  // own proof and issuer are verified and the credential's entry must be clear. When null, a
  // credentialStatus is left unchecked (VerifiedCredential::status_checked says so).
  const json::Value* status_list_credential = nullptr;
};

struct VerifiedCredential {
  std::string id;
  std::string issuer;  // the issuer's DID
  VerifiedProof proof;
  bool status_checked = false;
};

// Verifies an exported (or any VC 2.0 eddsa-jcs-2022, did:key-issued) credential. Errors:
//   those of VerifyProof, e.g. Corruption "eddsa-jcs-2022: signature does not verify";
//   InvalidArgument "credential: @context: expected \"https://www.w3.org/ns/credentials/v2\" first",
//     "credential: type: expected \"VerifiableCredential\"", "credential: issuer: ...";
//   Corruption "credential: issuer \"did:key:A\" is not the signer \"did:key:B\"";
//   FailedPrecondition "credential: not valid before 2025-07-01T00:00:00Z" / "...: expired at ...";
//   FailedPrecondition "credential: revoked (https://bank.example/status/1#42)";
//   status list errors with context "credential: status list: ...".
StatusOr<VerifiedCredential> VerifyAchievementCredential(const json::Value& credential,
                                                         const CredentialCheck& check = {});

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_CREDENTIAL_H_
