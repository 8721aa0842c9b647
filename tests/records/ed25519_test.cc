#include "engine/records/ed25519.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <thread>
#include <ostream>
#include <type_traits>
#include <sstream>
#include <string>
#include <vector>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using ::testing::StartsWith;

template <typename T>
concept Streamable = requires(std::ostream& os, const T& t) { os << t; };

std::vector<uint8_t> Hex(std::string_view hex) {
  auto bytes = HexDecode(hex);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::vector<uint8_t>{};
}

struct Rfc8032Vector {
  std::string secret, public_key, message, signature;
};

// Reads tests/vectors/rfc8032/rfc8032-ed25519.json with plain string scanning: this test must not
// depend on the JSON part it is used to check records for.
std::vector<Rfc8032Vector> LoadRfc8032() {
  std::ifstream in(CREDITBANK_SOURCE_DIR "/tests/vectors/rfc8032/rfc8032-ed25519.json");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string text = ss.str();
  auto field = [&](size_t from, const std::string& name, size_t* end) {
    size_t k = text.find("\"" + name + "\"", from);
    size_t open = text.find('"', text.find(':', k) + 1);
    size_t close = text.find('"', open + 1);
    *end = close;
    return text.substr(open + 1, close - open - 1);
  };
  std::vector<Rfc8032Vector> out;
  size_t pos = 0;
  while ((pos = text.find("\"secret_key\"", pos)) != std::string::npos) {
    Rfc8032Vector v;
    size_t end = pos;
    v.secret = field(pos, "secret_key", &end);
    v.public_key = field(pos, "public_key", &end);
    v.message = field(pos, "message", &end);
    v.signature = field(pos, "signature", &end);
    out.push_back(v);
    pos = end;
  }
  return out;
}

TEST(Ed25519Test, Rfc8032Section71Tests1To3) {
  std::vector<Rfc8032Vector> vectors = LoadRfc8032();
  ASSERT_EQ(vectors.size(), 3u);
  int passed = 0;
  for (const Rfc8032Vector& v : vectors) {
    SCOPED_TRACE(v.public_key);
    auto key = Ed25519PrivateKey::FromSeed(Hex(v.secret));
    ASSERT_TRUE(key.ok()) << key.status().ToString();
    EXPECT_EQ(HexEncode(key->public_key().raw()), v.public_key);
    std::vector<uint8_t> message = Hex(v.message);
    auto sig = key->Sign(message);
    ASSERT_TRUE(sig.ok()) << sig.status().ToString();
    EXPECT_EQ(HexEncode(*sig), v.signature);

    auto pub = Ed25519PublicKey::FromRaw(Hex(v.public_key));
    ASSERT_TRUE(pub.ok());
    EXPECT_EQ(pub->Verify(message, Hex(v.signature)), Status::Ok());
    // Any flipped bit of the signature or the message fails.
    std::vector<uint8_t> bad_sig = Hex(v.signature);
    bad_sig[10] ^= 0x01;
    EXPECT_EQ(pub->Verify(message, bad_sig), Corruption("Ed25519 signature does not verify"));
    std::vector<uint8_t> longer = message;
    longer.push_back(0x00);
    EXPECT_EQ(pub->Verify(longer, Hex(v.signature)),
              Corruption("Ed25519 signature does not verify"));
    ++passed;
  }
  EXPECT_EQ(passed, 3);
}

// A thread signs again with the context it initialised for a key (ed25519.cc): the vectors' keys
// signing their messages in turn, each key twice in a row, and one key through three objects (a copy,
// which shares the loaded key, and a second FromSeed, which loads it again), give the vectors'
// signatures every time.
// The vectors' keys, loaded from their seeds; none when one does not load.
std::vector<Ed25519PrivateKey> PrivateKeysOf(const std::vector<Rfc8032Vector>& vectors) {
  std::vector<Ed25519PrivateKey> keys;
  for (const Rfc8032Vector& v : vectors) {
    auto key = Ed25519PrivateKey::FromSeed(Hex(v.secret));
    if (!key.ok()) return {};
    keys.push_back(*std::move(key));
  }
  return keys;
}

TEST(Ed25519Test, SigningAgainAndInTurnGivesTheVectorsSignatures) {
  std::vector<Rfc8032Vector> vectors = LoadRfc8032();
  ASSERT_EQ(vectors.size(), 3u);
  std::vector<Ed25519PrivateKey> keys = PrivateKeysOf(vectors);
  ASSERT_EQ(keys.size(), 3u);
  auto again = Ed25519PrivateKey::FromSeed(Hex(vectors[0].secret));
  ASSERT_TRUE(again.ok());
  keys.push_back(*std::move(again));
  keys.push_back(keys[0]);
  std::string signed_in_turn;
  for (int round = 0; round < 3; ++round) {
    for (size_t k : {0, 1, 1, 2, 3, 3, 0, 4, 0}) {
      const Rfc8032Vector& v = vectors[k < 3 ? k : 0];  // keys 3 and 4 are vector 0's
      auto sig = keys[k].Sign(Hex(v.message));
      ASSERT_TRUE(sig.ok()) << sig.status().ToString();
      signed_in_turn += HexEncode(*sig) == v.signature ? "=" : "x";
    }
  }
  EXPECT_EQ(signed_in_turn, std::string(27, '='));
}

// Verifying again with a context that has just refused a signature, and with the vectors' public keys
// in turn, gives each signature its right answer.
TEST(Ed25519Test, VerifyingAgainAndInTurnGivesTheRightAnswers) {
  std::vector<Rfc8032Vector> vectors = LoadRfc8032();
  ASSERT_EQ(vectors.size(), 3u);
  std::vector<Ed25519PublicKey> keys;
  for (const Ed25519PrivateKey& key : PrivateKeysOf(vectors)) keys.push_back(key.public_key());
  ASSERT_EQ(keys.size(), 3u);
  std::string answers;
  for (size_t k : {0, 0, 1, 2, 2, 1, 0}) {
    const std::vector<uint8_t> message = Hex(vectors[k].message);
    std::vector<uint8_t> bad = Hex(vectors[k].signature);
    bad[0] ^= 0x01;
    answers += keys[k].Verify(message, Hex(vectors[k].signature)).ok() ? "y" : "n";
    answers += keys[k].Verify(message, bad).ok() ? "y" : "n";
    answers += keys[k].Verify(message, Hex(vectors[k].signature)).ok() ? "y" : "n";
    answers += keys[(k + 1) % 3].Verify(message, Hex(vectors[k].signature)).ok() ? "y" : "n";
    answers += " ";
  }
  EXPECT_EQ(answers, "ynyn ynyn ynyn ynyn ynyn ynyn ynyn ");
}

TEST(Ed25519Test, KeyIdIsPrefixOfSha256OfRawPublicKey) {
  // Hand-computed: sha256(d75a98...511a) starts 21fe31dfa154a261.
  auto key = Ed25519PrivateKey::FromSeed(
      Hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->key_id(), "ed25519:21fe31dfa154a261");
  EXPECT_EQ(key->public_key().key_id(), "ed25519:21fe31dfa154a261");
}

TEST(Ed25519Test, WrongLengths) {
  EXPECT_EQ(Ed25519PrivateKey::FromSeed(std::vector<uint8_t>(31)).status(),
            InvalidArgument("Ed25519 seed: expected 32 bytes, got 31"));
  EXPECT_EQ(Ed25519PublicKey::FromRaw(std::vector<uint8_t>(33)).status(),
            InvalidArgument("Ed25519 public key: expected 32 bytes, got 33"));
  auto key = Ed25519PrivateKey::FromSeed(std::vector<uint8_t>(32, 7));
  ASSERT_TRUE(key.ok());
  EXPECT_EQ(key->public_key().Verify(AsBytes("x"), std::vector<uint8_t>(63)),
            Corruption("Ed25519 signature: expected 64 bytes, got 63"));
}

// RFC 8410 section 10.3 (private key) and 10.1 (its public key).
constexpr char kRfc8410PrivatePem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kRfc8410PublicPem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n";

TEST(Ed25519Test, Rfc8410PemExamples) {
  auto key = Ed25519PrivateKey::FromPkcs8Pem(kRfc8410PrivatePem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(HexEncode(key->public_key().raw()),
            "19bf44096984cdfe8541bac167dc3b96c85086aa30b6b6cb0c5c38ad703166e1");
  auto pub_pem = key->public_key().ToPem();
  ASSERT_TRUE(pub_pem.ok());
  EXPECT_EQ(*pub_pem, kRfc8410PublicPem);
  auto priv_pem = key->ExportPkcs8Pem();
  ASSERT_TRUE(priv_pem.ok());
  EXPECT_EQ(*priv_pem, kRfc8410PrivatePem);
  auto seed = key->ExportSeed();
  ASSERT_TRUE(seed.ok());
  EXPECT_EQ(HexEncode(*seed), "d4ee72dbf913584ad5b6d8f1f769f8ad3afe7c28cbf1d4fbe097a88f44755842");

  auto pub = Ed25519PublicKey::FromPem(kRfc8410PublicPem);
  ASSERT_TRUE(pub.ok());
  EXPECT_TRUE(*pub == key->public_key());
  EXPECT_EQ(pub->key_id(), key->key_id());
}

TEST(Ed25519Test, PemErrorsNameTheProblem) {
  auto not_public = Ed25519PublicKey::FromPem(kRfc8410PrivatePem);
  EXPECT_EQ(not_public.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(not_public.status().message(),
              StartsWith("Ed25519 public key PEM: not a PEM SubjectPublicKeyInfo: error:"));
  auto garbage = Ed25519PrivateKey::FromPkcs8Pem("hello");
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(garbage.status().message(),
              StartsWith("Ed25519 private key PEM: not an unencrypted PEM PKCS#8 private key: "));
  EXPECT_THAT(garbage.status().message(), Not(HasSubstr("hello")));
}

TEST(Ed25519Test, GeneratedKeysDifferAndRoundTripThroughSeedAndPem) {
  auto a = Ed25519PrivateKey::Generate();
  auto b = Ed25519PrivateKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->key_id(), b->key_id());
  auto seed = a->ExportSeed();
  ASSERT_TRUE(seed.ok());
  auto again = Ed25519PrivateKey::FromSeed(*seed);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->key_id(), a->key_id());
  auto pem = a->ExportPkcs8Pem();
  ASSERT_TRUE(pem.ok());
  auto from_pem = Ed25519PrivateKey::FromPkcs8Pem(*pem);
  ASSERT_TRUE(from_pem.ok());
  EXPECT_EQ(from_pem->key_id(), a->key_id());
  auto sig = a->Sign(AsBytes("record bytes"));
  ASSERT_TRUE(sig.ok());
  EXPECT_EQ(from_pem->public_key().Verify(AsBytes("record bytes"), *sig), Status::Ok());
  EXPECT_EQ(b->public_key().Verify(AsBytes("record bytes"), *sig),
            Corruption("Ed25519 signature does not verify"));
}

// One key shared by several threads, each reusing its own EVP_MD_CTX: the signatures are the
// deterministic ones a single thread computes.
TEST(Ed25519Test, ConcurrentSigningAndVerifying) {
  auto key = Ed25519PrivateKey::FromPkcs8Pem(kRfc8410PrivatePem);
  ASSERT_TRUE(key.ok());
  constexpr int kMessages = 64;
  std::vector<Ed25519Signature> expected;
  for (int i = 0; i < kMessages; ++i) expected.push_back(*key->Sign(AsBytes(std::to_string(i))));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 5; ++round) {
        for (int i = 0; i < kMessages; ++i) {
          std::string m = std::to_string((i + t * 7) % kMessages);
          auto sig = key->Sign(AsBytes(m));
          int index = (i + t * 7) % kMessages;
          if (!sig.ok() || *sig != expected[index] ||
              !key->public_key().Verify(AsBytes(m), *sig).ok()) {
            ++mismatches;
          }
        }
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(mismatches.load(), 0);
}

TEST(Ed25519Test, ToStringShowsOnlyTheKeyId) {
  auto key = Ed25519PrivateKey::FromPkcs8Pem(kRfc8410PrivatePem);
  ASSERT_TRUE(key.ok());
  std::string shown = key->ToString();
  EXPECT_EQ(shown, "Ed25519 private key " + key->key_id());
  EXPECT_THAT(shown, Not(HasSubstr("d4ee72db")));
  EXPECT_THAT(shown, Not(HasSubstr("INTuctv5")));
  static_assert(!std::is_convertible_v<Ed25519PrivateKey, std::string>);
  static_assert(!Streamable<Ed25519PrivateKey>, "a private key must not be printable");
  static_assert(Streamable<std::string>);
}

}  // namespace
}  // namespace creditbank::records
