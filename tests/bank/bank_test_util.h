// A bank in a temporary directory for the bank tests, with a fixed clock, the shipped rules, and a
// helper that appends signed certification records through the Bank and records APIs.
#ifndef CREDITBANK_TESTS_BANK_BANK_TEST_UTIL_H_
#define CREDITBANK_TESTS_BANK_BANK_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/bank/bank.h"
#include "engine/records/record.h"
#include "engine/records/signing.h"

namespace creditbank::bank {

// 2026-11-29T00:00:00Z.
inline constexpr int64_t kTestNow = 1795910400;

inline std::filesystem::path BankTempDir(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() /
             ("creditbank-bank-" + std::to_string(::getpid()) + "-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline RuleFiles ShippedRules() {
  StatusOr<RuleFiles> files = ReadRuleFiles(std::string(CREDITBANK_SOURCE_DIR) + "/rules");
  EXPECT_TRUE(files.ok()) << files.status().ToString();
  return files.ok() ? *files : RuleFiles();
}

// A certification record body in the shape of record_bodies.h, for learner `pseudonym`, unsigned: of
// outcome "o<n>", n >= 1.
inline records::Record Certification(Bank& bank, const std::string& pseudonym, const std::string& code, int n) {
  json::Value outcome = json::Value::Object();
  outcome.Set("id", json::Value::String("o" + std::to_string(n)));
  outcome.Set("kind", json::Value::String("certificate"));
  outcome.Set("code", json::Value::String(code));
  // Three grades in turn: records 1-3 certify three qualifications, which an account counts apart
  // (account.h); record n and n + 3 are copies of one qualification.
  const char* const kGrades[] = {"中级", "高级", "初级"};
  outcome.Set("grade", json::Value::String(kGrades[(n - 1) % 3]));
  outcome.Set("date", json::Value::String("2024-06-18"));
  json::Value body = json::Value::Object();
  body.Set("outcome", outcome);
  body.Set("rule", json::Value::String("REC-TEST-" + std::to_string(n)));
  body.Set("level", json::Value::Integer(3));
  body.Set("credits", json::Value::Integer(6));
  json::Value units = json::Value::Array();
  units.Push(json::Value::String("IOT-ICS-U01"));
  body.Set("units", units);
  body.Set("valid_until", json::Value::String("2027-06-18"));
  // The latest rule set's hash, from its row: rebuilding the rule set for each record would take
  // most of a test that appends thousands.
  StatusOr<std::optional<store::RuleSetRow>> rules = bank.store().LatestRuleSet();
  EXPECT_TRUE(rules.ok() && rules->has_value());
  StatusOr<records::Record> r =
      records::NewRecord(records::RecordType::kCertification, pseudonym, (*rules)->hash,
                         {"REC-TEST-" + std::to_string(n)}, "2026-11-29", body, "");
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : records::Record();
}

inline records::Record SignedCertification(Bank& bank, const std::string& pseudonym, const std::string& code,
                                           int n) {
  records::Record record = Certification(bank, pseudonym, code, n);
  EXPECT_TRUE(records::SignPerRecord(record, bank.signer()).ok());
  return record;
}

// Appends `count` records for one learner and writes a checkpoint; returns the record ids.
inline std::vector<std::string> AppendRecords(Bank& bank, const std::string& learner_id, int first,
                                              int count) {
  std::vector<std::string> ids;
  for (int i = first; i < first + count; ++i) {
    records::Record r = SignedCertification(bank, bank.Pseudonym(learner_id), "1X-IOT-IDO", i);
    StatusOr<bool> added = bank.AppendRecord(r, "");
    EXPECT_TRUE(added.ok() && *added) << added.status().ToString();
    ids.push_back(r.id);
  }
  StatusOr<int64_t> size = bank.WriteCheckpoint();
  EXPECT_TRUE(size.ok()) << size.status().ToString();
  return ids;
}

// Appends `count` records for one learner signed as the batch `origin`, stored as a batch run
// stores them (the batch, and each record in the stored form), and writes a checkpoint. Returns the
// record ids and, in *issued, their issued texts.
inline std::vector<std::string> AppendBatch(Bank& bank, const std::string& learner_id, int first, int count,
                                            const std::string& origin, std::vector<std::string>* issued) {
  std::vector<records::Record> recs;
  for (int i = first; i < first + count; ++i) {
    recs.push_back(Certification(bank, bank.Pseudonym(learner_id), "1X-IOT-IDO", i));
  }
  records::SignedBatch batch;
  EXPECT_EQ(records::BatchSigner(bank.signer(), origin).Sign(recs, std::nullopt, &batch), Status::Ok());
  std::vector<std::string> ids;
  Status s = bank.store().Transaction([&]() -> Status {
    CB_RETURN_IF_ERROR(bank.store().PutBatch(BatchRowOf(batch)).status());
    for (const records::Record& r : recs) {
      std::string text;
      CB_ASSIGN_OR_RETURN(store::RecordRow row, MakeStoredBatchRecordRow(r, "", "", &text));
      CB_RETURN_IF_ERROR(bank.store().AppendRecord(&row).status());
      ids.push_back(r.id);
      issued->push_back(std::move(text));
    }
    return Status::Ok();
  });
  EXPECT_EQ(s, Status::Ok());
  StatusOr<int64_t> size = bank.WriteCheckpoint();
  EXPECT_TRUE(size.ok()) << size.status().ToString();
  return ids;
}

}  // namespace creditbank::bank

#endif  // CREDITBANK_TESTS_BANK_BANK_TEST_UTIL_H_
