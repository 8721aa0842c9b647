// The run lock of a bank file: an exclusive flock on "<bank path>.lock", which also holds the text
// naming the run that has it. Released when the returned RunLock is destroyed, and by the kernel
// when the process dies (SIGKILL included), so a killed run never leaves the bank locked.
// Internal to engine/store.
#ifndef CREDITBANK_ENGINE_STORE_FILE_RUN_LOCK_H_
#define CREDITBANK_ENGINE_STORE_FILE_RUN_LOCK_H_

#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/store/store.h"

namespace creditbank::store {

// FailedPrecondition "<bank path>: another batch run is writing to this bank (<holder text>)" when
// another process holds it; IOError naming the lock file when it cannot be opened or written.
StatusOr<std::unique_ptr<RunLock>> LockRunFile(const std::string& bank_path, std::string_view holder);

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_FILE_RUN_LOCK_H_
