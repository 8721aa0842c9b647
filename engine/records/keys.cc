#include "engine/records/keys.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace creditbank::records {
namespace {

std::string Errno(const std::string& path, std::string_view op) {
  return path + ": " + std::string(op) + ": " + std::strerror(errno);
}

std::string OctalMode(mode_t mode) {
  char text[8];
  std::snprintf(text, sizeof text, "%04o", static_cast<unsigned>(mode & 07777));
  return text;
}

// Closes the descriptor on every path out of a function.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  ~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  int get() const { return fd_; }
  // Closes now, reporting the result (close can report a delayed write error).
  int Close() {
    int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }

 private:
  int fd_;
};

}  // namespace

Status WritePrivateKeyFile(const std::string& path, const Ed25519PrivateKey& key) {
  CB_ASSIGN_OR_RETURN(std::string pem, key.ExportPkcs8Pem());
  // Written whole under another name, then linked to its own: a process killed while writing leaves
  // only "<path>.tmp" behind (removed by the next write), never a short key file under the name
  // that readers look for. link() fails when `path` exists, so no key file is ever replaced.
  const std::string tmp = path + ".tmp";
  if (::access(path.c_str(), F_OK) == 0) return AlreadyExists(path + ": private key file exists already");
  ::unlink(tmp.c_str());
  FileDescriptor fd(::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600));
  if (fd.get() < 0) return IOError(Errno(path, "open"));
  size_t written = 0;
  while (written < pem.size()) {
    ssize_t n = ::write(fd.get(), pem.data() + written, pem.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      Status error = IOError(Errno(path, "write"));
      ::unlink(tmp.c_str());
      return error;
    }
    written += static_cast<size_t>(n);
  }
  std::fill(pem.begin(), pem.end(), '\0');
  if (::fsync(fd.get()) != 0 || fd.Close() != 0) {
    Status error = IOError(Errno(path, "fsync/close"));
    ::unlink(tmp.c_str());
    return error;
  }
  if (::link(tmp.c_str(), path.c_str()) != 0) {
    const int error = errno;
    ::unlink(tmp.c_str());
    if (error == EEXIST) return AlreadyExists(path + ": private key file exists already");
    errno = error;
    return IOError(Errno(path, "link"));
  }
  ::unlink(tmp.c_str());
  return Status::Ok();
}

StatusOr<Ed25519PrivateKey> ReadPrivateKeyFile(const std::string& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) {
    if (errno == ENOENT) return NotFound(path + ": no such private key file");
    return IOError(Errno(path, "open"));
  }
  struct stat st;
  if (::fstat(fd.get(), &st) != 0) return IOError(Errno(path, "fstat"));
  if ((st.st_mode & 077) != 0) {
    return FailedPrecondition(path + ": private key file is readable by group or others (mode " +
                              OctalMode(st.st_mode) + ")");
  }
  std::string pem;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IOError(Errno(path, "read"));
    if (n == 0) break;
    pem.append(buffer, static_cast<size_t>(n));
  }
  std::fill(buffer, buffer + sizeof buffer, '\0');
  StatusOr<Ed25519PrivateKey> key = Ed25519PrivateKey::FromPkcs8Pem(pem);
  std::fill(pem.begin(), pem.end(), '\0');
  if (!key.ok()) return key.status().WithContext(path);
  return key;
}

void KeyRing::AddRetired(const Ed25519PublicKey& key) { keys_.emplace(key.key_id(), key); }

void KeyRing::SetActive(const Ed25519PublicKey& key) {
  keys_.emplace(key.key_id(), key);
  active_ = key.key_id();
}

StatusOr<Ed25519PublicKey> KeyRing::Find(std::string_view key_id) const {
  auto it = keys_.find(key_id);
  if (it == keys_.end()) return NotFound("unknown issuer key " + std::string(key_id));
  return it->second;
}

std::optional<KeyRing::KeyState> KeyRing::StateOf(std::string_view key_id) const {
  if (keys_.find(key_id) == keys_.end()) return std::nullopt;
  return key_id == active_ ? KeyState::kActive : KeyState::kRetired;
}

std::vector<std::string> KeyRing::KeyIds() const {
  std::vector<std::string> ids;
  ids.reserve(keys_.size());
  for (const auto& [id, key] : keys_) ids.push_back(id);
  return ids;
}

}  // namespace creditbank::records
