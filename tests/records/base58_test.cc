#include "engine/records/base58.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }
std::vector<uint8_t> FromHex(std::string_view hex) { return HexDecode(hex).value(); }

struct KnownAnswer {
  const char* hex;
  const char* base58;
};

// IETF draft-msporny-base58 section 5 examples, and the W3C vc-di-eddsa eddsa-jcs-2022 vector's
// signature (sigHexJCS.txt -> sigBTC58JCS.txt without its 'z'). Edge cases cross-checked against
// the npm package base58-universal 2.0.0.
constexpr KnownAnswer kKnownAnswers[] = {
    {"48656c6c6f20576f726c6421", "2NEpo7TZRRrLZSi2U"},  // "Hello World!"
    {"54686520717569636b2062726f776e20666f78206a756d7073206f76657220746865206c617a7920646f672e",
     "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z"},
    {"0000287fb4cd", "11233QC4"},
    {"407cd12654b33d718ecbb99179a1506daaa849450bf3fc523cce3e1c96f8b80351da3f253d725c6f00b07c9e5448"
     "d50b3ef78012b9ab54255116d069c6dd2808",
     "2HnFSSPPBzR36zdDgK8PbEHeXbR56YF24jwMpt3R1eHXQzJDMWS93FCzpvJpwTWd3GAVFuUfjoJdcnTMuVor51aX"},
    {"", ""},
    {"00", "1"},
    {"0000", "11"},
    {"0001", "12"},
    {"ff", "5Q"},
};

TEST(Base58Test, KnownAnswers) {
  for (const KnownAnswer& k : kKnownAnswers) {
    SCOPED_TRACE(k.hex);
    std::vector<uint8_t> bytes = FromHex(k.hex);
    EXPECT_EQ(Base58Encode(bytes), k.base58);
    StatusOr<std::vector<uint8_t>> back = Base58Decode(k.base58);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_EQ(*back, bytes);
  }
  EXPECT_EQ(Base58Encode(Bytes("Hello World!")), "2NEpo7TZRRrLZSi2U");
}

TEST(Base58Test, RoundTripsEveryLengthWithLeadingZeros) {
  for (size_t length = 0; length < 70; ++length) {
    std::vector<uint8_t> bytes(length);
    for (size_t i = 0; i < length; ++i) bytes[i] = static_cast<uint8_t>(i < 3 ? 0 : i * 37 + 11);
    StatusOr<std::vector<uint8_t>> back = Base58Decode(Base58Encode(bytes));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, bytes) << "length " << length;
  }
}

TEST(Base58Test, RejectsCharactersOutsideTheAlphabet) {
  // 0, O, I and l are left out of the alphabet because they look alike.
  EXPECT_EQ(Base58Decode("2NE0").status(),
            InvalidArgument("base58: invalid character '0' at offset 3"));
  EXPECT_EQ(Base58Decode("O").status(), InvalidArgument("base58: invalid character 'O' at offset 0"));
  EXPECT_EQ(Base58Decode("11l").status(),
            InvalidArgument("base58: invalid character 'l' at offset 2"));
  EXPECT_EQ(Base58Decode("ab\n").status(),
            InvalidArgument("base58: invalid character '\\x0a' at offset 2"));
}

TEST(Base58Test, Multibase) {
  EXPECT_EQ(MultibaseBase58Encode(Bytes("Hello World!")), "z2NEpo7TZRRrLZSi2U");
  StatusOr<std::vector<uint8_t>> back = MultibaseBase58Decode("z2NEpo7TZRRrLZSi2U");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, Bytes("Hello World!"));
  EXPECT_EQ(MultibaseBase58Decode("").status(), InvalidArgument("multibase: empty text"));
  EXPECT_EQ(MultibaseBase58Decode("uSGVsbG8").status(),
            InvalidArgument("multibase: expected base58btc ('z') prefix, got 'u'"));
  // Offsets count the prefix, so they point into the text as given.
  EXPECT_EQ(MultibaseBase58Decode("z2NE0").status(),
            InvalidArgument("base58: invalid character '0' at offset 4"));
}

}  // namespace
}  // namespace creditbank::records
