#include "engine/store/file_run_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace creditbank::store {
namespace {

class FileRunLock : public RunLock {
 public:
  explicit FileRunLock(int fd) : fd_(fd) {}
  ~FileRunLock() override {
    flock(fd_, LOCK_UN);
    close(fd_);
  }

 private:
  int fd_;
};

}  // namespace

StatusOr<std::unique_ptr<RunLock>> LockRunFile(const std::string& bank_path, std::string_view holder) {
  // Beside the file itself, whatever symbolic link names it, so that two names of one bank share one
  // lock. (Two hard links would not; a bank is not meant to have them.)
  std::error_code ec;
  const std::filesystem::path real = std::filesystem::canonical(bank_path, ec);
  const std::string lock_path = (ec ? bank_path : real.string()) + ".lock";
  int fd = open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0) return IOError(lock_path + ": cannot open the run lock: " + std::strerror(errno));
  if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
    char buf[256] = {0};
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    std::string other = n > 0 ? std::string(buf, static_cast<size_t>(n)) : "unknown";
    return FailedPrecondition(bank_path + ": another batch run is writing to this bank (" + other + ")");
  }
  std::string text(holder);
  if (ftruncate(fd, 0) != 0 || pwrite(fd, text.data(), text.size(), 0) < 0) {
    const int error = errno;
    close(fd);
    return IOError(lock_path + ": cannot write the run lock: " + std::strerror(error));
  }
  return std::unique_ptr<RunLock>(new FileRunLock(fd));
}

}  // namespace creditbank::store
