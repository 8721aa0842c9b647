#include "engine/bank/key_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "engine/records/digest.h"
#include "engine/records/keys.h"

namespace creditbank::bank {
namespace {

constexpr size_t kSecretBytes = 32;

std::string SecretPath(const std::string& dir) { return dir + "/secret"; }

bool Exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

}  // namespace

Status CreateKeysDir(const std::string& dir) {
  if (::mkdir(dir.c_str(), 0700) != 0) {
    if (errno == EEXIST) return AlreadyExists(dir + ": exists already");
    return IOError(dir + ": cannot create: " + std::strerror(errno));
  }
  // mkdir applies the umask; the directory must be exactly 0700 whatever it is.
  if (::chmod(dir.c_str(), 0700) != 0) return IOError(dir + ": chmod: " + std::strerror(errno));
  return Status::Ok();
}

Status WriteNewSecret(const std::string& dir) {
  CB_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, records::RandomBytes(kSecretBytes));
  const std::string text = records::HexEncode(bytes) + "\n";
  const std::string path = SecretPath(dir);
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    if (errno == EEXIST) return AlreadyExists(path + ": exists already");
    return IOError(path + ": cannot create: " + std::strerror(errno));
  }
  ssize_t n = ::write(fd, text.data(), text.size());
  int close_rc = ::close(fd);
  if (n != static_cast<ssize_t>(text.size()) || close_rc != 0) {
    ::unlink(path.c_str());
    return IOError(path + ": cannot write");
  }
  return Status::Ok();
}

Status KeepOrWriteSecret(const std::string& dir) {
  if (ReadSecret(dir).ok()) return Status::Ok();
  ::unlink(SecretPath(dir).c_str());
  return WriteNewSecret(dir);
}

StatusOr<std::string> ReadSecret(const std::string& dir) {
  const std::string path = SecretPath(dir);
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) {
    return FailedPrecondition(path + ": cannot read the bank secret: " + std::strerror(errno));
  }
  if ((st.st_mode & 077) != 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    return FailedPrecondition(path + ": bank secret is readable by group or others (mode " + mode + ")");
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string hex = text.str();
  while (!hex.empty() && (hex.back() == '\n' || hex.back() == '\r')) hex.pop_back();
  StatusOr<std::vector<uint8_t>> bytes = records::HexDecode(hex);
  if (!bytes.ok() || bytes->size() != kSecretBytes) {
    return Corruption(path + ": expected " + std::to_string(kSecretBytes * 2) + " hex characters");
  }
  return std::string(records::AsText(*bytes));
}

std::string IssuerKeyPath(const std::string& dir, int n) {
  return dir + "/issuer-" + std::to_string(n) + ".pem";
}

StatusOr<records::Ed25519PrivateKey> WriteNewIssuerKey(const std::string& dir) {
  CB_ASSIGN_OR_RETURN(records::Ed25519PrivateKey key, records::Ed25519PrivateKey::Generate());
  int n = 1;
  while (Exists(IssuerKeyPath(dir, n))) ++n;
  CB_RETURN_IF_ERROR(records::WritePrivateKeyFile(IssuerKeyPath(dir, n), key));
  return key;
}

StatusOr<std::vector<records::Ed25519PrivateKey>> ReadIssuerKeys(const std::string& dir) {
  std::vector<records::Ed25519PrivateKey> keys;
  for (int n = 1; Exists(IssuerKeyPath(dir, n)); ++n) {
    CB_ASSIGN_OR_RETURN(records::Ed25519PrivateKey key, records::ReadPrivateKeyFile(IssuerKeyPath(dir, n)));
    keys.push_back(std::move(key));
  }
  return keys;
}

StatusOr<records::Ed25519PrivateKey> FindIssuerKey(const std::string& dir, const std::string& key_id) {
  CB_ASSIGN_OR_RETURN(std::vector<records::Ed25519PrivateKey> keys, ReadIssuerKeys(dir));
  for (records::Ed25519PrivateKey& key : keys) {
    if (key.key_id() == key_id) return std::move(key);
  }
  return FailedPrecondition(dir + ": no private key for " + key_id);
}

}  // namespace creditbank::bank
