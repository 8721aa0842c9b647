// engine/store write throughput, and the machine's SQLite bulk-insert rate it is compared with.
//
//  BM_StoreAppendRecords/<store>/<n>  one Store::Transaction appending n signed-record rows (ledger
//                                     leaves) of realistic size; store 0 = MemoryStore, 1 = SqliteStore
//                                     on a temporary file. items/s = records/s; the cost per record
//                                     should fall as n grows (one commit per transaction) and then
//                                     stay flat.
//  BM_StoreImportLearners/<store>/<n> one transaction putting n learners of four outcomes each, the
//                                     import path.
//  BM_StoreWriterWorkload/<tx>      the writer thread of `creditbank convert` (engine/batch/bank_convert.cc,
//                                     Run::Write; its transactions hold up to 64 chunks, so this one
//                                     commits 4 times as often): transactions of 16 chunks of 256 new
//                                     learners, each learner a PutLearner, a PutOutcomes of 5 or 6 (~110-byte
//                                     bodies) and 3 or 4 AppendRecord (~650-byte certifications, then a
//                                     ~2 KB conversion), chunk by chunk (a chunk's learners, then its
//                                     outcomes, then its records), then a checkpoint, a meta and a run
//                                     row. On SqliteStore; the store is closed (timed: the close
//                                     checkpoints the WAL) and replaced (untimed) after <tx>
//                                     transactions (4 and 48; a fixed number of iterations, so that
//                                     every repetition closes the store).
//                                     items/s = learners/s; rows/s counts every row put.
//  BM_SqliteRawInsert/<n>             the limit: raw sqlite3 inserts of small rows (an integer key, a
//                                     32-byte blob, 200 bytes of text) with one prepared statement, n
//                                     per transaction, WAL mode and synchronous=NORMAL as the store
//                                     opens its file. items/s = rows/s. Like BM_OpenSslRawSign in
//                                     bm_records.cc, the one place outside engine/store that calls
//                                     SQLite, to compare the store with the library itself.
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "engine/store/memory_store.h"
#include "engine/store/sqlite_store.h"
#include "engine/store/store.h"

namespace creditbank::store {
namespace {

// Above this many rows a store is replaced (outside the timing), so that memory and the temporary
// file stay bounded however many iterations the benchmark library asks for.
constexpr int64_t kMaxRowsPerStore = 200000;

// A unique path in the temporary directory, removed (with SQLite's -wal, -shm and lock files) on
// destruction.
class TempBank {
 public:
  TempBank() {
    static int counter = 0;
    path_ = (std::filesystem::temp_directory_path() /
             ("creditbank-bm-store-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + ".db"))
                .string();
  }
  ~TempBank() {
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) {
      std::error_code ignored;
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }
  TempBank(const TempBank&) = delete;
  TempBank& operator=(const TempBank&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A fresh store of the kind state.range(0) names, with its temporary file when it has one.
struct OpenedStore {
  std::unique_ptr<TempBank> file;
  std::unique_ptr<Store> store;
};

StatusOr<OpenedStore> OpenStore(int64_t kind) {
  OpenedStore opened;
  if (kind == 0) {
    opened.store = NewMemoryStore();
    return opened;
  }
  opened.file = std::make_unique<TempBank>();
  StatusOr<std::unique_ptr<Store>> store = OpenSqliteStore(opened.file->path(), OpenMode::kCreate);
  if (!store.ok()) return store.status();
  opened.store = std::move(store).value();
  return opened;
}

// 64 lowercase hex characters that look like a SHA-256 (ids, pseudonyms and hashes are digests, and the
// store indexes them by their leading bytes): four rounds of splitmix64 over the counter and a tag.
std::string Hex64(uint64_t n, char tag) {
  uint64_t x = n * 4 + static_cast<uint64_t>(static_cast<unsigned char>(tag)) * 0x100000000ull;
  std::string hex;
  for (int i = 0; i < 4; ++i) {
    uint64_t z = (x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    char buffer[17];
    std::snprintf(buffer, sizeof buffer, "%016llx", static_cast<unsigned long long>(z));
    hex += buffer;
  }
  return hex;
}

RecordRow MakeRecordRow(uint64_t n) {
  RecordRow row;
  row.id = Hex64(n, 'r');
  row.type = n % 2 == 0 ? "certification" : "conversion";
  row.pseudonym = Hex64(n / 2, 'p');
  row.programme = n % 2 == 0 ? "" : "CQEIT-510102";
  // About the size of a signed conversion record: body, three exemptions and the proof.
  row.body = "{\"type\":\"" + row.type + "\",\"learner\":\"" + row.pseudonym +
             "\",\"body\":{\"exemptions\":[{\"course\":\"IOT101\",\"credits\":\"4.00\"},"
             "{\"course\":\"IOT205\",\"credits\":\"2.00\"},{\"course\":\"SW110\",\"credits\":\"3.00\"}]},"
             "\"proof\":{\"type\":\"DataIntegrityProof\",\"cryptosuite\":\"eddsa-jcs-2022\",\"proofValue\":\"z" +
             std::string(86, 'x') + "\"}}";
  row.leaf_hash = std::string(32, static_cast<char>(n & 0xff));
  return row;
}

// Runs `body(store)` in one transaction per benchmark iteration, each writing `rows` rows; a fresh
// store replaces the current one (untimed) before it would pass kMaxRowsPerStore rows.
template <typename Body>
void TransactionPerIteration(benchmark::State& state, int64_t kind, int64_t rows, Body body) {
  StatusOr<OpenedStore> opened = OpenStore(kind);
  if (!opened.ok()) return state.SkipWithError(opened.status().ToString().c_str());
  int64_t in_store = 0;
  for (auto _ : state) {
    if (in_store + rows > kMaxRowsPerStore) {
      state.PauseTiming();
      opened->store.reset();
      opened = OpenStore(kind);
      in_store = 0;
      state.ResumeTiming();
      if (!opened.ok()) return state.SkipWithError(opened.status().ToString().c_str());
    }
    Store& store = *opened->store;
    Status s = store.Transaction([&]() -> Status { return body(store); });
    if (!s.ok()) return state.SkipWithError(s.ToString().c_str());
    in_store += rows;
  }
}

void BM_StoreAppendRecords(benchmark::State& state) {
  const int64_t kind = state.range(0);
  const int64_t n = state.range(1);
  uint64_t next = 0;
  TransactionPerIteration(state, kind, n, [&](Store& store) -> Status {
    for (int64_t i = 0; i < n; ++i) {
      RecordRow row = MakeRecordRow(next++);
      StatusOr<bool> added = store.AppendRecord(&row);
      if (!added.ok()) return added.status();
    }
    return Status::Ok();
  });
  state.SetItemsProcessed(state.iterations() * n);
  state.SetLabel(kind == 0 ? "memory" : "sqlite");
}
BENCHMARK(BM_StoreAppendRecords)
    ->ArgNames({"store", "n"})
    ->ArgsProduct({{0, 1}, {1, 16, 256, 4096}});

void BM_StoreImportLearners(benchmark::State& state) {
  const int64_t kind = state.range(0);
  const int64_t n = state.range(1);
  uint64_t next = 0;
  TransactionPerIteration(state, kind, 5 * n, [&](Store& store) -> Status {
    for (int64_t i = 0; i < n; ++i) {
      const uint64_t l = next++;
      LearnerRow learner;
      learner.pseudonym = Hex64(l, 'p');
      learner.learner_id = "S" + std::to_string(l);
      learner.name = "张三";
      StatusOr<bool> added = store.PutLearner(&learner);
      if (!added.ok()) return added.status();
      std::vector<OutcomeRow> outcomes(4);
      for (uint64_t k = 0; k < outcomes.size(); ++k) {
        OutcomeRow& outcome = outcomes[k];
        outcome.hash = Hex64(l * 4 + k, 'o');
        outcome.pseudonym = learner.pseudonym;
        outcome.outcome_id = "o" + std::to_string(k + 1);
        outcome.body = "{\"code\":\"1X-IOT-ID\",\"date\":\"2024-06-30\",\"grade\":\"中级\",\"id\":\"" +
                       outcome.outcome_id + "\",\"kind\":\"certificate\",\"score\":\"86\"}";
      }
      StatusOr<int64_t> put = store.PutOutcomes(outcomes);
      if (!put.ok()) return put.status();
    }
    return Status::Ok();
  });
  state.SetItemsProcessed(state.iterations() * n);
  state.counters["rows/s"] =
      benchmark::Counter(static_cast<double>(state.iterations() * n * 5), benchmark::Counter::kIsRate);
  state.SetLabel(kind == 0 ? "memory" : "sqlite");
}
BENCHMARK(BM_StoreImportLearners)->ArgNames({"store", "n"})->ArgsProduct({{0, 1}, {1, 64, 1024}});

// The rows the writer thread puts for one learner of a convert run, at the sizes a real intake gives.
struct LearnerRows {
  LearnerRow learner;
  std::vector<OutcomeRow> outcomes;
  std::vector<RecordRow> records;
};

constexpr int kWorkloadChunkLearners = 256;
constexpr int kWorkloadChunksPerTransaction = 16;

// Learner `l`: 5 or 6 outcomes (5.5 on average), 2 or 3 certifications (2.9 on average) and a conversion.
LearnerRows MakeLearnerRows(uint64_t l) {
  LearnerRows rows;
  rows.learner.pseudonym = Hex64(l, 'p');
  rows.learner.learner_id = "500101200" + std::to_string(1000000 + l);
  rows.learner.name = "张三丰";
  const uint64_t outcomes = 5 + l % 2;
  for (uint64_t k = 0; k < outcomes; ++k) {
    OutcomeRow o;
    o.hash = Hex64(l * 8 + k, 'o');
    o.pseudonym = rows.learner.pseudonym;
    o.outcome_id = "o" + std::to_string(k + 1);
    o.body = "{\"code\":\"1X-IOT-ID\",\"date\":\"2024-06-30\",\"grade\":\"中级\",\"id\":\"" + o.outcome_id +
             "\",\"kind\":\"certificate\",\"score\":\"86\"}";
    rows.outcomes.push_back(std::move(o));
  }
  const uint64_t certifications = l % 10 == 0 ? 2 : 3;
  for (uint64_t k = 0; k <= certifications; ++k) {
    const bool conversion = k == certifications;
    RecordRow r;
    r.id = Hex64(l * 8 + k, 'r');
    r.type = conversion ? "conversion" : "certification";
    r.pseudonym = rows.learner.pseudonym;
    r.programme = conversion ? "CQEIT-510102" : "";
    const size_t body_size = conversion ? 2048 : 650;
    r.body = "{\"type\":\"" + r.type + "\",\"learner\":\"" + r.pseudonym + "\",\"body\":\"";
    r.body.append(body_size - r.body.size() - 2, 'x');
    r.body += "\"}";
    r.leaf_hash = std::string(32, static_cast<char>(l & 0xff));
    rows.records.push_back(std::move(r));
  }
  return rows;
}

void BM_StoreWriterWorkload(benchmark::State& state) {
  const int64_t transactions_per_store = state.range(0);
  const std::string run_key = "convert:CQEIT-510102:2024-09-01:" + std::string(64, 'k');
  const std::string frontier(33 * 20, 'f');  // the serialized ledger frontier kept in meta
  const std::string note(400, 'n');          // a signed checkpoint note
  // The rows are made before timing: the writer receives them ready from the workers.
  std::vector<std::vector<LearnerRows>> chunks(kWorkloadChunksPerTransaction);
  StatusOr<OpenedStore> opened = OpenStore(1);
  if (!opened.ok()) return state.SkipWithError(opened.status().ToString().c_str());
  uint64_t next_learner = 0;
  int64_t records = 0;
  int64_t rows = 0;
  int64_t transactions_in_store = 0;
  for (auto _ : state) {
    state.PauseTiming();
    if (transactions_in_store == transactions_per_store) {
      opened = OpenStore(1);
      transactions_in_store = 0;
      if (!opened.ok()) return state.SkipWithError(opened.status().ToString().c_str());
      records = 0;
    }
    for (auto& chunk : chunks) {
      chunk.clear();
      for (int i = 0; i < kWorkloadChunkLearners; ++i) chunk.push_back(MakeLearnerRows(next_learner++));
    }
    state.ResumeTiming();
    Store& store = *opened->store;
    Status s = store.Transaction([&]() -> Status {
      for (auto& chunk : chunks) {
        for (LearnerRows& l : chunk) {
          CB_RETURN_IF_ERROR(store.PutLearner(&l.learner).status());
          ++rows;
        }
        for (LearnerRows& l : chunk) {
          CB_RETURN_IF_ERROR(store.PutOutcomes(l.outcomes).status());
          rows += static_cast<int64_t>(l.outcomes.size());
        }
        for (LearnerRows& l : chunk) {
          for (RecordRow& r : l.records) {
            CB_ASSIGN_OR_RETURN(bool added, store.AppendRecord(&r));
            if (!added) return Internal("bench: record " + r.id + " stored twice");
            ++records;
          }
          rows += static_cast<int64_t>(l.records.size());
        }
      }
      CB_RETURN_IF_ERROR(store.PutCheckpoint({records, std::string(32, 'c'), note}));
      CB_RETURN_IF_ERROR(store.PutMeta("ledger_frontier", frontier));
      rows += 3;
      return store.PutRun({run_key, static_cast<int64_t>(next_learner), static_cast<int64_t>(next_learner), "{}"});
    });
    if (!s.ok()) return state.SkipWithError(s.ToString().c_str());
    if (++transactions_in_store == transactions_per_store) opened->store.reset();  // timed: WAL checkpoint
  }
  state.SetItemsProcessed(state.iterations() * kWorkloadChunkLearners * kWorkloadChunksPerTransaction);
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(rows), benchmark::Counter::kIsRate);
  state.SetLabel("sqlite");
}
BENCHMARK(BM_StoreWriterWorkload)->ArgName("tx")->Arg(4)->Iterations(8)->Unit(benchmark::kMillisecond);
// The same at a larger bank: 196,608 learners and ~770,000 records by the last transaction.
BENCHMARK(BM_StoreWriterWorkload)->ArgName("tx")->Arg(48)->Iterations(48)->Unit(benchmark::kMillisecond);

// sqlite3 handles closed on every path.
struct SqliteHandles {
  sqlite3* db = nullptr;
  sqlite3_stmt* insert = nullptr;
  ~SqliteHandles() {
    sqlite3_finalize(insert);
    sqlite3_close(db);
  }
};

bool Exec(sqlite3* db, const char* sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }

void BM_SqliteRawInsert(benchmark::State& state) {
  const int64_t n = state.range(0);
  TempBank file;
  SqliteHandles h;
  if (sqlite3_open(file.path().c_str(), &h.db) != SQLITE_OK ||
      !Exec(h.db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
                  "CREATE TABLE t (k INTEGER PRIMARY KEY, hash BLOB NOT NULL, body TEXT NOT NULL)") ||
      sqlite3_prepare_v2(h.db, "INSERT INTO t (k, hash, body) VALUES (?1, ?2, ?3)", -1, &h.insert,
                         nullptr) != SQLITE_OK) {
    return state.SkipWithError(h.db != nullptr ? sqlite3_errmsg(h.db) : "sqlite3_open failed");
  }
  const std::string hash(32, 'h');
  const std::string body(200, 'b');
  int64_t key = 0;
  for (auto _ : state) {
    if (key + n > kMaxRowsPerStore * 5) {
      state.PauseTiming();
      bool cleared = Exec(h.db, "DELETE FROM t");
      state.ResumeTiming();
      if (!cleared) return state.SkipWithError(sqlite3_errmsg(h.db));
      key = 0;
    }
    if (!Exec(h.db, "BEGIN")) return state.SkipWithError(sqlite3_errmsg(h.db));
    for (int64_t i = 0; i < n; ++i) {
      sqlite3_bind_int64(h.insert, 1, ++key);
      sqlite3_bind_blob(h.insert, 2, hash.data(), static_cast<int>(hash.size()), SQLITE_STATIC);
      sqlite3_bind_text(h.insert, 3, body.data(), static_cast<int>(body.size()), SQLITE_STATIC);
      if (sqlite3_step(h.insert) != SQLITE_DONE) return state.SkipWithError(sqlite3_errmsg(h.db));
      sqlite3_reset(h.insert);
    }
    if (!Exec(h.db, "COMMIT")) return state.SkipWithError(sqlite3_errmsg(h.db));
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_SqliteRawInsert)->Arg(1)->Arg(64)->Arg(4096);

}  // namespace
}  // namespace creditbank::store
