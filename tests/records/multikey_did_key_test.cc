// Multikey (multikey.h) and did:key (did_key.h), which is the Multikey with a DID around it.
#include <gtest/gtest.h>

#include <array>
#include <string>

#include "engine/records/base58.h"
#include "engine/records/did_key.h"
#include "engine/records/digest.h"
#include "engine/records/multikey.h"

namespace creditbank::records {
namespace {

std::array<uint8_t, 32> Key(std::string_view hex) {
  std::vector<uint8_t> bytes = HexDecode(hex).value();
  std::array<uint8_t, 32> key{};
  std::copy(bytes.begin(), bytes.end(), key.begin());
  return key;
}

// The W3C vc-di-eddsa test key pair (tests/vectors/eddsa-jcs-2022/keyPair.json); the raw bytes were
// read with the npm package base58-universal 2.0.0, an independent decoder.
constexpr char kVectorPublic[] = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2";
constexpr char kVectorPublicHex[] =
    "b00d8d938e7f773d51565aad36a623f5344f7f5d1960f9cf3e8e12620ea2810f";
constexpr char kVectorSecret[] = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";
constexpr char kVectorSecretHex[] =
    "c96ef9ea10c5e414c471723aff9de72c35fa5b70fae97e8832ecac7d2e2b8ed6";
// RFC 8032 section 7.1 test 1 key pair.
constexpr char kRfcPublicHex[] = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr char kRfcSecretHex[] = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";

TEST(MultikeyTest, DecodesTheW3cVectorKeyPair) {
  auto pub = DecodeEd25519PublicMultikey(kVectorPublic);
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  EXPECT_EQ(HexEncode(*pub), kVectorPublicHex);
  auto secret = DecodeEd25519SecretMultikey(kVectorSecret);
  ASSERT_TRUE(secret.ok()) << secret.status().ToString();
  EXPECT_EQ(HexEncode(*secret), kVectorSecretHex);
}

TEST(MultikeyTest, EncodesWithTheMulticodecPrefixes) {
  EXPECT_EQ(EncodeEd25519PublicMultikey(Key(kVectorPublicHex)), kVectorPublic);
  EXPECT_EQ(EncodeEd25519SecretMultikey(Key(kVectorSecretHex)), kVectorSecret);
  EXPECT_EQ(EncodeEd25519PublicMultikey(Key(kRfcPublicHex)),
            "z6MktwupdmLXVVqTzCw4i46r4uGyosGXRnR3XjN4Zq7oMMsw");
  EXPECT_EQ(EncodeEd25519SecretMultikey(Key(kRfcSecretHex)),
            "z3u2bpACJXYj89Vh7HqHn8oVv2A2niEy9FcQUzzuQTYJ61AX");
  // Any 32 bytes give the familiar "z6Mk" and "z3u2" starts.
  std::array<uint8_t, 32> ones;
  ones.fill(0xff);
  EXPECT_EQ(EncodeEd25519PublicMultikey(ones).substr(0, 4), "z6Mk");
  EXPECT_EQ(EncodeEd25519SecretMultikey(ones).substr(0, 4), "z3u2");
  EXPECT_EQ(EncodeEd25519PublicMultikey(ones).size(), 48u);
}

TEST(MultikeyTest, RejectsOtherCodecsAndLengths) {
  EXPECT_EQ(DecodeEd25519PublicMultikey(kVectorSecret).status(),
            InvalidArgument("multikey: expected the ed25519-pub prefix 0xed01, got 0x8026"));
  EXPECT_EQ(DecodeEd25519SecretMultikey(kVectorPublic).status(),
            InvalidArgument("multikey: expected the ed25519-priv prefix 0x8026, got 0xed01"));
  // A P-256 public key (multicodec 0x1200, "zDn..."), from the W3C vector employmentAuth.json.
  EXPECT_EQ(
      DecodeEd25519PublicMultikey("zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76").status(),
      InvalidArgument("multikey: expected the ed25519-pub prefix 0xed01, got 0x8024"));
  EXPECT_EQ(DecodeEd25519PublicMultikey("z").status(),
            InvalidArgument("multikey: expected the ed25519-pub prefix 0xed01, got 0x"));
  std::vector<uint8_t> short_key = {0xed, 0x01};
  short_key.resize(2 + 31, 0x42);
  EXPECT_EQ(DecodeEd25519PublicMultikey(MultibaseBase58Encode(short_key)).status(),
            InvalidArgument("multikey: expected 32 key bytes, got 31"));
  EXPECT_EQ(DecodeEd25519PublicMultikey("6MkrJVnaZ").status(),
            InvalidArgument("multikey: multibase: expected base58btc ('z') prefix, got '6'"));
}

TEST(DidKeyTest, BuildsTheDidAndItsVerificationMethod) {
  EXPECT_EQ(DidKeyFromEd25519(Key(kVectorPublicHex)),
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
  // The verification method of the W3C vector's proofConfigJCS.json.
  EXPECT_EQ(DidKeyVerificationMethod(Key(kVectorPublicHex)),
            "did:key:z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
            "#z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
}

TEST(DidKeyTest, ResolvesDidsAndVerificationMethods) {
  for (std::string url : {DidKeyFromEd25519(Key(kRfcPublicHex)),
                          DidKeyVerificationMethod(Key(kRfcPublicHex))}) {
    auto key = ResolveDidKeyEd25519(url);
    ASSERT_TRUE(key.ok()) << url << ": " << key.status().ToString();
    EXPECT_EQ(HexEncode(*key), kRfcPublicHex);
  }
}

TEST(DidKeyTest, RejectsOtherMethodsAndForeignFragments) {
  EXPECT_EQ(ResolveDidKeyEd25519("did:web:example.org").status(),
            InvalidArgument("did:key: expected a \"did:key:\" URL, got \"did:web:example.org\""));
  EXPECT_EQ(ResolveDidKeyEd25519(std::string("did:key:") + kVectorPublic + "#key-1").status(),
            InvalidArgument("did:key: fragment \"#key-1\" does not match the key"));
  EXPECT_EQ(ResolveDidKeyEd25519(std::string("did:key:") + kVectorSecret).status(),
            InvalidArgument(
                "did:key: multikey: expected the ed25519-pub prefix 0xed01, got 0x8026"));
}

}  // namespace
}  // namespace creditbank::records
