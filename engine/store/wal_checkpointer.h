// Copies a bank's write-ahead log into the database file on a thread and a connection of its own, so
// that the connection that writes does not stop for the copy and its fsyncs. Internal to engine/store
// (sqlite_store.cc).
//
// SQLite's automatic checkpoint runs inside the COMMIT that crosses its threshold, on the writing
// thread. A batch run commits about 100 MB of log at a time, and each such COMMIT then spent some 0.3 s
// copying and syncing: a fifth of a 100,000-learner batch run, during which nothing was written.
// Here, once the log holds `soft_frames` frames, a commit asks the checkpointer for a PASSIVE
// checkpoint and goes on: the pass copies what is committed while the writer writes the next
// transaction. The log can only start again from its beginning when a pass has copied all of it
// before the writer's next transaction, so once it holds `hard_frames` a commit waits for a pass that
// started after it; the passes before have copied the rest, so that one has one transaction left to
// copy. The log stays under `hard_frames` plus one transaction.
//
// Each pass also drops the database file's pages it copied from the kernel's page cache: nothing
// reads them again soon (the writer keeps its pages in its own cache), and on a virtual machine that
// hands memory back to its host a page the cache takes anew costs a fault on the host. Kept cached,
// the 3.5 GB of a 560,000-learner batch run cost 7 s of kernel time in the copy (of a 35 s run); now the
// same few pages are reused. The log's pages stay cached: the log is written again from its start.
//
// Durability is SQLite's own: a checkpoint never copies a frame of an uncommitted transaction, and the
// log is only reused once the database file is synced. A killed process leaves a log that the next
// connection reads, as with automatic checkpoints.
// Thread safety: the hook runs on the writing connection's thread; the rest is internal.
#ifndef CREDITBANK_ENGINE_STORE_WAL_CHECKPOINTER_H_
#define CREDITBANK_ENGINE_STORE_WAL_CHECKPOINTER_H_

#include <sqlite3.h>

#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "engine/base/status.h"

namespace creditbank::store {

class WalCheckpointer {
 public:
  // Installs itself as the WAL hook of `db`, the bank at `path`, in place of SQLite's automatic
  // checkpoint. REQUIRES: 0 < soft_frames <= hard_frames; the checkpointer is destroyed before `db` is
  // closed.
  static std::unique_ptr<WalCheckpointer> Install(sqlite3* db, std::string path, int soft_frames, int hard_frames);

  // Removes the hook, lets the pass under way finish, and closes its connection.
  ~WalCheckpointer();

  WalCheckpointer(const WalCheckpointer&) = delete;
  WalCheckpointer& operator=(const WalCheckpointer&) = delete;

  // Passes finished, and commits that waited for one; for tests.
  uint64_t passes() const;
  uint64_t waits() const;

 private:
  WalCheckpointer(sqlite3* db, std::string path, int soft_frames, int hard_frames);
  static int Hook(void* self, sqlite3* db, const char* schema, int frames);
  int OnCommit(int frames);
  void Loop();
  // One PASSIVE checkpoint through `connection`, opened on first use.
  Status Pass(sqlite3** connection);
  // Drops the database file's pages that a pass copied and synced from the kernel's page cache.
  static void DropCopiedPages(int database_fd);

  sqlite3* const db_;
  const std::string path_;
  const int soft_frames_;
  const int hard_frames_;

  mutable std::mutex mu_;
  std::condition_variable work_;  // requested_ > started_, or stop_
  std::condition_variable done_;  // finished_ advanced
  uint64_t requested_ = 0;        // commits that asked for a pass
  uint64_t started_ = 0;          // requested_ when the pass under way (or the last one) began
  uint64_t finished_ = 0;         // started_ of the last finished pass
  uint64_t passes_ = 0;
  uint64_t waits_ = 0;
  bool stop_ = false;
  Status failure_;                // the first failed pass; every later commit reports it
  std::thread thread_;            // started at the first request
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_WAL_CHECKPOINTER_H_
