// engine/records throughput: Ed25519 signing through the record format against raw OpenSSL, record
// verification, batch signing, and the Merkle ledger.
//
// BM_OpenSslRawSign is the bound: a bare EVP_DigestSign of 256 bytes with a loaded EVP_PKEY and a
// reused EVP_MD_CTX, the least any signed record can cost. It is the one place outside
// engine/records that calls OpenSSL, to measure the engine's overhead against the library itself.
// Compare items_per_second: per-record signing should stay within 85% of it (canonicalization,
// base64url and the proof are the overhead); batch signing should exceed 200k records/s per core.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "engine/json/json.h"
#include "engine/records/digest.h"
#include "engine/records/keys.h"
#include "engine/records/ledger.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"
#include "engine/records/signer.h"
#include "engine/records/signing.h"

namespace creditbank::records {
namespace {

// A conversion decision of realistic size: three exemptions with rule, path and credits.
json::Value DecisionBody(int i) {
  json::Value body = json::Value::Object();
  body.Set("programme", json::Value::String("CQEIT-IOT-2024"));
  body.Set("decision_date", json::Value::String("2026-11-29"));
  json::Value exemptions = json::Value::Array();
  const char* courses[] = {"IOT101", "IOT205", "SW110"};
  for (int k = 0; k < 3; ++k) {
    json::Value e = json::Value::Object();
    e.Set("course", json::Value::String(courses[k]));
    e.Set("credits", json::Value::String(std::to_string(2 + (i + k) % 3) + ".00"));
    e.Set("rule", json::Value::String("conv-1x-iot-" + std::to_string(k)));
    e.Set("outcome", json::Value::String("o" + std::to_string(i % 7 + k)));
    exemptions.Push(std::move(e));
  }
  body.Set("exemptions", std::move(exemptions));
  body.Set("total_credits", json::Value::String("9.00"));
  return body;
}

Record MakeRecord(int i) {
  StatusOr<Record> r = NewRecord(RecordType::kConversion, PseudonymFor("bank secret", "S" + std::to_string(i)),
                                 Sha256Hex("rules-2026"), {"conv-1x-iot-0", "conv-1x-iot-1", "conv-1x-iot-2"},
                                 "2026-11-29", DecisionBody(i), "");
  return std::move(r).value();
}

void BM_OpenSslRawSign(benchmark::State& state) {
  auto seed = Sha256("bm_records raw key");
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  if (pkey == nullptr || ctx == nullptr) {
    state.SkipWithError("OpenSSL key setup failed");
    return;
  }
  std::string message(256, 'r');
  unsigned char sig[64];
  for (auto _ : state) {
    size_t len = sizeof sig;
    if (EVP_MD_CTX_reset(ctx) != 1 || EVP_DigestSignInit(ctx, nullptr, nullptr, nullptr, pkey) != 1 ||
        EVP_DigestSign(ctx, sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                       message.size()) != 1) {
      state.SkipWithError("EVP_DigestSign failed");
      break;
    }
    benchmark::DoNotOptimize(sig);
  }
  EVP_MD_CTX_free(ctx);
  EVP_PKEY_free(pkey);
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OpenSslRawSign);

void BM_SignRecordPerRecord(benchmark::State& state) {
  auto signer = MakeFixedKeySigner("bm_records");
  Record record = MakeRecord(1);
  state.counters["signed_bytes"] = static_cast<double>(SigningBytes(record)->size());
  for (auto _ : state) {
    if (!SignPerRecord(record, *signer).ok()) {
      state.SkipWithError("SignPerRecord failed");
      break;
    }
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_SignRecordPerRecord);

// The record-format part of per-record signing alone: the canonical bytes to sign.
void BM_RecordSigningBytes(benchmark::State& state) {
  Record record = MakeRecord(3);
  record.issuer = MakeFixedKeySigner("bm_records")->key_id();
  size_t bytes = 0;
  for (auto _ : state) {
    StatusOr<std::string> signed_bytes = SigningBytes(record);
    bytes += signed_bytes->size();
    benchmark::DoNotOptimize(signed_bytes);
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_RecordSigningBytes);

void BM_VerifyRecordPerRecord(benchmark::State& state) {
  auto signer = MakeFixedKeySigner("bm_records");
  KeyRing keys;
  keys.SetActive(signer->public_key());
  Record record = MakeRecord(2);
  if (!SignPerRecord(record, *signer).ok()) return state.SkipWithError("SignPerRecord failed");
  for (auto _ : state) {
    if (!VerifyRecord(record, keys).ok()) {
      state.SkipWithError("VerifyRecord failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_VerifyRecordPerRecord);

// Records per second of batch signing: canonical bytes, tree, one checkpoint, every proof.
void BM_BatchSign(benchmark::State& state) {
  auto signer = MakeFixedKeySigner("bm_records");
  std::vector<Record> records;
  for (int i = 0; i < state.range(0); ++i) records.push_back(MakeRecord(i));
  BatchSigner batch(*signer, "creditbank.example/batch/bench");
  for (auto _ : state) {
    if (!batch.Sign(records, 1795928400).ok()) {
      state.SkipWithError("BatchSigner::Sign failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_BatchSign)->RangeMultiplier(4)->Range(1000, 64000)->Unit(benchmark::kMillisecond);

// Appending 256-byte entries: one leaf hash plus amortised O(1) node hashes.
void BM_LedgerAppend(benchmark::State& state) {
  std::string entry(256, 'e');
  auto ledger = std::make_unique<MerkleLedger>();
  for (auto _ : state) {
    ledger->Append(AsBytes(entry));
    if (ledger->size() == (1u << 22)) {
      state.PauseTiming();
      ledger = std::make_unique<MerkleLedger>();
      state.ResumeTiming();
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_LedgerAppend);

// Inclusion proofs for random leaves of a ledger of range(0) leaves (tree size not a power of 2).
void BM_InclusionProof(benchmark::State& state) {
  MerkleLedger ledger;
  const uint64_t n = static_cast<uint64_t>(state.range(0)) - 3;
  for (uint64_t i = 0; i < n; ++i) ledger.AppendLeafHash(Sha256(std::to_string(i)));
  std::mt19937_64 rng(7);
  for (auto _ : state) {
    auto proof = ledger.InclusionProof(rng() % n, n);
    benchmark::DoNotOptimize(proof);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_InclusionProof)->RangeMultiplier(32)->Range(1 << 10, 1 << 20);

}  // namespace
}  // namespace creditbank::records
