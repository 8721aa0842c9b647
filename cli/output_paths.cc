#include "cli/output_paths.h"

#include <algorithm>
#include <system_error>
#include <utility>

namespace creditbank::cli {
namespace {

namespace fs = std::filesystem;

// The absolute path with every symbolic link in its existing part resolved and "." and ".." gone:
// two names of one file (short of hard links) come out equal, whether or not the file exists yet.
fs::path Normal(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (ec) return fs::path(path).lexically_normal();
  fs::path normal = fs::weakly_canonical(absolute, ec);
  return ec ? absolute.lexically_normal() : normal;
}

bool SameFile(const fs::path& a, const fs::path& b) {
  if (a == b) return true;
  std::error_code ec;
  return fs::equivalent(a, b, ec) && !ec;  // hard links; false when either does not exist
}

bool Inside(const fs::path& path, const fs::path& folder) {
  auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end() && p != path.end();
}

}  // namespace

void OutputGuard::Add(const std::string& path, std::string what, bool folder) {
  guarded_.push_back({Normal(path), std::move(what), folder});
}

void OutputGuard::AddBank(const std::string& db) {
  // No bank there (generate's or a dry run's default one): nothing to guard, and no output to refuse
  // as "the bank file".
  std::error_code ec;
  if (db.empty() || !fs::exists(db, ec)) return;
  Add(db, "the bank file", false);
  for (const char* suffix : {"-wal", "-shm", "-journal"}) Add(db + suffix, "one of the bank's SQLite files", false);
  Add(db + ".lock", "the bank's run lock", false);
  Add(db + ".keys", "the bank's keys folder", false);
  Add(db + ".keys", "in the bank's keys folder " + db + ".keys", true);
}

void OutputGuard::AddInput(const std::string& option, const std::string& path) {
  Add(path, "the input file (" + option + ")", false);
}

Status OutputGuard::Claim(const std::string& option, const std::string& path) {
  if (path.empty()) return InvalidArgument(option + ": expected a file name, got an empty one");
  const fs::path normal = Normal(path);
  for (const Guarded& g : guarded_) {
    if (g.folder ? Inside(normal, g.path) : SameFile(normal, g.path)) {
      return InvalidArgument(option + " " + path + ": is " + g.what + "; choose another file");
    }
  }
  Add(path, "also the " + option + " file", false);
  return Status::Ok();
}

}  // namespace creditbank::cli
