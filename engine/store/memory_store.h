// MemoryStore: the Store held in memory, for tests and dry runs. Transactions are real: a body that
// fails leaves the store as it was.
#ifndef CREDITBANK_ENGINE_STORE_MEMORY_STORE_H_
#define CREDITBANK_ENGINE_STORE_MEMORY_STORE_H_

#include <memory>

#include "engine/store/store.h"

namespace creditbank::store {

std::unique_ptr<Store> NewMemoryStore();

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_MEMORY_STORE_H_
