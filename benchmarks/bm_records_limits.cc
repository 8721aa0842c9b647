// The SHA-256 limit: the rate at which the machine hashes a 256-byte record through engine/records'
// digest API (one OpenSSL EVP digest per call). Every record's id and ledger leaf costs at least one
// such digest; benchmarks/run.sh reports it beside BM_OpenSslRawSign (bm_records.cc) and
// BM_SqliteRawInsert (bm_store.cc) as the bounds end-to-end throughput is compared with.
//
//  BM_Sha256Record          items/s = records hashed per second on one core.
//  BM_Sha256Bytes/<bytes>   the same by message size, to show the fixed cost per call against the
//                           cost per byte.
#include <benchmark/benchmark.h>

#include <cstdint>
#include <string>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

void HashLoop(benchmark::State& state, size_t bytes) {
  std::string message(bytes, 'r');
  uint64_t folded = 0;
  for (auto _ : state) {
    Digest d = Sha256(std::string_view(message));
    folded += d[0];
    message[0] = static_cast<char>(d[1]);  // each input depends on the previous digest
  }
  benchmark::DoNotOptimize(folded);
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(bytes));
}

void BM_Sha256Record(benchmark::State& state) { HashLoop(state, 256); }
BENCHMARK(BM_Sha256Record);

void BM_Sha256Bytes(benchmark::State& state) { HashLoop(state, static_cast<size_t>(state.range(0))); }
BENCHMARK(BM_Sha256Bytes)->RangeMultiplier(8)->Range(64, 32768);

}  // namespace
}  // namespace creditbank::records
