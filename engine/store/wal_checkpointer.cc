#include "engine/store/wal_checkpointer.h"

#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

#include <system_error>
#include <utility>

#include "engine/store/sqlite_statement.h"

namespace creditbank::store {

std::unique_ptr<WalCheckpointer> WalCheckpointer::Install(sqlite3* db, std::string path, int soft_frames,
                                                          int hard_frames) {
  std::unique_ptr<WalCheckpointer> c(new WalCheckpointer(db, std::move(path), soft_frames, hard_frames));
  sqlite3_wal_hook(db, &WalCheckpointer::Hook, c.get());
  return c;
}

WalCheckpointer::WalCheckpointer(sqlite3* db, std::string path, int soft_frames, int hard_frames)
    : db_(db), path_(std::move(path)), soft_frames_(soft_frames), hard_frames_(hard_frames) {}

WalCheckpointer::~WalCheckpointer() {
  sqlite3_wal_hook(db_, nullptr, nullptr);
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  work_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t WalCheckpointer::passes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return passes_;
}

uint64_t WalCheckpointer::waits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return waits_;
}

int WalCheckpointer::Hook(void* self, sqlite3* /*db*/, const char* /*schema*/, int frames) {
  return static_cast<WalCheckpointer*>(self)->OnCommit(frames);
}

int WalCheckpointer::OnCommit(int frames) {
  if (frames < soft_frames_) return SQLITE_OK;
  std::unique_lock<std::mutex> lock(mu_);
  if (!failure_.ok()) return SQLITE_IOERR;
  if (!thread_.joinable()) {
    try {
      thread_ = std::thread(&WalCheckpointer::Loop, this);
    } catch (const std::system_error&) {
      // No thread to spare: checkpoint here, as SQLite itself would.
      lock.unlock();
      const int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      return rc == SQLITE_BUSY ? SQLITE_OK : rc;
    }
  }
  const uint64_t wanted = ++requested_;
  work_.notify_one();
  if (frames >= hard_frames_) {
    ++waits_;
    done_.wait(lock, [&] { return finished_ >= wanted || !failure_.ok(); });
  }
  // The commit has happened either way; a failed pass is reported through it, so that the run stops.
  return failure_.ok() ? SQLITE_OK : SQLITE_IOERR;
}

void WalCheckpointer::Loop() {
  pthread_setname_np(pthread_self(), "cb-checkpoint");
  sqlite3* connection = nullptr;
  // Only for advice on the database file's cached pages (DropCopiedPages); -1 when it cannot be opened.
  const int database_fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    work_.wait(lock, [&] { return stop_ || requested_ > started_; });
    if (stop_) break;
    started_ = requested_;
    lock.unlock();
    Status s = Pass(&connection);
    if (s.ok()) DropCopiedPages(database_fd);
    lock.lock();
    finished_ = started_;
    ++passes_;
    if (!s.ok() && failure_.ok()) failure_ = s;
    done_.notify_all();
  }
  lock.unlock();
  sqlite3_close(connection);
  if (database_fd >= 0) ::close(database_fd);
}

void WalCheckpointer::DropCopiedPages(int database_fd) {
  if (database_fd < 0) return;
  // Advice only: when it fails, the pages stay cached, as without it. A pass syncs what it copied,
  // so the pages are clean and are dropped; a dirty page would only be queued for writing.
  (void)::posix_fadvise(database_fd, 0, 0, POSIX_FADV_DONTNEED);
}

Status WalCheckpointer::Pass(sqlite3** connection) {
  if (*connection == nullptr) {
    int rc = sqlite3_open_v2(path_.c_str(), connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      Status s = SqliteError(*connection, rc, path_ + ": cannot open for checkpoints");
      sqlite3_close(*connection);
      *connection = nullptr;
      return s;
    }
    // A connection checkpoints only once it has read the database, and so knows it is in WAL mode.
    CB_RETURN_IF_ERROR(SqliteExec(*connection, "SELECT 1 FROM sqlite_schema LIMIT 1").WithContext(path_));
  }
  int rc = sqlite3_wal_checkpoint_v2(*connection, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  // BUSY: another connection is checkpointing; the next commit asks again.
  if (rc != SQLITE_OK && rc != SQLITE_BUSY) return SqliteError(*connection, rc, path_ + ": checkpoint");
  return Status::Ok();
}

}  // namespace creditbank::store
