#include "engine/records/record.h"

#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "engine/records/digest.h"
#include "engine/records/signing.h"
#include "tests/records/record_fixture.h"

namespace creditbank::records {
namespace {

using namespace ::creditbank::records::testing;

TEST(RecordTest, PseudonymIsHmacOfTheLearnerId) {
  EXPECT_EQ(PseudonymFor("bank secret", "500101199001011234"), kLearner);
  EXPECT_NE(PseudonymFor("other secret", "500101199001011234"), kLearner);
}

TEST(RecordTest, IdAndSignedBytesMatchHandComputedCanonicalForms) {
  Record r = SampleRecord();
  EXPECT_EQ(r.id, kId);
  EXPECT_EQ(Sha256Hex(kContentBytes), kId);
  auto bytes = SigningBytes(r);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  EXPECT_EQ(*bytes, kSigningBytes);
  EXPECT_EQ(bytes->size(), 142u);
  // The id ignores the issuer; the signed bytes do not.
  Record other = SampleRecord("ed25519:0123456789abcdef");
  EXPECT_EQ(other.id, kId);
  EXPECT_EQ(*SigningBytes(other),
            std::string("{\"context\":\"creditbank-record-v2\",\"id\":\"") + kId +
                "\",\"issuer\":\"ed25519:0123456789abcdef\"}");
  EXPECT_EQ(RecordLabel(r.id), kLabel);
  EXPECT_EQ(RecordLabel(""), "record (no id)");
}

// The signed bytes name the content by its id only: their size does not grow with the body, and
// any change of the content reaches them through the id.
TEST(RecordTest, SignedBytesCoverTheContentThroughTheId) {
  json::Value big = SampleBody();
  big.Set("note", json::Value::String(std::string(10000, 'n')));
  Record large = *NewRecord(RecordType::kCertification, kLearner, kRuleSet, {"cert-iot-install-mid"},
                            "2026-11-29", big, kIssuer);
  ASSERT_NE(large.id, kId);
  std::string expected = kSigningBytes;
  expected.replace(expected.find(kId), 64, large.id);
  EXPECT_EQ(*SigningBytes(large), expected);
  // Content edited without recomputing the id: the signed bytes stay those of the old id (which
  // verification then rejects, see SigningTest.StaleIdIsSignedAndRejected).
  Record stale = SampleRecord();
  stale.date = "2026-11-30";
  EXPECT_EQ(*SigningBytes(stale), kSigningBytes);
  EXPECT_NE(*ComputeRecordId(stale), kId);
}

// SigningBytes and the id's content form are written by hand; they must agree with the general
// canonicalizer, also for strings that need escaping.
TEST(RecordTest, SigningBytesAgreeWithTheCanonicalizer) {
  json::Value body = SampleBody();
  body.Set("note", json::Value::String("tab\t quote\" back\\ ctl\x01 é 中"));
  body.Set("\u00e9", json::Value::Number(1e21));
  Record r = *NewRecord(RecordType::kConversion, "learner \"q\"", "rs\n", {"r\\1", "中"}, "2024-02-29",
                        body, "ed25519:\x7f");
  json::Value statement = json::Value::Object();
  statement.Set("issuer", json::Value::String(r.issuer));
  statement.Set("id", json::Value::String(r.id));
  statement.Set("context", json::Value::String(kRecordSigningContext));
  EXPECT_EQ(*SigningBytes(r), *json::Canonicalize(statement));
  EXPECT_EQ(*SigningBytes(r), std::string("{\"context\":\"creditbank-record-v2\",\"id\":\"") + r.id +
                                  "\",\"issuer\":\"ed25519:\x7f\"}");  // RFC 8785 leaves DEL unescaped
  for (std::string issuer : {"ed\"25519\\", "ed25519:\t", "密钥"}) {
    r.issuer = issuer;
    statement.Set("issuer", json::Value::String(issuer));
    EXPECT_EQ(*SigningBytes(r), *json::Canonicalize(statement)) << issuer;
  }
  json::Value whole = RecordToJson(r);
  json::Value content = json::Value::Object();
  for (const auto& [key, value] : whole.members()) {
    if (key != "id" && key != "issuer") content.Set(key, value);
  }
  EXPECT_EQ(r.id, Sha256Hex(*json::Canonicalize(content)));
}

TEST(RecordTest, JsonFormHasTheDocumentedMembers) {
  Record r = SampleRecord();
  EXPECT_EQ(json::Write(RecordToJson(r)),
            std::string("{\"type\":\"certification\",\"id\":\"") + kId + "\",\"learner\":\"" + kLearner +
                "\",\"rule_set\":\"" + kRuleSet +
                "\",\"rules\":[\"cert-iot-install-mid\"],\"date\":\"2026-11-29\",\"issuer\":\"" + kIssuer +
                "\",\"body\":{\"outcome\":\"1+X 物联网安装调试与运维 中级\",\"level\":3,\"credits\":\"4.00\"}}");
}

TEST(RecordTest, RoundTripsThroughJsonTextInBothModes) {
  auto signer = MakeFixedKeySigner("round-trip");
  Record unsigned_record = SampleRecord();
  Record per_record = unsigned_record;
  ASSERT_EQ(SignPerRecord(per_record, *signer), Status::Ok());
  std::vector<Record> batch = {SampleRecord(), SampleRecord(), SampleRecord()};
  batch[1].date = "2026-11-30";
  batch[1].id = *ComputeRecordId(batch[1]);
  ASSERT_EQ(BatchSigner(*signer, "creditbank.example/batch/1").Sign(batch, 1795928400), Status::Ok());
  for (const Record& r : {unsigned_record, per_record, batch[0], batch[1], batch[2]}) {
    std::string text = json::Write(RecordToJson(r));
    auto back = ParseRecord(text);
    ASSERT_TRUE(back.ok()) << back.status().ToString();
    EXPECT_TRUE(*back == r) << text;
    EXPECT_EQ(*SigningBytes(*back), *SigningBytes(r));
    // Canonical bytes -> record -> canonical bytes is the identity too (the body's members come
    // back sorted, so the records compare equal only through their canonical form).
    std::string canonical = *json::Canonicalize(RecordToJson(r));
    auto from_canonical = ParseRecord(canonical);
    ASSERT_TRUE(from_canonical.ok());
    EXPECT_EQ(*json::Canonicalize(RecordToJson(*from_canonical)), canonical);
    EXPECT_EQ(from_canonical->proof, r.proof);
    EXPECT_EQ(from_canonical->id, r.id);
  }
}

// CanonicalRecordText splices the stored text from the content text the id was hashed from; it
// must equal what the general canonicalizer writes for the whole record, for strings that need
// escaping, non-ASCII keys that sort by UTF-16 code units, and every kind of proof.
TEST(RecordTest, StoredTextSplicedFromTheContentEqualsTheCanonicalizer) {
  json::Value body = SampleBody();
  body.Set("note", json::Value::String("tab\t quote\" back\\ ctl\x01 é 中 😀"));
  body.Set("\U0001F600", json::Value::Integer(1));  // a surrogate pair sorts before U+FF61
  body.Set("\uFF61", json::Value::Number(1e21));
  body.Set("learner", json::Value::String("a body member named like a record member"));
  auto signer = MakeFixedKeySigner("splice");
  std::string content;
  Record r = *NewRecord(RecordType::kConversion, "learner \"q\"", "rs\n", {"r\\1", "中"}, "2024-02-29", body,
                        "", &content);
  EXPECT_EQ(r.id, Sha256Hex(content));
  std::vector<Record> forms = {r, r, r, r};
  ASSERT_EQ(SignPerRecord(forms[1], *signer), Status::Ok());
  ASSERT_EQ(BatchSigner(*signer, "creditbank.example/batch/—1").Sign(std::span<Record>(&forms[2], 1), 1795928400),
            Status::Ok());
  std::vector<Record> batch(5, r);
  ASSERT_EQ(BatchSigner(*signer, "creditbank.example/batch/2").Sign(batch), Status::Ok());
  forms[3] = batch[3];
  for (const Record& f : forms) {
    const std::string expected = *json::Canonicalize(RecordToJson(f));
    EXPECT_EQ(*CanonicalRecordText(f, content), expected);
    EXPECT_EQ(*CanonicalRecordText(f), expected);
  }
  Record other = *NewRecord(RecordType::kCertification, kLearner, kRuleSet, {"cert-iot-install-mid"}, "2026-11-29",
                            SampleBody(), kIssuer);
  EXPECT_EQ(CanonicalRecordText(other, content).status(),
            InvalidArgument(RecordLabel(other.id) + ": content text is not this record's"));
}

TEST(RecordTest, NewRecordRejectsBadFields) {
  EXPECT_EQ(NewRecord(RecordType::kConversion, kLearner, kRuleSet, {}, "2026-02-30", SampleBody(), kIssuer)
                .status(),
            InvalidArgument("record: /date: \"2026-02-30\" is not a date YYYY-MM-DD"));
  EXPECT_EQ(NewRecord(RecordType::kConversion, "", kRuleSet, {}, "2026-02-28", SampleBody(), kIssuer)
                .status(),
            InvalidArgument("record: /learner: expected a non-empty string"));
  EXPECT_EQ(NewRecord(RecordType::kConversion, kLearner, kRuleSet, {"a", ""}, "2026-02-28", SampleBody(),
                      kIssuer)
                .status(),
            InvalidArgument("record: /rules/1: expected a non-empty string"));
  EXPECT_EQ(NewRecord(RecordType::kConversion, kLearner, kRuleSet, {}, "2026-02-28", json::Value::Array(),
                      kIssuer)
                .status(),
            InvalidArgument("record: /body: expected an object"));
}

TEST(RecordTest, StrictReadingNamesTheField) {
  auto signer = MakeFixedKeySigner("strict");
  Record r = SampleRecord();
  ASSERT_EQ(SignPerRecord(r, *signer), Status::Ok());
  json::Value good = RecordToJson(r);

  struct Case {
    std::string pointer;  // member to change
    std::function<void(json::Value&)> edit;
    std::string message;
  };
  const std::string label = kLabel;
  std::vector<Case> cases = {
      {"/proof/signature",
       [](json::Value& v) {
         auto& members = v.members().back().second.members();
         members.pop_back();
       },
       label + ": missing field /proof/signature"},
      {"/type", [](json::Value& v) { v.Set("type", json::Value::String("award")); },
       label + ": /type: expected \"certification\", \"conversion\" or \"revocation\""},
      {"/id", [](json::Value& v) { v.Set("id", json::Value::String("ABC")); },
       "record ABC: /id: expected 64 lowercase hex characters"},
      {"/rules/0", [](json::Value& v) { v.Set("rules", json::Value::Array()).Push(json::Value::Integer(1)); },
       label + ": /rules/0: expected a non-empty string"},
      {"/date", [](json::Value& v) { v.Set("date", json::Value::String("29/11/2026")); },
       label + ": /date: \"29/11/2026\" is not a date YYYY-MM-DD"},
      {"/body", [](json::Value& v) { v.Set("body", json::Value::String("x")); },
       label + ": /body: expected an object"},
      {"/extra", [](json::Value& v) { v.Set("extra", json::Value::Null()); }, label + ": unexpected field /extra"},
      {"/proof/mode",
       [](json::Value& v) { v.members().back().second.Set("mode", json::Value::String("none")); },
       label + ": /proof/mode: expected \"per-record\" or \"batch\""},
      {"/proof/x", [](json::Value& v) { v.members().back().second.Set("x", json::Value::Integer(1)); },
       label + ": unexpected field /proof/x"},
      {"/", [](json::Value& v) { v = json::Value::Array(); }, "record (no id): expected a JSON object"},
  };
  for (const Case& c : cases) {
    json::Value bad = good;
    c.edit(bad);
    EXPECT_EQ(RecordFromJson(bad).status(), Corruption(c.message)) << c.pointer;
  }
  json::Value no_id = good;
  no_id.members().erase(no_id.members().begin() + 1);
  EXPECT_EQ(RecordFromJson(no_id).status(), Corruption("record (no id): missing field /id"));
  EXPECT_EQ(ParseRecord("{").status().code(), StatusCode::kCorruption);
}

// A revocation record's body is read strictly, by NewRecord and RecordFromJson alike, and it names no
// rules (bank/revoke.h).
TEST(RecordTest, RevocationRecordsHaveTheirOwnBody) {
  const RevocationBody body{kId, "证书编号有误 wrong number", "2026-11-30T09:15:00Z", 7};
  StatusOr<Record> made =
      NewRecord(RecordType::kRevocation, kLearner, kRuleSet, {}, "2026-11-30", RevocationBodyJson(body), kIssuer);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  auto signer = MakeFixedKeySigner("revocation");
  ASSERT_EQ(SignPerRecord(*made, *signer), Status::Ok());
  StatusOr<std::string> text = CanonicalRecordText(*made);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  StatusOr<Record> read = ParseRecord(*text);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  StatusOr<std::string> again = CanonicalRecordText(*read);  // member order aside, the same record
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *text);
  EXPECT_EQ(read->id, made->id);
  EXPECT_EQ(RecordTypeName(read->type), "revocation");
  StatusOr<RevocationBody> back = ReadRevocationBody(*read);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->record, kId);
  EXPECT_EQ(back->reason, "证书编号有误 wrong number");
  EXPECT_EQ(back->revoked_at, "2026-11-30T09:15:00Z");
  EXPECT_EQ(back->status_index, 7u);

  auto made_with = [&](std::vector<std::string> rules, const std::function<void(json::Value&)>& edit) {
    json::Value v = RevocationBodyJson(body);
    edit(v);
    return NewRecord(RecordType::kRevocation, kLearner, kRuleSet, std::move(rules), "2026-11-30", v, kIssuer)
        .status();
  };
  EXPECT_EQ(made_with({"REC-1"}, [](json::Value&) {}),
            InvalidArgument("record: /rules: expected none in a revocation record"));
  EXPECT_EQ(made_with({}, [](json::Value& v) { v.members().pop_back(); }),
            InvalidArgument("record: missing field /body/status_index"));
  EXPECT_EQ(made_with({}, [](json::Value& v) { v.Set("record", json::Value::String("3F2A")); }),
            InvalidArgument("record: /body/record: expected 64 lowercase hex characters"));
  EXPECT_EQ(made_with({}, [](json::Value& v) { v.Set("reason", json::Value::String("")); }),
            InvalidArgument("record: /body/reason: expected a non-empty string"));
  for (const char* time : {"2026-11-30", "2026-11-30T24:00:00Z", "2026-02-30T09:15:00Z", "2026-11-30T09:15:00"}) {
    EXPECT_EQ(made_with({}, [&](json::Value& v) { v.Set("revoked_at", json::Value::String(time)); }),
              InvalidArgument("record: /body/revoked_at: expected a time YYYY-MM-DDTHH:MM:SSZ"))
        << time;
  }
  EXPECT_EQ(made_with({}, [](json::Value& v) { v.Set("status_index", json::Value::Integer(-1)); }),
            InvalidArgument("record: /body/status_index: expected a non-negative integer"));
  EXPECT_EQ(made_with({}, [](json::Value& v) { v.Set("by", json::Value::String("registrar")); }),
            InvalidArgument("record: unexpected field /body/by"));

  // Read back from JSON, the same checks name the record.
  json::Value extra = RecordToJson(*made);
  json::Value with_by = RevocationBodyJson(body);
  with_by.Set("by", json::Value::String("registrar"));
  extra.Set("body", with_by);
  EXPECT_EQ(RecordFromJson(extra).status(), Corruption(RecordLabel(made->id) + ": unexpected field /body/by"));
  json::Value ruled = RecordToJson(*made);
  ruled.Set("rules", json::Value::Array()).Push(json::Value::String("REC-1"));
  EXPECT_EQ(RecordFromJson(ruled).status(),
            Corruption(RecordLabel(made->id) + ": /rules: expected none in a revocation record"));
}

// tests/data/records_sample.jsonl, written by the program (a certification, a conversion and a
// revocation of a bank of the sample learners) and validated against schemas/record.schema.json by
// tests/schemas/validate.mjs: each line reads as a record whose id is the hash of its content.
TEST(RecordTest, TheSampleRecordsRead) {
  std::ifstream in(CREDITBANK_SOURCE_DIR "/tests/data/records_sample.jsonl");
  ASSERT_TRUE(in.is_open());
  std::vector<RecordType> types;
  for (std::string line; std::getline(in, line);) {
    StatusOr<Record> r = ParseRecord(line);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    StatusOr<std::string> id = ComputeRecordId(*r);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_EQ(*id, r->id);
    types.push_back(r->type);
  }
  EXPECT_EQ(types, (std::vector<RecordType>{RecordType::kCertification, RecordType::kConversion,
                                            RecordType::kRevocation}));
}

}  // namespace
}  // namespace creditbank::records
