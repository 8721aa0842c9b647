// What a bank's revocations cost the commands that read them (engine/bank/withdrawals.h, revoke.h). The
// bank: 2,600 generated learners (seed 5) converted per record for CQEIT-510102 into a SQLite bank,
// then the first certification of <revoked> of them revoked, one revocation record each.
//  BM_LoadWithdrawals/<revoked>    what `convert` does at its start: every revocation record checked
//                                  (its signature verified, on every core) and compared with the
//                                  revocations table, and each revoked learner's records read once.
//                                  items/s = revocations/s; time grows with <revoked>.
//  BM_ReloadWithdrawals/<revoked>  what a run does after a revocation made while it writes: the same
//                                  WithdrawalLoader loads again after one more revocation (not timed),
//                                  so only the new revocation record is verified and its learner read;
//                                  the others are compared with the table. Should cost a small part
//                                  of BM_LoadWithdrawals at 2,000 revocations. It runs after
//                                  BM_LoadWithdrawals and leaves the bank with 50 more revocations.
//  BM_AccountLookup/<revoked>      `account` of a learner with a revoked certification: it verifies
//                                  the revocation records of that learner's records only, but reads
//                                  (parses) every revocation record to find them, so it grows slowly
//                                  with <revoked>.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "engine/bank/account.h"
#include "engine/bank/bank.h"
#include "engine/bank/revoke.h"
#include "engine/bank/withdrawals.h"
#include "engine/base/clock.h"
#include "engine/batch/bank_convert.h"
#include "engine/batch/synthetic_intake.h"
#include "engine/convert/convert.h"
#include "engine/records/record.h"
#include "engine/rules/loader.h"

namespace creditbank::bank {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kLearners = 2600;

// A converted bank with `revoked` certifications revoked, made once per size and removed at exit.
class RevokedBank {
 public:
  static StatusOr<RevokedBank*> Get(int revoked) {
    static std::map<int, std::unique_ptr<RevokedBank>> banks;
    std::unique_ptr<RevokedBank>& bank = banks[revoked];
    if (!bank) {
      bank.reset(new RevokedBank());
      if (Status made = bank->Make(revoked); !made.ok()) {
        banks.erase(revoked);
        return made;
      }
    }
    return bank.get();
  }
  ~RevokedBank() {
    bank_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  Bank& bank() { return *bank_; }
  // Certifications not revoked yet, one per learner, in learner order; Revoke takes the next.
  StatusOr<std::string> Revoke() {
    if (next_ >= certifications_.size()) return FailedPrecondition("no certification left to revoke");
    const std::string id = certifications_[next_++];
    CB_RETURN_IF_ERROR(bank::Revoke(*bank_, id, "benchmark: issued in error").status());
    return learners_of_[id];
  }
  const std::string& revoked_learner() const { return revoked_learner_; }

 private:
  RevokedBank() = default;

  Status Make(int revoked) {
    static int counter = 0;
    dir_ = fs::temp_directory_path() /
           ("creditbank-bm-withdrawals-" + std::to_string(getpid()) + "-" + std::to_string(++counter));
    fs::create_directories(dir_);
    const std::string db = (dir_ / "bank.db").string();
    std::shared_ptr<const RuleSet> rules = rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
    if (rules == nullptr) return InvalidArgument("the shipped rules do not load");
    batch::IntakeOptions intake;
    intake.learners = kLearners;
    intake.seed = 5;
    intake.defects_per_10k = 0;
    batch::IntakeSummary summary;
    {
      std::ofstream out(dir_ / "intake.jsonl", std::ios::binary);
      CB_RETURN_IF_ERROR(batch::GenerateIntake(*rules, intake, out, &summary));
    }
    CB_ASSIGN_OR_RETURN(RuleFiles files, ReadRuleFiles(CREDITBANK_SOURCE_DIR "/rules"));
    CB_RETURN_IF_ERROR(InitBank(db, files, SystemClock()).status());
    CB_ASSIGN_OR_RETURN(bank_, Bank::Open(db, SystemClock()));
    batch::BankConvertOptions options;
    options.programme = "CQEIT-510102";
    options.date = Date::FromCivil(2025, 9, 1);
    options.input = (dir_ / "intake.jsonl").string();
    options.rejects = (dir_ / "rejects.jsonl").string();
    options.holder = "bm_withdrawals";
    CB_ASSIGN_OR_RETURN(std::shared_ptr<const RuleSet> latest, bank_->LatestRuleSet());
    Converter converter(latest);
    CB_RETURN_IF_ERROR(batch::BankConvert(*bank_, converter, options).status());
    // The first certification of each learner, in leaf order.
    std::map<std::string, bool> seen;
    CB_RETURN_IF_ERROR(bank_->store().ForEachRecord([&](const store::RecordRow& row) -> Status {
      if (row.type != records::RecordTypeName(records::RecordType::kCertification)) return Status::Ok();
      if (!seen.emplace(row.pseudonym, true).second) return Status::Ok();
      certifications_.push_back(row.id);
      learners_of_[row.id] = row.pseudonym;
      return Status::Ok();
    }));
    if (certifications_.size() < static_cast<size_t>(revoked) + 100) {
      return FailedPrecondition("the intake has certifications for only " + std::to_string(certifications_.size()) +
                                " learners");
    }
    // One learner with a revoked certification is looked up even when no other is revoked.
    CB_ASSIGN_OR_RETURN(revoked_learner_, Revoke());
    for (int i = 1; i < revoked; ++i) CB_RETURN_IF_ERROR(Revoke().status());
    return Status::Ok();
  }

  fs::path dir_;
  std::unique_ptr<Bank> bank_;
  std::vector<std::string> certifications_;
  std::map<std::string, std::string> learners_of_;  // certification id -> pseudonym
  size_t next_ = 0;
  std::string revoked_learner_;
};

void BM_LoadWithdrawals(benchmark::State& state) {
  StatusOr<RevokedBank*> bank = RevokedBank::Get(static_cast<int>(state.range(0)));
  if (!bank.ok()) return state.SkipWithError(bank.status().ToString().c_str());
  for (auto _ : state) {
    StatusOr<Withdrawals> withdrawals = LoadWithdrawals((*bank)->bank());
    if (!withdrawals.ok()) return state.SkipWithError(withdrawals.status().ToString().c_str());
    benchmark::DoNotOptimize(withdrawals->size());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
// Real time: the signatures are verified on every core.
BENCHMARK(BM_LoadWithdrawals)->Arg(1)->Arg(250)->Arg(2000)->UseRealTime()->Unit(benchmark::kMillisecond);

void BM_ReloadWithdrawals(benchmark::State& state) {
  StatusOr<RevokedBank*> bank = RevokedBank::Get(static_cast<int>(state.range(0)));
  if (!bank.ok()) return state.SkipWithError(bank.status().ToString().c_str());
  WithdrawalLoader loader;
  if (StatusOr<Withdrawals> first = loader.Load((*bank)->bank()); !first.ok()) {
    return state.SkipWithError(first.status().ToString().c_str());
  }
  for (auto _ : state) {
    state.PauseTiming();
    StatusOr<std::string> learner = (*bank)->Revoke();
    state.ResumeTiming();
    if (!learner.ok()) return state.SkipWithError(learner.status().ToString().c_str());
    StatusOr<Withdrawals> withdrawals = loader.Load((*bank)->bank());
    if (!withdrawals.ok()) return state.SkipWithError(withdrawals.status().ToString().c_str());
    if (!withdrawals->contains(*learner)) return state.SkipWithError("the new revocation withdrew nothing");
  }
}
// A fixed number of iterations: each revokes one more certification of the bank.
BENCHMARK(BM_ReloadWithdrawals)->Arg(1)->Arg(250)->Arg(2000)->Iterations(50)->UseRealTime()->Unit(
    benchmark::kMillisecond);

void BM_AccountLookup(benchmark::State& state) {
  StatusOr<RevokedBank*> bank = RevokedBank::Get(static_cast<int>(state.range(0)));
  if (!bank.ok()) return state.SkipWithError(bank.status().ToString().c_str());
  const Date on = Date::FromCivil(2026, 12, 1);
  for (auto _ : state) {
    StatusOr<Account> account = GetAccount((*bank)->bank(), (*bank)->revoked_learner(), on);
    if (!account.ok()) return state.SkipWithError(account.status().ToString().c_str());
    benchmark::DoNotOptimize(account->certifications.size());
  }
}
BENCHMARK(BM_AccountLookup)->Arg(1)->Arg(250)->Arg(2000)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace creditbank::bank
