// engine/records throughput: Ed25519 signing through the record format against raw OpenSSL, record
// verification, batch signing, and the Merkle ledger.
//
// BM_OpenSslRawSign is the bound: a bare EVP_DigestSign of 256 bytes with a loaded EVP_PKEY and an
// EVP_MD_CTX initialised once for it and signing again (as the engine's Ed25519PrivateKey::Sign does:
// OpenSSL 3.0 allows it, and it saves EVP_DigestSignInit's cost), the least any signed record can
// cost (benchmarks/run.sh reads it by name).
// BM_OpenSslRawSignEveryCore runs the same loop on every core at once, a thread each; its
// items_per_second is per CPU second, so it is the rate of one core while all of them sign, which is
// what a `convert` over every core can have. On this project's machine it has measured from the
// same as BM_OpenSslRawSign to a fifth below it (medians of 12-25 interleaved repetitions at
// different times): two cores at once do not always sign twice as fast as one.
// BM_OpenSslRawSignRecordBytes signs, the same bare way, exactly the bytes a record's signature
// covers (record.h: a ~120-byte statement naming the id and the issuer), so the two raw figures
// show how much the message length moves the bound. BM_OpenSslRawVerify is the bound for
// BM_VerifyRecordPerRecord. These are the one place outside engine/records that calls OpenSSL,
// to measure the engine's overhead against the library itself.
// Compare items_per_second: per-record signing should stay within 85% of the raw rate (base64url
// and the proof are the overhead); batch signing should exceed 200k records/s per core.
// The machine is shared, so a ratio of two benchmarks that ran seconds apart moves with the load
// (add --benchmark_enable_random_interleaving=true). BM_SignRecordVsRawInterleaved and
// BM_VerifyRecordVsRawInterleaved alternate an engine operation and the raw one within each
// iteration and report the ratio of their CPU times (record_vs_raw), which the load cannot skew.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include <ctime>
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

json::Value Strings(std::initializer_list<std::string> items) {
  json::Value array = json::Value::Array();
  for (const std::string& s : items) array.Push(json::Value::String(s));
  return array;
}

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

// A conversion decision the size of the bank's larger ones (engine/bank's conversion bodies are
// DecisionToJson: 0.9-3.8 KB, 2.0 KB on average, for `creditbank generate --seed 1`): six
// certifications with units, five exemptions with paths, and the reasons for what was not used.
json::Value LargeDecisionBody(int i) {
  json::Value body = json::Value::Object();
  body.Set("programme", json::Value::String("CQEIT-510102"));
  body.Set("date", json::Value::String("2026-11-29"));
  body.Set("rule_set", json::Value::String(Sha256Hex("rules-2026")));
  body.Set("granted", json::Value::Number(18.5));
  body.Set("cap", json::Value::Integer(30));
  json::Value& certifications = body.Set("certifications", json::Value::Array());
  for (int k = 0; k < 6; ++k) {
    json::Value c = json::Value::Object();
    c.Set("outcome", json::Value::String("S" + std::to_string(i) + "-o" + std::to_string(k)));
    c.Set("rule", json::Value::String("rec-1x-iot-install-" + std::to_string(k)));
    c.Set("level", json::Value::Integer(3));
    c.Set("credits", json::Value::Number(2.5 + k));
    c.Set("units", Strings({"IOT-U01", "IOT-U02", "IOT-U0" + std::to_string(3 + k % 5), "NET-U11"}));
    certifications.Push(std::move(c));
  }
  json::Value& exemptions = body.Set("exemptions", json::Value::Array());
  for (int k = 0; k < 5; ++k) {
    json::Value e = json::Value::Object();
    e.Set("course", json::Value::String("510102-C" + std::to_string(10 + k)));
    e.Set("credits", json::Value::Number(3.5));
    e.Set("outcomes", Strings({"S" + std::to_string(i) + "-o" + std::to_string(k)}));
    e.Set("rule", json::Value::String("conv-1x-iot-" + std::to_string(k)));
    e.Set("path", Strings({"IOT-U01", "std:GB/T-33474", "510102-C" + std::to_string(10 + k)}));
    exemptions.Push(std::move(e));
  }
  json::Value& not_used = body.Set("not_used", json::Value::Array());
  for (int k = 0; k < 3; ++k) {
    json::Value u = json::Value::Object();
    u.Set("outcome", json::Value::String("S" + std::to_string(i) + "-x" + std::to_string(k)));
    u.Set("reason", json::Value::String("expired"));
    u.Set("detail", json::Value::String("certificate 1+X 物联网安装调试与运维 valid until 2023-06-30, "
                                        "before the decision date 2026-11-29"));
    not_used.Push(std::move(u));
  }
  json::Value& not_chosen = body.Set("not_chosen", json::Value::Array());
  for (int k = 0; k < 2; ++k) {
    json::Value n = json::Value::Object();
    n.Set("courses", Strings({"510102-C2" + std::to_string(k)}));
    n.Set("rule", json::Value::String("conv-comp-iot-" + std::to_string(k)));
    n.Set("outcomes", Strings({"S" + std::to_string(i) + "-o" + std::to_string(k)}));
    n.Set("reason", json::Value::String("cap_reached"));
    n.Set("detail", json::Value::String("the programme cap of 30.00 credits leaves 1.50 for this course"));
    not_chosen.Push(std::move(n));
  }
  return body;
}

Record MakeRecord(int i, bool large = false) {
  StatusOr<Record> r = NewRecord(RecordType::kConversion, PseudonymFor("bank secret", "S" + std::to_string(i)),
                                 Sha256Hex("rules-2026"), {"conv-1x-iot-0", "conv-1x-iot-1", "conv-1x-iot-2"},
                                 "2026-11-29", large ? LargeDecisionBody(i) : DecisionBody(i), "");
  return std::move(r).value();
}

// The bytes whose SHA-256 is the record's id (its canonical content), for the content_bytes counter.
double ContentBytes(const Record& r) {
  json::Value content = RecordToJson(r);
  json::Value out = json::Value::Object();
  for (const auto& [key, value] : content.members()) {
    if (key != "id" && key != "issuer" && key != "proof") out.Set(key, value);
  }
  return static_cast<double>(json::Canonicalize(out)->size());
}

// A bare OpenSSL Ed25519 key and a reused EVP_MD_CTX, as a caller of the library would hold them.
class RawEd25519 {
 public:
  RawEd25519() {
    Digest seed = Sha256("bm_records raw key");
    pkey_ = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
    ctx_ = EVP_MD_CTX_new();
    sign_ctx_ = EVP_MD_CTX_new();
  }
  ~RawEd25519() {
    EVP_MD_CTX_free(sign_ctx_);
    EVP_MD_CTX_free(ctx_);
    EVP_PKEY_free(pkey_);
  }
  RawEd25519(const RawEd25519&) = delete;
  RawEd25519& operator=(const RawEd25519&) = delete;

  bool ok() const { return pkey_ != nullptr && ctx_ != nullptr && sign_ctx_ != nullptr; }
  // With the context initialised once; initialised again when a call fails (an OpenSSL that refuses
  // a second use), as the engine does.
  bool Sign(const std::string& message, unsigned char (&sig)[64]) {
    if (signing_ && SignOnce(message, sig)) return true;
    signing_ = EVP_MD_CTX_reset(sign_ctx_) == 1 &&
               EVP_DigestSignInit(sign_ctx_, nullptr, nullptr, nullptr, pkey_) == 1;
    return signing_ && SignOnce(message, sig);
  }
  bool Verify(const std::string& message, const unsigned char (&sig)[64]) {
    return EVP_MD_CTX_reset(ctx_) == 1 &&
           EVP_DigestVerifyInit(ctx_, nullptr, nullptr, nullptr, pkey_) == 1 &&
           EVP_DigestVerify(ctx_, sig, sizeof sig, reinterpret_cast<const unsigned char*>(message.data()),
                            message.size()) == 1;
  }

 private:
  bool SignOnce(const std::string& message, unsigned char (&sig)[64]) {
    size_t len = sizeof sig;
    return EVP_DigestSign(sign_ctx_, sig, &len, reinterpret_cast<const unsigned char*>(message.data()),
                          message.size()) == 1;
  }

  EVP_PKEY* pkey_ = nullptr;
  EVP_MD_CTX* ctx_ = nullptr;       // verifying
  EVP_MD_CTX* sign_ctx_ = nullptr;  // signing, initialised once
  bool signing_ = false;
};

void RawSignLoop(benchmark::State& state, const std::string& message) {
  RawEd25519 raw;
  if (!raw.ok()) return state.SkipWithError("OpenSSL key setup failed");
  unsigned char sig[64];
  for (auto _ : state) {
    if (!raw.Sign(message, sig)) {
      state.SkipWithError("EVP_DigestSign failed");
      break;
    }
    benchmark::DoNotOptimize(sig);
  }
  state.counters["signed_bytes"] = benchmark::Counter(static_cast<double>(message.size()),
                                                      benchmark::Counter::kAvgThreads);
  state.SetItemsProcessed(state.iterations());
}

// The signed bytes of the record BM_SignRecordPerRecord signs (its issuer set as signing sets it).
std::string BenchRecordSignedBytes() {
  Record record = MakeRecord(1);
  record.issuer = MakeFixedKeySigner("bm_records")->key_id();
  return SigningBytes(record).value();
}

void BM_OpenSslRawSign(benchmark::State& state) { RawSignLoop(state, std::string(256, 'r')); }
BENCHMARK(BM_OpenSslRawSign);
BENCHMARK(BM_OpenSslRawSign)->Name("BM_OpenSslRawSignEveryCore")->ThreadPerCpu();

void BM_OpenSslRawSignRecordBytes(benchmark::State& state) { RawSignLoop(state, BenchRecordSignedBytes()); }
BENCHMARK(BM_OpenSslRawSignRecordBytes);

void BM_OpenSslRawVerify(benchmark::State& state) {
  RawEd25519 raw;
  std::string message(256, 'r');
  unsigned char sig[64];
  if (!raw.ok() || !raw.Sign(message, sig)) return state.SkipWithError("OpenSSL key setup failed");
  for (auto _ : state) {
    if (!raw.Verify(message, sig)) {
      state.SkipWithError("EVP_DigestVerify failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_OpenSslRawVerify);

void SignRecordLoop(benchmark::State& state, Record record) {
  auto signer = MakeFixedKeySigner("bm_records");
  record.issuer = signer->key_id();
  state.counters["signed_bytes"] = static_cast<double>(SigningBytes(record)->size());
  state.counters["content_bytes"] = ContentBytes(record);
  for (auto _ : state) {
    if (!SignPerRecord(record, *signer).ok()) {
      state.SkipWithError("SignPerRecord failed");
      break;
    }
    benchmark::DoNotOptimize(record);
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_SignRecordPerRecord(benchmark::State& state) { SignRecordLoop(state, MakeRecord(1)); }
BENCHMARK(BM_SignRecordPerRecord);

// A record the size of the bank's larger conversion decisions: signing must not depend on it.
void BM_SignRecordPerRecordLarge(benchmark::State& state) { SignRecordLoop(state, MakeRecord(1, true)); }
BENCHMARK(BM_SignRecordPerRecordLarge);

double ThreadCpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

// Runs `engine_op` and `raw_op` once each per iteration, each timed on this thread's CPU clock, and
// reports `counter` = raw CPU time / engine CPU time: the engine's rate as a fraction of the raw
// rate, measured under the same load at the same moments. items = engine operations.
template <typename EngineOp, typename RawOp>
void Interleaved(benchmark::State& state, const char* counter, EngineOp engine_op, RawOp raw_op) {
  double engine_seconds = 0, raw_seconds = 0;
  for (auto _ : state) {
    double t0 = ThreadCpuSeconds();
    if (!engine_op()) {
      state.SkipWithError("engine operation failed");
      break;
    }
    double t1 = ThreadCpuSeconds();
    if (!raw_op()) {
      state.SkipWithError("OpenSSL operation failed");
      break;
    }
    double t2 = ThreadCpuSeconds();
    engine_seconds += t1 - t0;
    raw_seconds += t2 - t1;
  }
  if (engine_seconds > 0) state.counters[counter] = raw_seconds / engine_seconds;
  state.SetItemsProcessed(state.iterations());
}

// SignPerRecord against a raw 256-byte signature (BM_OpenSslRawSign's operation).
void BM_SignRecordVsRawInterleaved(benchmark::State& state) {
  auto signer = MakeFixedKeySigner("bm_records");
  Record record = MakeRecord(1, state.range(0) == 1);
  RawEd25519 raw;
  if (!raw.ok()) return state.SkipWithError("OpenSSL key setup failed");
  const std::string message(256, 'r');
  unsigned char sig[64];
  Interleaved(
      state, "record_vs_raw", [&] { return SignPerRecord(record, *signer).ok(); },
      [&] {
        bool ok = raw.Sign(message, sig);
        benchmark::DoNotOptimize(sig);
        return ok;
      });
}
BENCHMARK(BM_SignRecordVsRawInterleaved)->ArgName("large")->Arg(0)->Arg(1);

// VerifyRecord against a raw verification of a 256-byte message (BM_OpenSslRawVerify's operation).
void BM_VerifyRecordVsRawInterleaved(benchmark::State& state) {
  auto signer = MakeFixedKeySigner("bm_records");
  KeyRing keys;
  keys.SetActive(signer->public_key());
  Record record = MakeRecord(2, state.range(0) == 1);
  RawEd25519 raw;
  const std::string message(256, 'r');
  unsigned char sig[64];
  if (!SignPerRecord(record, *signer).ok() || !raw.ok() || !raw.Sign(message, sig)) {
    return state.SkipWithError("setup failed");
  }
  Interleaved(
      state, "record_vs_raw", [&] { return VerifyRecord(record, keys).ok(); },
      [&] { return raw.Verify(message, sig); });
}
BENCHMARK(BM_VerifyRecordVsRawInterleaved)->ArgName("large")->Arg(0)->Arg(1);

// What signing no longer does per signature and NewRecord does once per record: the canonical
// content and its SHA-256 (the id).
void BM_RecordId(benchmark::State& state) {
  Record record = MakeRecord(3, state.range(0) == 1);
  state.counters["content_bytes"] = ContentBytes(record);
  for (auto _ : state) {
    StatusOr<std::string> id = ComputeRecordId(record);
    benchmark::DoNotOptimize(id);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RecordId)->ArgName("large")->Arg(0)->Arg(1);

// The record-format part of per-record signing alone: the statement to sign.
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

// Verification recomputes the id from the content (canonicalization and SHA-256), then verifies
// the signature of the short statement: compare with BM_OpenSslRawVerify.
void VerifyRecordLoop(benchmark::State& state, Record record) {
  auto signer = MakeFixedKeySigner("bm_records");
  KeyRing keys;
  keys.SetActive(signer->public_key());
  if (!SignPerRecord(record, *signer).ok()) return state.SkipWithError("SignPerRecord failed");
  state.counters["content_bytes"] = ContentBytes(record);
  for (auto _ : state) {
    if (!VerifyRecord(record, keys).ok()) {
      state.SkipWithError("VerifyRecord failed");
      break;
    }
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_VerifyRecordPerRecord(benchmark::State& state) { VerifyRecordLoop(state, MakeRecord(2)); }
BENCHMARK(BM_VerifyRecordPerRecord);

void BM_VerifyRecordPerRecordLarge(benchmark::State& state) { VerifyRecordLoop(state, MakeRecord(2, true)); }
BENCHMARK(BM_VerifyRecordPerRecordLarge);

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
