#include "engine/records/digest.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace creditbank::records {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

// FIPS 180-2 appendix B examples.
TEST(DigestTest, Sha256KnownAnswers) {
  EXPECT_EQ(Sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  EXPECT_EQ(HexEncode(Sha256(AsBytes("abc"))), Sha256Hex("abc"));
}

// RFC 4231 test cases 1, 2 and 6.
TEST(DigestTest, HmacSha256KnownAnswers) {
  EXPECT_EQ(HexEncode(HmacSha256(std::string(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(HexEncode(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(131, '\xaa'),
                                 "Test Using Larger Than Block-Size Key - Hash Key First")),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

// The key lengths at the block boundary (none, exactly one 64-byte block, one byte over), which RFC
// 4231 does not cover; expected values from Python's hmac module (hmac.new(key, msg, sha256)).
TEST(DigestTest, HmacSha256KeyLengthBoundaries) {
  EXPECT_EQ(HexEncode(HmacSha256("", "")), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(64, '\xaa'), "x")),
            "ce3c639dcb9d8baae5d44c3b8b5e233faab4d1860e07489af5c84f213998bd79");
  EXPECT_EQ(HexEncode(HmacSha256(std::string(65, '\xaa'), "x")),
            "c2b9a0a013df029c7d812c5ac18388feef0194ee64fcc5f321d149c06137caa3");
}

TEST(DigestTest, HexRoundTripAndErrors) {
  std::vector<uint8_t> all(256);
  for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
  std::string hex = HexEncode(all);
  EXPECT_EQ(hex.substr(0, 8), "00010203");
  EXPECT_EQ(hex.substr(hex.size() - 4), "feff");
  auto back = HexDecode(hex);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, all);
  auto upper = HexDecode("ABcd");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper, (std::vector<uint8_t>{0xab, 0xcd}));
  EXPECT_EQ(HexDecode("abc").status(), InvalidArgument("hex: odd length 3"));
  EXPECT_EQ(HexDecode("00ag").status(), InvalidArgument("hex: invalid character 'g' at offset 3"));
}

// RFC 4648 section 10.
TEST(DigestTest, Base64Rfc4648Vectors) {
  const std::pair<const char*, const char*> kCases[] = {
      {"", ""},         {"f", "Zg=="},         {"fo", "Zm8="},     {"foo", "Zm9v"},
      {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
  for (const auto& [plain, encoded] : kCases) {
    EXPECT_EQ(Base64Encode(AsBytes(plain)), encoded) << plain;
    auto back = Base64Decode(encoded);
    ASSERT_TRUE(back.ok()) << encoded;
    EXPECT_EQ(*back, Bytes(plain));
    std::string unpadded = encoded;
    while (!unpadded.empty() && unpadded.back() == '=') unpadded.pop_back();
    EXPECT_EQ(Base64UrlEncode(AsBytes(plain)), unpadded);
    auto url_back = Base64UrlDecode(unpadded);
    ASSERT_TRUE(url_back.ok()) << unpadded;
    EXPECT_EQ(*url_back, Bytes(plain));
  }
}

// Every value of each 12-bit half of a 3-byte group, against an encoder that takes six bits at a time
// (RFC 4648 section 4's table), and AppendBase64 appending the same.
TEST(DigestTest, Base64EncodesEveryHalfOfAGroup) {
  static constexpr char kTable[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  for (int a = 0; a < 256; ++a) {
    for (int b : {0x00, 0x0f, 0xa5, 0xf0, 0xff}) {
      for (int c = 0; c < 256; ++c) {
        const std::vector<uint8_t> group = {static_cast<uint8_t>(a), static_cast<uint8_t>(b), static_cast<uint8_t>(c)};
        const uint32_t bits = (uint32_t(a) << 16) | (uint32_t(b) << 8) | uint32_t(c);
        std::string want;
        for (int shift = 18; shift >= 0; shift -= 6) want += kTable[(bits >> shift) & 63];
        ASSERT_EQ(Base64Encode(group), want) << a << " " << b << " " << c;
      }
    }
  }
  std::string text = "x";
  AppendBase64(AsBytes("foobar"), &text);
  AppendBase64(AsBytes("fo"), &text);
  EXPECT_EQ(text, "xZm9vYmFyZm8=");
}

TEST(DigestTest, Base64AlphabetsDiffer) {
  const std::vector<uint8_t> bytes = {0xfb, 0xff, 0xbf};
  EXPECT_EQ(Base64Encode(bytes), "+/+/");
  EXPECT_EQ(Base64UrlEncode(bytes), "-_-_");
  EXPECT_EQ(Base64Decode("-_-_").status(),
            InvalidArgument("base64: invalid character '-' at offset 0"));
  EXPECT_EQ(Base64UrlDecode("+/+/").status(),
            InvalidArgument("base64url: invalid character '+' at offset 0"));
}

TEST(DigestTest, Base64StrictErrors) {
  EXPECT_EQ(Base64Decode("Zg=").status(), InvalidArgument("base64: length 3 is not a multiple of 4"));
  EXPECT_EQ(Base64Decode("Zm9v\n").status(),
            InvalidArgument("base64: length 5 is not a multiple of 4"));
  EXPECT_EQ(Base64Decode("Z===").status(), InvalidArgument("base64: invalid character '=' at offset 1"));
  EXPECT_EQ(Base64Decode("Zh==").status(), InvalidArgument("base64: non-zero bits after the last byte"));
  EXPECT_EQ(Base64UrlDecode("Zg==").status(),
            InvalidArgument("base64url: invalid character '=' at offset 2"));
  EXPECT_EQ(Base64UrlDecode("Zm9vY").status(),
            InvalidArgument("base64url: length 5 cannot encode whole bytes"));
  EXPECT_EQ(Base64UrlDecode("Zh").status(),
            InvalidArgument("base64url: non-zero bits after the last byte"));
}

}  // namespace
}  // namespace creditbank::records
