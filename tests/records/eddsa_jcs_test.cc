#include "engine/records/eddsa_jcs.h"

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "engine/json/json.h"
#include "engine/records/base58.h"
#include "engine/records/did_key.h"
#include "engine/records/digest.h"
#include "engine/records/multikey.h"
#include "engine/records/signer.h"

namespace creditbank::records {
namespace {

// The W3C vc-di-eddsa eddsa-jcs-2022 test vectors (tests/vectors/eddsa-jcs-2022/SOURCE.md).
std::string ReadVector(const std::string& name) {
  std::ifstream in(CREDITBANK_SOURCE_DIR "/tests/vectors/eddsa-jcs-2022/" + name, std::ios::binary);
  EXPECT_TRUE(in.good()) << name;
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

json::Value ReadJsonVector(const std::string& name) {
  StatusOr<json::Value> v = json::Parse(ReadVector(name));
  EXPECT_TRUE(v.ok()) << name << ": " << v.status().ToString();
  return v.ok() ? *v : json::Value();
}

std::string Member(const json::Value& object, std::string_view key) {
  const json::Value* v = object.Find(key);
  return v != nullptr && v->is_string() ? v->AsString() : "";
}

class EddsaJcsVectorTest : public ::testing::Test {
 protected:
  void SetUp() override {
    json::Value pair = ReadJsonVector("keyPair.json");
    auto seed = DecodeEd25519SecretMultikey(Member(pair, "privateKeyMultibase"));
    ASSERT_TRUE(seed.ok()) << seed.status().ToString();
    auto key = Ed25519PrivateKey::FromSeed(*seed);
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    public_multikey_ = Member(pair, "publicKeyMultibase");
    signer_ = std::make_unique<Ed25519Signer>(*key);
    unsigned_ = ReadJsonVector("unsigned.json");
    signed_ = ReadJsonVector("signedJCS.json");
    options_.created = "2023-02-24T23:36:38Z";
  }

  json::Value Signed() const { return signed_; }
  json::Value& SignedProof(json::Value& doc) { return doc.Set("proof", *doc.Find("proof")); }

  std::string public_multikey_;
  std::unique_ptr<Signer> signer_;
  json::Value unsigned_;
  json::Value signed_;
  ProofOptions options_;
};

TEST_F(EddsaJcsVectorTest, SecretKeyDerivesThePublishedPublicKey) {
  EXPECT_EQ(EncodeEd25519PublicMultikey(signer_->public_key().raw()), public_multikey_);
}

TEST_F(EddsaJcsVectorTest, ProofConfigurationMatches) {
  json::Value config =
      MakeProofConfig(unsigned_, options_, DidKeyVerificationMethod(signer_->public_key().raw()));
  EXPECT_EQ(config, ReadJsonVector("proofConfigJCS.json"));
}

TEST_F(EddsaJcsVectorTest, CanonicalFormsAndHashesMatch) {
  auto input = MakeProofInput(unsigned_, ReadJsonVector("proofConfigJCS.json"));
  ASSERT_TRUE(input.ok()) << input.status().ToString();
  EXPECT_EQ(input->canonical_document, ReadVector("canonDocJCS.txt"));
  EXPECT_EQ(input->canonical_proof_config, ReadVector("proofCanonJCS.txt"));
  EXPECT_EQ(Sha256Hex(input->canonical_document), ReadVector("docHashJCS.txt"));
  EXPECT_EQ(Sha256Hex(input->canonical_proof_config), ReadVector("proofHashJCS.txt"));
  EXPECT_EQ(HexEncode(input->hash_data), ReadVector("combinedHashJCS.txt"));
}

TEST_F(EddsaJcsVectorTest, SignatureAndSignedCredentialMatch) {
  auto secured = AddProof(unsigned_, *signer_, options_);
  ASSERT_TRUE(secured.ok()) << secured.status().ToString();
  std::string proof_value = Member(*secured->Find("proof"), "proofValue");
  EXPECT_EQ(proof_value, ReadVector("sigBTC58JCS.txt"));
  auto signature = MultibaseBase58Decode(proof_value);
  ASSERT_TRUE(signature.ok());
  EXPECT_EQ(HexEncode(*signature), ReadVector("sigHexJCS.txt"));
  EXPECT_EQ(*secured, signed_);  // every member, in the published order
}

TEST_F(EddsaJcsVectorTest, PublishedSignedCredentialVerifies) {
  auto verified = VerifyProof(signed_);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->verification_method,
            "did:key:" + public_multikey_ + "#" + public_multikey_);
  EXPECT_EQ(verified->public_key, signer_->public_key().raw());
  EXPECT_EQ(verified->created, "2023-02-24T23:36:38Z");
  EXPECT_EQ(verified->proof_purpose, "assertionMethod");
}

const Status kDoesNotVerify = Corruption("eddsa-jcs-2022: signature does not verify");

TEST_F(EddsaJcsVectorTest, AnyChangeToDocumentOrProofBreaksTheSignature) {
  json::Value doc = Signed();
  doc.Set("credentialSubject", [&] {
    json::Value s = *signed_.Find("credentialSubject");
    s.Set("alumniOf", json::Value::String("The School of Forgeries"));
    return s;
  }());
  EXPECT_EQ(VerifyProof(doc).status(), kDoesNotVerify);

  doc = Signed();
  doc.Set("validUntil", json::Value::String("2030-01-01T00:00:00Z"));
  EXPECT_EQ(VerifyProof(doc).status(), kDoesNotVerify);

  doc = Signed();
  SignedProof(doc).Set("created", json::Value::String("2023-02-24T23:36:39Z"));
  EXPECT_EQ(VerifyProof(doc).status(), kDoesNotVerify);

  // Another valid signature: the vector's signature with its last byte changed.
  doc = Signed();
  auto signature = HexDecode(ReadVector("sigHexJCS.txt")).value();
  signature.back() ^= 1;
  SignedProof(doc).Set("proofValue", json::Value::String(MultibaseBase58Encode(signature)));
  EXPECT_EQ(VerifyProof(doc).status(), kDoesNotVerify);

  // A different key, named honestly: the signature is not that key's.
  doc = Signed();
  auto other = MakeFixedKeySigner("eddsa-jcs other key");
  SignedProof(doc).Set("verificationMethod",
                       json::Value::String(DidKeyVerificationMethod(other->public_key().raw())));
  EXPECT_EQ(VerifyProof(doc).status(), kDoesNotVerify);
}

TEST_F(EddsaJcsVectorTest, ProofContextMustOpenTheDocumentContext) {
  json::Value doc = Signed();
  json::Value context = json::Value::Array();
  context.Push(json::Value::String("https://www.w3.org/ns/credentials/v2"));
  doc.Set("@context", context);
  EXPECT_EQ(VerifyProof(doc).status(),
            Corruption("eddsa-jcs-2022: proof @context is not a prefix of the document's @context"));

  // A context added after the proof's is outside what was signed (spec section 3.3.2, step 5):
  // the document is checked under the proof's contexts and still verifies.
  doc = Signed();
  json::Value longer = *signed_.Find("@context");
  longer.Push(json::Value::String("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"));
  doc.Set("@context", longer);
  EXPECT_TRUE(VerifyProof(doc).ok());
}

TEST_F(EddsaJcsVectorTest, MalformedProofs) {
  struct Case {
    const char* key;
    json::Value value;
    Status expected;
  };
  const Case cases[] = {
      {"type", json::Value::String("Ed25519Signature2020"),
       InvalidArgument("eddsa-jcs-2022: proof: type: expected \"DataIntegrityProof\"")},
      {"cryptosuite", json::Value::String("eddsa-rdfc-2022"),
       InvalidArgument("eddsa-jcs-2022: proof: cryptosuite: expected \"eddsa-jcs-2022\"")},
      {"proofPurpose", json::Value::String("authentication"),
       InvalidArgument(
           "eddsa-jcs-2022: proof: proofPurpose: expected \"assertionMethod\", got "
           "\"authentication\"")},
      {"created", json::Value::String("yesterday"),
       InvalidArgument("eddsa-jcs-2022: proof: created: expected an XML Schema dateTimeStamp")},
      {"verificationMethod", json::Value::String("https://vc.example/issuers/5678#key-1"),
       InvalidArgument(
           "eddsa-jcs-2022: proof: verificationMethod: did:key: expected a \"did:key:\" URL, got "
           "\"https://vc.example/issuers/5678#key-1\"")},
      {"proofValue", json::Value::String("u2HnFSSPPBzR36"),
       InvalidArgument("eddsa-jcs-2022: proof: proofValue: multibase: expected base58btc ('z') "
                       "prefix, got 'u'")},
      {"proofValue", json::Value::String("z2HnFSSPPBzR36"),
       InvalidArgument(
           "eddsa-jcs-2022: proof: proofValue: expected a 64-byte signature, got 9 bytes")},
      {"proofValue", json::Value::Integer(7),
       InvalidArgument("eddsa-jcs-2022: proof: proofValue: expected a string, got number")},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.key);
    json::Value doc = Signed();
    SignedProof(doc).Set(c.key, c.value);
    EXPECT_EQ(VerifyProof(doc).status(), c.expected);
  }
  EXPECT_EQ(VerifyProof(unsigned_).status(), InvalidArgument("eddsa-jcs-2022: missing \"proof\""));
  json::Value doc = Signed();
  doc.Set("proof", json::Value::Array());
  EXPECT_EQ(VerifyProof(doc).status(),
            InvalidArgument("eddsa-jcs-2022: proof: expected one proof object"));
  EXPECT_EQ(VerifyProof(Signed(), "authentication").status(),
            InvalidArgument("eddsa-jcs-2022: proof: proofPurpose: expected \"authentication\", got "
                            "\"assertionMethod\""));
}

class FailingSigner final : public Signer {
 public:
  FailingSigner() : inner_(MakeFixedKeySigner("failing")) {}
  const std::string& key_id() const override { return inner_->key_id(); }
  const Ed25519PublicKey& public_key() const override { return inner_->public_key(); }
  StatusOr<Ed25519Signature> Sign(std::span<const uint8_t>) const override {
    return IOError("hsm: device unplugged");
  }

 private:
  std::unique_ptr<Signer> inner_;
};

TEST_F(EddsaJcsVectorTest, SigningErrors) {
  ProofOptions bad = options_;
  bad.created = "2023-02-24";
  EXPECT_EQ(AddProof(unsigned_, *signer_, bad).status(),
            InvalidArgument("eddsa-jcs-2022: created: expected an XML Schema dateTimeStamp, got "
                            "\"2023-02-24\""));
  EXPECT_EQ(AddProof(signed_, *signer_, options_).status(),
            InvalidArgument("eddsa-jcs-2022: the document already has a \"proof\""));
  EXPECT_EQ(AddProof(json::Value::Array(), *signer_, options_).status(),
            InvalidArgument("eddsa-jcs-2022: expected the document to be an object"));
  EXPECT_EQ(AddProof(unsigned_, FailingSigner(), options_).status(),
            IOError("hsm: device unplugged"));
}

TEST(EddsaJcsTest, SignVerifyRoundTripWithoutCreatedOrContext) {
  auto signer = MakeFixedKeySigner("eddsa-jcs round trip");
  json::Value doc = json::Value::Object();
  doc.Set("name", json::Value::String("学分银行"));
  doc.Set("credits", json::Value::Number(4.5));
  auto secured = AddProof(doc, *signer, {.created = "", .verification_method = "",
                                          .proof_purpose = "assertionMethod"});
  ASSERT_TRUE(secured.ok()) << secured.status().ToString();
  const json::Value* proof = secured->Find("proof");
  EXPECT_EQ(proof->Find("created"), nullptr);
  EXPECT_EQ(proof->Find("@context"), nullptr);
  auto verified = VerifyProof(*secured);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->created, "");
  EXPECT_EQ(verified->public_key, signer->public_key().raw());
}

TEST(EddsaJcsTest, DateTimeStamps) {
  for (const char* ok : {"2023-02-24T23:36:38Z", "2023-02-24T23:36:38.123Z",
                         "2023-02-24T23:36:38+08:00", "2023-02-24T00:00:00-14:00"}) {
    EXPECT_TRUE(IsDateTimeStamp(ok)) << ok;
  }
  for (const char* bad : {"2023-02-24", "2023-02-24T23:36:38", "2023-02-24 23:36:38Z",
                          "2023-13-24T23:36:38Z", "2023-02-24T24:00:00Z", "2023-02-24T23:36:38.Z",
                          "2023-02-24T23:36:38+0800", "2023-02-24T23:36:38z", ""}) {
    EXPECT_FALSE(IsDateTimeStamp(bad)) << bad;
  }
}

}  // namespace
}  // namespace creditbank::records
