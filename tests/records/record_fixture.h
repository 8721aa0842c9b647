// Shared fixtures for the record tests: a certification record whose id, signed bytes and
// signature were computed outside this code base (Python hashlib/hmac and `openssl pkeyutl`).
#ifndef CREDITBANK_TESTS_RECORDS_RECORD_FIXTURE_H_
#define CREDITBANK_TESTS_RECORDS_RECORD_FIXTURE_H_

#include <cstdio>
#include <cstdlib>
#include <string>
#include <utility>

#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/record.h"
#include "engine/records/signer.h"

namespace creditbank::records::testing {

// HMAC-SHA-256("bank secret", "500101199001011234") in hex.
inline constexpr char kLearner[] = "ba5ec023840ceb7275a257a82f97eaedc9d66ee942725b0ac00363d396ad15c0";
// SHA-256("rules-2026") in hex.
inline constexpr char kRuleSet[] = "96e5aa59e41b4379d7fa42e15646efe77cb4e8b8c13ec6bac1f6ce4414af1e02";
inline constexpr char kId[] = "780dc37bdf87e1f5827e05cc1ab4ecd9695dd781aac61d598b5d9f9e98445bad";
inline constexpr char kIssuer[] = "ed25519:21fe31dfa154a261";
inline constexpr char kLabel[] = "record 780dc37bdf87…";
// The v2 signed statement (record.h), and its Ed25519 signature with the RFC 8032 test 1 key,
// base64url, made by `openssl pkeyutl -sign -rawin` (OpenSSL 3.0.19) over these exact 142 bytes.
inline constexpr char kSigningBytes[] =
    "{\"context\":\"creditbank-record-v2\","
    "\"id\":\"780dc37bdf87e1f5827e05cc1ab4ecd9695dd781aac61d598b5d9f9e98445bad\","
    "\"issuer\":\"ed25519:21fe31dfa154a261\"}";
inline constexpr char kSignature[] =
    "y7xOhTUTjuaTM3Zb1GKT_gn2vYHFKz_qF7HoAViip9QwtxfajzsvCPljZB5pHTz141NDWzHbUGNMMD0JDRZDCA";
// The canonical content the id hashes (Python: hashlib.sha256 of these bytes is kId).
inline constexpr char kContentBytes[] =
    "{\"body\":{\"credits\":\"4.00\",\"level\":3,\"outcome\":\"1+X 物联网安装调试与运维 中级\"},"
    "\"date\":\"2026-11-29\","
    "\"learner\":\"ba5ec023840ceb7275a257a82f97eaedc9d66ee942725b0ac00363d396ad15c0\","
    "\"rule_set\":\"96e5aa59e41b4379d7fa42e15646efe77cb4e8b8c13ec6bac1f6ce4414af1e02\","
    "\"rules\":[\"cert-iot-install-mid\"],\"type\":\"certification\"}";

inline json::Value SampleBody() {
  json::Value body = json::Value::Object();
  body.Set("outcome", json::Value::String("1+X 物联网安装调试与运维 中级"));
  body.Set("level", json::Value::Integer(3));
  body.Set("credits", json::Value::String("4.00"));
  return body;
}

// The value of a StatusOr that a fixture needs; aborts the test binary with the status otherwise.
template <typename T>
T Must(StatusOr<T> s) {
  if (!s.ok()) {
    std::fprintf(stderr, "fixture failed: %s\n", s.status().ToString().c_str());
    std::abort();
  }
  return std::move(s).value();
}

inline Record SampleRecord(std::string issuer = kIssuer) {
  return Must(NewRecord(RecordType::kCertification, kLearner, kRuleSet, {"cert-iot-install-mid"},
                    "2026-11-29", SampleBody(), std::move(issuer)));
}

// The RFC 8032 section 7.1 test 1 key.
inline Ed25519Signer Rfc8032Signer() {
  return Ed25519Signer(Must(Ed25519PrivateKey::FromSeed(
      Must(HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")))));
}

}  // namespace creditbank::records::testing

#endif  // CREDITBANK_TESTS_RECORDS_RECORD_FIXTURE_H_
