#include "engine/records/keys.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "engine/records/digest.h"
#include "engine/records/signer.h"

namespace creditbank::records {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (std::filesystem::temp_directory_path() / "cb-keys-XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST_F(KeyFileTest, WritesMode0600EvenWithPermissiveUmask) {
  Ed25519PrivateKey key = FixedTestKey("issuer-1");
  mode_t old_umask = ::umask(0);
  Status written = WritePrivateKeyFile(Path("issuer.pem"), key);
  ::umask(old_umask);
  ASSERT_EQ(written, Status::Ok());
  struct stat st;
  ASSERT_EQ(::stat(Path("issuer.pem").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  EXPECT_TRUE(S_ISREG(st.st_mode));

  std::string text = ReadAll(Path("issuer.pem"));
  EXPECT_THAT(text, ::testing::StartsWith("-----BEGIN PRIVATE KEY-----\n"));
  auto back = ReadPrivateKeyFile(Path("issuer.pem"));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->key_id(), key.key_id());
  auto seed_a = key.ExportSeed();
  auto seed_b = back->ExportSeed();
  ASSERT_TRUE(seed_a.ok() && seed_b.ok());
  EXPECT_EQ(*seed_a, *seed_b);
}

TEST_F(KeyFileTest, NeverOverwritesAnExistingFile) {
  ASSERT_EQ(WritePrivateKeyFile(Path("k.pem"), FixedTestKey("a")), Status::Ok());
  std::string before = ReadAll(Path("k.pem"));
  EXPECT_EQ(WritePrivateKeyFile(Path("k.pem"), FixedTestKey("b")),
            AlreadyExists(Path("k.pem") + ": private key file exists already"));
  EXPECT_EQ(ReadAll(Path("k.pem")), before);
}

TEST_F(KeyFileTest, RefusesAKeyFileOthersCanRead) {
  ASSERT_EQ(WritePrivateKeyFile(Path("k.pem"), FixedTestKey("a")), Status::Ok());
  ASSERT_EQ(::chmod(Path("k.pem").c_str(), 0644), 0);
  EXPECT_EQ(ReadPrivateKeyFile(Path("k.pem")).status(),
            FailedPrecondition(Path("k.pem") +
                               ": private key file is readable by group or others (mode 0644)"));
  EXPECT_EQ(ReadPrivateKeyFile(Path("missing.pem")).status(),
            NotFound(Path("missing.pem") + ": no such private key file"));
  EXPECT_EQ(WritePrivateKeyFile(Path("no/such/dir.pem"), FixedTestKey("a")),
            IOError(Path("no/such/dir.pem") + ": open: No such file or directory"));
}

TEST_F(KeyFileTest, KeyMaterialNeverAppearsInToString) {
  Ed25519PrivateKey key = FixedTestKey("secret-holder");
  auto seed = key.ExportSeed();
  auto pem = key.ExportPkcs8Pem();
  ASSERT_TRUE(seed.ok() && pem.ok());
  std::string body = pem->substr(28, 64);  // the base64 line, which embeds the seed
  std::string shown = key.ToString();
  EXPECT_EQ(shown, "Ed25519 private key " + key.key_id());
  EXPECT_THAT(shown, Not(HasSubstr(HexEncode(*seed).substr(0, 8))));
  EXPECT_THAT(shown, Not(HasSubstr(Base64Encode(*seed).substr(0, 8))));
  EXPECT_THAT(shown, Not(HasSubstr(body.substr(20, 12))));
}

TEST(KeyRingTest, RotationKeepsOldKeysForVerification) {
  Ed25519PrivateKey old_key = FixedTestKey("2025");
  Ed25519PrivateKey new_key = FixedTestKey("2026");
  KeyRing ring;
  EXPECT_EQ(ring.active_key_id(), "");
  ring.SetActive(old_key.public_key());
  EXPECT_EQ(ring.active_key_id(), old_key.key_id());
  ring.SetActive(new_key.public_key());
  EXPECT_EQ(ring.active_key_id(), new_key.key_id());
  EXPECT_EQ(ring.StateOf(old_key.key_id()), KeyRing::KeyState::kRetired);
  EXPECT_EQ(ring.StateOf(new_key.key_id()), KeyRing::KeyState::kActive);
  EXPECT_EQ(ring.StateOf("ed25519:0000000000000000"), std::nullopt);
  EXPECT_EQ(ring.size(), 2u);

  auto sig = old_key.Sign(AsBytes("signed in 2025"));
  ASSERT_TRUE(sig.ok());
  auto found = ring.Find(old_key.key_id());
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->Verify(AsBytes("signed in 2025"), *sig), Status::Ok());
  EXPECT_EQ(ring.Find("ed25519:0000000000000000").status(),
            NotFound("unknown issuer key ed25519:0000000000000000"));
}

TEST(SignerTest, FixedKeySignerIsDeterministic) {
  auto a = MakeFixedKeySigner("bench");
  auto b = MakeFixedKeySigner("bench");
  auto c = MakeFixedKeySigner("other");
  EXPECT_EQ(a->key_id(), b->key_id());
  EXPECT_NE(a->key_id(), c->key_id());
  auto sa = a->Sign(AsBytes("m"));
  auto sb = b->Sign(AsBytes("m"));
  ASSERT_TRUE(sa.ok() && sb.ok());
  EXPECT_EQ(*sa, *sb);
  EXPECT_EQ(a->public_key().Verify(AsBytes("m"), *sa), Status::Ok());
  // Pinned: the fixed key must not drift, or stored test fixtures stop verifying.
  EXPECT_EQ(a->key_id(), Ed25519KeyId(FixedTestKey("bench").public_key().raw()));
}

}  // namespace
}  // namespace creditbank::records
