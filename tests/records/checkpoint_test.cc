#include "engine/records/checkpoint.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

using ::testing::StartsWith;

// The RFC 8032 test 1 key: its key id is ed25519:21fe31dfa154a261.
Ed25519Signer Rfc8032Signer() {
  return Ed25519Signer(*Ed25519PrivateKey::FromSeed(
      *HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")));
}

Checkpoint Sample() {
  Checkpoint cp;
  cp.origin = "creditbank.example/ledger";
  cp.tree_size = 8;
  // The root of the 8 leaves of tests/vectors/merkle.
  std::vector<uint8_t> root = *Base64Decode("XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=");
  std::copy(root.begin(), root.end(), cp.root.begin());
  cp.unix_time = 1795928400;
  return cp;
}

constexpr char kBody[] =
    "creditbank.example/ledger\n"
    "8\n"
    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    "time 2026-11-29T05:00:00Z\n";
// Key hash computed with Python hashlib (sha256(name || 0x0a || 0x01 || pubkey)[:4] = ca6f3178),
// signature with `openssl pkeyutl -sign -rawin` over kBody.
constexpr char kNote[] =
    "creditbank.example/ledger\n"
    "8\n"
    "XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n"
    "time 2026-11-29T05:00:00Z\n"
    "\n"
    "\xE2\x80\x94 ed25519:21fe31dfa154a261 "
    "ym8xeKd8AAYLlXBx1L7UjvhdgDP6gDWsxGbCbKqLw+yOfhWntwHW1i8H2nWlA+ZIZ7qT0XjkTlGOxGNEAxNOwPy64AE=\n";

TEST(CheckpointTest, TimeFormat) {
  EXPECT_EQ(FormatUtcTime(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatUtcTime(1795928400), "2026-11-29T05:00:00Z");
  EXPECT_EQ(FormatUtcTime(951782399), "2000-02-28T23:59:59Z");
  EXPECT_EQ(FormatUtcTime(951868800), "2000-03-01T00:00:00Z");  // 2000 was a leap year
  EXPECT_EQ(*ParseUtcTime("2000-02-29T12:00:00Z"), 951825600);
  EXPECT_EQ(*ParseUtcTime("2026-11-29T05:00:00Z"), 1795928400);
  for (const char* bad : {"2026-11-29 05:00:00Z", "2026-11-29T05:00:00", "2026-02-29T00:00:00Z",
                          "2026-11-29T24:00:00Z", "1969-12-31T23:59:59Z", "2026-11-29T05:00:00+08:00"}) {
    EXPECT_EQ(ParseUtcTime(bad).status(),
              InvalidArgument("time \"" + std::string(bad) + "\" is not YYYY-MM-DDThh:mm:ssZ"));
  }
}

TEST(CheckpointTest, BodyIsTheC2spForm) {
  EXPECT_EQ(CheckpointBody(Sample()), kBody);
  auto parsed = ParseCheckpointBody(kBody);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, Sample());
  Checkpoint no_time = Sample();
  no_time.unix_time.reset();
  EXPECT_EQ(CheckpointBody(no_time),
            "creditbank.example/ledger\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n");
  EXPECT_EQ(*ParseCheckpointBody(CheckpointBody(no_time)), no_time);
}

TEST(CheckpointTest, NoteMatchesIndependentlyComputedSignature) {
  Ed25519Signer signer = Rfc8032Signer();
  EXPECT_EQ(NoteKeyHash(signer.key_id(), signer.public_key()), 0xca6f3178u);
  auto note = SignCheckpoint(Sample(), signer);
  ASSERT_TRUE(note.ok());
  EXPECT_EQ(*note, kNote);
  auto opened = OpenSignedCheckpoint(kNote, signer.public_key());
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, Sample());
}

TEST(CheckpointTest, SignaturesOfOtherKeysAreSkipped) {
  Ed25519Signer signer = Rfc8032Signer();
  auto witness = MakeFixedKeySigner("witness");
  auto witness_note = SignCheckpoint(Sample(), *witness);
  ASSERT_TRUE(witness_note.ok());
  std::string witness_line = witness_note->substr(std::string(kBody).size() + 1);
  std::string both = std::string(kBody) + "\n" + witness_line +
                     std::string(kNote).substr(std::string(kBody).size() + 1);
  EXPECT_TRUE(OpenSignedCheckpoint(both, signer.public_key()).ok());
  EXPECT_TRUE(OpenSignedCheckpoint(both, witness->public_key()).ok());
  EXPECT_EQ(OpenSignedCheckpoint(*witness_note, signer.public_key()).status(),
            Corruption("checkpoint: no signature by key ed25519:21fe31dfa154a261"));
}

TEST(CheckpointTest, EveryChangedByteFails) {
  Ed25519Signer signer = Rfc8032Signer();
  const std::string note = kNote;
  int failures = 0;
  for (size_t i = 0; i < note.size(); ++i) {
    for (uint8_t flip : {0x01, 0x20}) {
      std::string bad = note;
      bad[i] = static_cast<char>(bad[i] ^ flip);
      Status got = OpenSignedCheckpoint(bad, signer.public_key()).status();
      ASSERT_FALSE(got.ok()) << "byte " << i << " flip " << int(flip);
      EXPECT_EQ(got.code(), StatusCode::kCorruption);
      EXPECT_THAT(got.message(), StartsWith("checkpoint")) << got.message();
      ++failures;
    }
  }
  EXPECT_EQ(failures, static_cast<int>(2 * note.size()));
}

TEST(CheckpointTest, TamperingMessages) {
  Ed25519Signer signer = Rfc8032Signer();
  const Ed25519PublicKey& key = signer.public_key();
  auto open = [&](std::string text) { return OpenSignedCheckpoint(text, key).status(); };
  std::string note = kNote;
  std::string body = kBody;
  std::string sig_line = note.substr(body.size() + 1);

  std::string size_changed = note;
  size_changed[26] = '9';  // tree size 8 -> 9
  EXPECT_EQ(open(size_changed), Corruption("checkpoint signature does not verify"));

  std::string sig_changed = note;
  sig_changed[sig_changed.size() - 10] = sig_changed[sig_changed.size() - 10] == 'A' ? 'B' : 'A';
  EXPECT_EQ(open(sig_changed), Corruption("checkpoint signature does not verify"));

  std::string hash_changed = note;
  hash_changed[body.size() + 1 + 4 + 24 + 2] = 'z';  // inside the key hash
  EXPECT_EQ(open(hash_changed), Corruption("checkpoint: no signature by key ed25519:21fe31dfa154a261"));

  EXPECT_EQ(open(body + sig_line), Corruption("checkpoint: no blank line before the signatures"));
  EXPECT_EQ(open(body + "\n"), Corruption("checkpoint: no signature lines"));
  EXPECT_EQ(open(note.substr(0, note.size() - 1)),
            Corruption("checkpoint: the last signature line does not end with a newline"));
  EXPECT_EQ(open(body + "\n- ed25519:21fe31dfa154a261 AAAA\n"),
            Corruption("checkpoint: signature line 1: expected \"— <key name> <base64>\""));
  // Also after the signature wanted: the note is read whole.
  EXPECT_EQ(open(note + "garbage\n"), Corruption("checkpoint: signature line 2: expected \"— <key name> <base64>\""));
  EXPECT_EQ(open(body + "\n\xE2\x80\x94 ed25519:21fe31dfa154a261 AA*A\n"),
            Corruption("checkpoint: signature line 1: signature is not base64 of a key hash and a "
                       "signature"));
  EXPECT_EQ(open(body + "\n\xE2\x80\x94 ed25519:21fe31dfa154a261 ym8xeAAA\n"),
            Corruption("checkpoint: signature line 1: signature is not base64 of 68 bytes"));
}

TEST(CheckpointTest, SigningRefusesABadOrigin) {
  Ed25519Signer signer = Rfc8032Signer();
  Checkpoint cp = Sample();
  cp.origin = "a\nb";
  EXPECT_EQ(SignCheckpoint(cp, signer).status(),
            InvalidArgument("checkpoint: origin \"a\\x0ab\" is empty or has a control character"));
  cp.origin = "";
  EXPECT_EQ(SignCheckpoint(cp, signer).status(),
            InvalidArgument("checkpoint: origin \"\" is empty or has a control character"));
}

TEST(CheckpointTest, BodyErrors) {
  EXPECT_EQ(ParseCheckpointBody("o\n8\n").status(),
            Corruption("checkpoint: the body has 2 lines, expected origin, tree size and root"));
  EXPECT_EQ(ParseCheckpointBody("o\n8\nAAAA").status(),
            Corruption("checkpoint: the body does not end with a newline"));
  EXPECT_EQ(ParseCheckpointBody("\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n").status(),
            Corruption("checkpoint: line 1: origin \"\" is empty or has a control character"));
  EXPECT_EQ(ParseCheckpointBody("o\n08\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\n").status(),
            Corruption("checkpoint: line 2: tree size \"08\" is not a decimal number without "
                       "leading zeros"));
  EXPECT_EQ(ParseCheckpointBody("o\n99999999999999999999\nAAAA\n").status(),
            Corruption("checkpoint: line 2: tree size \"99999999999999999999\" is not a decimal "
                       "number without leading zeros"));
  EXPECT_EQ(ParseCheckpointBody("o\n8\nAAAA\n").status(),
            Corruption("checkpoint: line 3: root \"AAAA\" is not base64 of 32 bytes"));
  EXPECT_EQ(ParseCheckpointBody(std::string(kBody) + "extra\n").status(),
            Corruption("checkpoint: line 5: unexpected extension line \"extra\""));
  EXPECT_EQ(ParseCheckpointBody("o\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\ntime 2026\n")
                .status(),
            Corruption("checkpoint: line 4: time \"2026\" is not YYYY-MM-DDThh:mm:ssZ"));
}

}  // namespace
}  // namespace creditbank::records
