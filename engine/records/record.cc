#include "engine/records/record.h"

#include <chrono>
#include <utility>

#include "engine/records/digest.h"
#include "engine/records/merkle.h"
#include "engine/records/stored_batch.h"

namespace creditbank::records {
namespace {

constexpr size_t kLabelIdChars = 12;

bool IsLowerHex(std::string_view s, size_t size) {
  if (s.size() != size) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  int parts[3] = {0, 0, 0};
  const size_t starts[3] = {0, 5, 8}, lengths[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (size_t i = starts[p]; i < starts[p] + lengths[p]; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      parts[p] = parts[p] * 10 + (s[i] - '0');
    }
  }
  using namespace std::chrono;
  return year_month_day{year{parts[0]}, month{static_cast<unsigned>(parts[1])},
                        day{static_cast<unsigned>(parts[2])}}
      .ok();
}

json::Value StringArray(const std::vector<std::string>& items) {
  json::Value array = json::Value::Array();
  for (const std::string& s : items) array.Push(json::Value::String(s));
  return array;
}

// The record's JSON without "proof".
json::Value ContentJson(const Record& r) {
  json::Value v = json::Value::Object();
  v.Set("type", json::Value::String(std::string(RecordTypeName(r.type))));
  v.Set("id", json::Value::String(r.id));
  v.Set("learner", json::Value::String(r.learner));
  v.Set("rule_set", json::Value::String(r.rule_set));
  v.Set("rules", StringArray(r.rules));
  v.Set("date", json::Value::String(r.date));
  v.Set("issuer", json::Value::String(r.issuer));
  v.Set("body", r.body);
  return v;
}

// Appends `,"key":` (or `"key":` first in an object) and the canonical string `value`.
Status AppendMember(std::string& out, std::string_view key, std::string_view value, bool first = false) {
  out += first ? "\"" : ",\"";
  out += key;
  out += "\":";
  return json::AppendCanonicalString(value, &out);
}

// The RFC 8785 form of ContentJson(r) without "id" and "issuer" (what the id hashes), written
// directly: the top-level keys are fixed ASCII names, so their canonical order is known ("body" <
// "date" < "learner" < "rule_set" < "rules" < "type") and only the body needs the general
// canonicalizer. This avoids copying the body into a temporary object for every id.
//
// The stored form (CanonicalRecordText) puts "id" and "issuer" between "date" and "learner" and
// "proof" between "learner" and "rule_set", so the content is written in three pieces: the head
// up to "date", the learner member, and the rest.
Status AppendLearnerMember(std::string& out, const Record& r) { return AppendMember(out, "learner", r.learner); }

Status AppendContentRest(std::string& out, const Record& r) {
  CB_RETURN_IF_ERROR(AppendMember(out, "rule_set", r.rule_set));
  out += ",\"rules\":[";
  for (size_t i = 0; i < r.rules.size(); ++i) {
    if (i > 0) out += ',';
    CB_RETURN_IF_ERROR(json::AppendCanonicalString(r.rules[i], &out));
  }
  out += ']';
  CB_RETURN_IF_ERROR(AppendMember(out, "type", RecordTypeName(r.type)));
  out += '}';
  return Status::Ok();
}

// The content text with `body` as the body's canonical text.
StatusOr<std::string> CanonicalContentWithBody(const Record& r, std::string_view body) {
  std::string out;
  size_t fixed = 128 + r.date.size() + r.learner.size() + r.rule_set.size();
  for (const std::string& rule : r.rules) fixed += rule.size() + 3;
  // Room for "id", "issuer" and a per-record proof too, for CanonicalRecordText's copy.
  out.reserve(body.size() + fixed + 320);
  out += "{\"body\":";
  out += body;
  CB_RETURN_IF_ERROR(AppendMember(out, "date", r.date));
  CB_RETURN_IF_ERROR(AppendLearnerMember(out, r));
  CB_RETURN_IF_ERROR(AppendContentRest(out, r));
  return out;
}

StatusOr<std::string> CanonicalContent(const Record& r) {
  CB_ASSIGN_OR_RETURN(std::string body, json::Canonicalize(r.body));
  return CanonicalContentWithBody(r, body);
}

// The members of a batch proof after "checkpoint" and "inclusion" (or the stored form's "batch"),
// and the closing brace.
Status AppendBatchProofRest(std::string& out, const BatchProof& b) {
  CB_RETURN_IF_ERROR(AppendMember(out, "key", b.key, /*first=*/true));
  out += ",\"leaf_index\":";
  out += std::to_string(b.leaf_index);
  CB_RETURN_IF_ERROR(AppendMember(out, "mode", "batch"));
  out += ",\"tree_size\":";
  out += std::to_string(b.tree_size);
  out += '}';
  return Status::Ok();
}

// The RFC 8785 form of the "proof" object of RecordToJson: members in code-unit order.
Status AppendProof(std::string& out, const Proof& proof) {
  if (const auto* p = std::get_if<PerRecordProof>(&proof)) {
    out += '{';
    CB_RETURN_IF_ERROR(AppendMember(out, "key", p->key, /*first=*/true));
    CB_RETURN_IF_ERROR(AppendMember(out, "mode", "per-record"));
    CB_RETURN_IF_ERROR(AppendMember(out, "signature", p->signature));
    out += '}';
    return Status::Ok();
  }
  const auto& b = std::get<BatchProof>(proof);
  out += '{';
  CB_RETURN_IF_ERROR(AppendIssuedBatchSpan(b.checkpoint, b.inclusion, &out));
  return AppendBatchProofRest(out, b);
}

// Reads the members of one JSON object, reporting errors under `label` and `pointer`.
class ObjectReader {
 public:
  ObjectReader(const json::Value& object, std::string label, std::string pointer)
      : object_(object), label_(std::move(label)), pointer_(std::move(pointer)) {}

  Status Error(std::string_view key, std::string_view detail) const {
    return Corruption(label_ + ": " + json::PointerAppend(pointer_, key) + ": " + std::string(detail));
  }

  StatusOr<const json::Value*> Get(std::string_view key, json::Type type, std::string_view expected) {
    seen_.emplace_back(key);
    const json::Value* v = object_.Find(key);
    if (v == nullptr) {
      return Corruption(label_ + ": missing field " + json::PointerAppend(pointer_, key));
    }
    if (v->type() != type) return Error(key, "expected " + std::string(expected));
    return v;
  }

  StatusOr<std::string> String(std::string_view key) {
    CB_ASSIGN_OR_RETURN(const json::Value* v, Get(key, json::Type::kString, "a string"));
    if (v->AsString().empty()) return Error(key, "expected a non-empty string");
    return v->AsString();
  }

  StatusOr<uint64_t> Count(std::string_view key) {
    CB_ASSIGN_OR_RETURN(const json::Value* v, Get(key, json::Type::kNumber, "a non-negative integer"));
    std::optional<int64_t> i = v->AsInteger();
    if (!i || *i < 0) return Error(key, "expected a non-negative integer");
    return static_cast<uint64_t>(*i);
  }

  StatusOr<std::vector<std::string>> Strings(std::string_view key) {
    CB_ASSIGN_OR_RETURN(const json::Value* v, Get(key, json::Type::kArray, "an array of strings"));
    std::vector<std::string> out;
    std::string here = json::PointerAppend(pointer_, key);
    for (size_t i = 0; i < v->items().size(); ++i) {
      const json::Value& item = v->items()[i];
      if (!item.is_string() || item.AsString().empty()) {
        return Corruption(label_ + ": " + json::PointerAppend(here, i) + ": expected a non-empty string");
      }
      out.push_back(item.AsString());
    }
    return out;
  }

  // An array of standard base64 strings of 32 bytes each.
  StatusOr<std::vector<Digest>> Hashes(std::string_view key) {
    CB_ASSIGN_OR_RETURN(const json::Value* v, Get(key, json::Type::kArray, "an array of base64 hashes"));
    std::vector<Digest> out;
    out.reserve(v->items().size());
    std::string here = json::PointerAppend(pointer_, key);
    for (size_t i = 0; i < v->items().size(); ++i) {
      const json::Value& item = v->items()[i];
      StatusOr<std::vector<uint8_t>> bytes =
          item.is_string() ? Base64Decode(item.AsString()) : StatusOr<std::vector<uint8_t>>(Status());
      if (!item.is_string() || !bytes.ok() || bytes->size() != 32) {
        return Corruption(label_ + ": " + json::PointerAppend(here, i) +
                          ": expected base64 of a 32-byte hash");
      }
      Digest h;
      std::copy(bytes->begin(), bytes->end(), h.begin());
      out.push_back(h);
    }
    return out;
  }

  // Fails on the first member that no Get asked for.
  Status NoOtherFields() const {
    for (const auto& [key, value] : object_.members()) {
      bool known = false;
      for (const std::string& s : seen_) known = known || s == key;
      if (!known) return Corruption(label_ + ": unexpected field " + json::PointerAppend(pointer_, key));
    }
    return Status::Ok();
  }

 private:
  const json::Value& object_;
  std::string label_;
  std::string pointer_;
  std::vector<std::string> seen_;
};

StatusOr<Proof> ProofFromJson(const json::Value& v, const std::string& label) {
  ObjectReader in(v, label, "/proof");
  CB_ASSIGN_OR_RETURN(std::string mode, in.String("mode"));
  CB_ASSIGN_OR_RETURN(std::string key, in.String("key"));
  if (mode == "per-record") {
    PerRecordProof p;
    p.key = std::move(key);
    CB_ASSIGN_OR_RETURN(p.signature, in.String("signature"));
    CB_RETURN_IF_ERROR(in.NoOtherFields());
    return Proof(std::move(p));
  }
  if (mode == "batch") {
    BatchProof p;
    p.key = std::move(key);
    CB_ASSIGN_OR_RETURN(p.leaf_index, in.Count("leaf_index"));
    CB_ASSIGN_OR_RETURN(p.tree_size, in.Count("tree_size"));
    CB_ASSIGN_OR_RETURN(p.inclusion, in.Hashes("inclusion"));
    CB_ASSIGN_OR_RETURN(p.checkpoint, in.String("checkpoint"));
    CB_RETURN_IF_ERROR(in.NoOtherFields());
    return Proof(std::move(p));
  }
  return in.Error("mode", "expected \"per-record\" or \"batch\"");
}

Status CheckContent(const Record& r, const std::string& label, StatusCode code) {
  auto fail = [&](std::string_view pointer, std::string detail) {
    return Status(code, label + ": " + std::string(pointer) + ": " + detail);
  };
  if (r.learner.empty()) return fail("/learner", "expected a non-empty string");
  if (r.rule_set.empty()) return fail("/rule_set", "expected a non-empty string");
  for (size_t i = 0; i < r.rules.size(); ++i) {
    if (r.rules[i].empty()) return fail(json::PointerAppend("/rules", i), "expected a non-empty string");
  }
  if (!IsDate(r.date)) return fail("/date", "\"" + r.date + "\" is not a date YYYY-MM-DD");
  if (code == StatusCode::kCorruption && r.issuer.empty()) {
    return fail("/issuer", "expected a non-empty string");  // a new record gets its issuer when signed
  }
  if (!r.body.is_object()) return fail("/body", "expected an object");
  if (r.type == RecordType::kRevocation) {
    if (!r.rules.empty()) return fail("/rules", "expected none in a revocation record");
    StatusOr<RevocationBody> body = ReadRevocationBody(r);
    if (!body.ok()) return Status(code, body.status().message());
  }
  return Status::Ok();
}

// "2026-11-29T04:39:10Z", as FormatUtc writes it.
bool IsUtcTime(std::string_view s) {
  if (s.size() != 20 || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != 'Z' || !IsDate(s.substr(0, 10))) {
    return false;
  }
  const int limits[3] = {23, 59, 59};
  for (int p = 0; p < 3; ++p) {
    const char hi = s[11 + 3 * p], lo = s[12 + 3 * p];
    if (hi < '0' || hi > '9' || lo < '0' || lo > '9' || (hi - '0') * 10 + (lo - '0') > limits[p]) return false;
  }
  return true;
}

}  // namespace

json::Value RevocationBodyJson(const RevocationBody& body) {
  json::Value v = json::Value::Object();
  v.Set("record", json::Value::String(body.record));
  v.Set("reason", json::Value::String(body.reason));
  v.Set("revoked_at", json::Value::String(body.revoked_at));
  v.Set("status_index", json::Value::Integer(static_cast<int64_t>(body.status_index)));
  return v;
}

StatusOr<RevocationBody> ReadRevocationBody(const Record& record) {
  const std::string label = record.id.empty() ? "record" : RecordLabel(record.id);
  if (!record.body.is_object()) return Corruption(label + ": /body: expected an object");
  ObjectReader in(record.body, label, "/body");
  RevocationBody body;
  CB_ASSIGN_OR_RETURN(body.record, in.String("record"));
  if (!IsLowerHex(body.record, 64)) return in.Error("record", "expected 64 lowercase hex characters");
  CB_ASSIGN_OR_RETURN(body.reason, in.String("reason"));
  CB_ASSIGN_OR_RETURN(body.revoked_at, in.String("revoked_at"));
  if (!IsUtcTime(body.revoked_at)) return in.Error("revoked_at", "expected a time YYYY-MM-DDTHH:MM:SSZ");
  CB_ASSIGN_OR_RETURN(body.status_index, in.Count("status_index"));
  CB_RETURN_IF_ERROR(in.NoOtherFields());
  return body;
}

std::string_view RecordTypeName(RecordType type) {
  switch (type) {
    case RecordType::kCertification:
      return "certification";
    case RecordType::kConversion:
      return "conversion";
    case RecordType::kRevocation:
      return "revocation";
  }
  return "";
}

std::string RecordLabel(std::string_view id) {
  if (id.empty()) return "record (no id)";
  if (id.size() <= kLabelIdChars) return "record " + std::string(id);
  return "record " + std::string(id.substr(0, kLabelIdChars)) + "…";
}

std::string PseudonymFor(std::string_view bank_secret, std::string_view learner_id) {
  return HexEncode(HmacSha256(bank_secret, learner_id));
}

StatusOr<std::string> ComputeRecordId(const Record& record) {
  CB_ASSIGN_OR_RETURN(std::string canonical, CanonicalContent(record));
  return Sha256Hex(canonical);
}

StatusOr<std::string> SigningBytes(const Record& record) { return SigningBytes(record.id, record.issuer); }

StatusOr<std::string> SigningBytes(std::string_view id, std::string_view issuer) {
  // {"context":…,"id":…,"issuer":…}: the members in RFC 8785 order, written directly.
  std::string out;
  out.reserve(sizeof kRecordSigningContext + id.size() + issuer.size() + 40);
  out += '{';
  CB_RETURN_IF_ERROR(AppendMember(out, "context", kRecordSigningContext, /*first=*/true));
  CB_RETURN_IF_ERROR(AppendMember(out, "id", id));
  CB_RETURN_IF_ERROR(AppendMember(out, "issuer", issuer));
  out += '}';
  return out;
}

namespace {

// A new record's members other than its body, id and proof, checked as NewRecord documents.
StatusOr<Record> CheckedFields(RecordType type, std::string learner, std::string rule_set,
                               std::vector<std::string> rules, std::string date, std::string issuer,
                               json::Value body) {
  Record r;
  r.type = type;
  r.learner = std::move(learner);
  r.rule_set = std::move(rule_set);
  r.rules = std::move(rules);
  r.date = std::move(date);
  r.body = std::move(body);
  r.issuer = std::move(issuer);
  CB_RETURN_IF_ERROR(CheckContent(r, "record", StatusCode::kInvalidArgument));
  return r;
}

}  // namespace

StatusOr<Record> NewRecord(RecordType type, std::string learner, std::string rule_set,
                           std::vector<std::string> rules, std::string date, json::Value body,
                           std::string issuer, std::string* content) {
  CB_ASSIGN_OR_RETURN(Record r, CheckedFields(type, std::move(learner), std::move(rule_set), std::move(rules),
                                              std::move(date), std::move(issuer), std::move(body)));
  StatusOr<std::string> text = CanonicalContent(r);
  if (!text.ok()) return text.status().WithContext("record: /body");
  r.id = Sha256Hex(*text);
  if (content != nullptr) *content = std::move(text).value();
  return r;
}

namespace {

// Whether CanonicalRecordText can splice the record's text from `content`. Integers above 2^53 are
// numbers the canonicalizer writes in double form; no ledger has such a leaf index or tree size.
bool CanSplice(const Record& record, std::string_view content) {
  constexpr uint64_t kExactIntegers = uint64_t{1} << 53;
  const auto* batch = std::get_if<BatchProof>(&record.proof);
  return !content.empty() &&
         (batch == nullptr || (batch->leaf_index <= kExactIntegers && batch->tree_size <= kExactIntegers));
}

// The record's text spliced from `content` up to its proof: the content's head, "id", "issuer" and
// "learner", then `,"proof":` when it is signed. *tail receives what follows the proof (the
// content's rest), which `content` must end with.
Status AppendSplicedHead(const Record& record, std::string_view content, std::string* out, std::string* tail) {
  CB_RETURN_IF_ERROR(AppendLearnerMember(*tail, record));
  const size_t learner_size = tail->size();
  CB_RETURN_IF_ERROR(AppendContentRest(*tail, record));
  if (!content.ends_with(*tail)) {
    return InvalidArgument(RecordLabel(record.id) + ": content text is not this record's");
  }
  out->append(content.substr(0, content.size() - tail->size()));
  CB_RETURN_IF_ERROR(AppendMember(*out, "id", record.id));
  CB_RETURN_IF_ERROR(AppendMember(*out, "issuer", record.issuer));
  out->append(*tail, 0, learner_size);
  tail->erase(0, learner_size);
  if (!std::holds_alternative<std::monostate>(record.proof)) *out += ",\"proof\":";
  return Status::Ok();
}

}  // namespace

StatusOr<std::string> CanonicalRecordText(const Record& record, std::string_view content) {
  if (!CanSplice(record, content)) return json::Canonicalize(RecordToJson(record));
  const auto* batch = std::get_if<BatchProof>(&record.proof);
  std::string out, tail;
  out.reserve(content.size() + record.id.size() + record.issuer.size() + 64 +
              (batch != nullptr ? batch->checkpoint.size() + 48 * batch->inclusion.size() : 128));
  CB_RETURN_IF_ERROR(AppendSplicedHead(record, content, &out, &tail));
  if (!std::holds_alternative<std::monostate>(record.proof)) CB_RETURN_IF_ERROR(AppendProof(out, record.proof));
  out += tail;
  return out;
}

StatusOr<std::string> StoredBatchRecordTextAndLeaf(const Record& record, std::string_view content,
                                                   Digest* issued_leaf, std::string* issued) {
  const auto* batch = std::get_if<BatchProof>(&record.proof);
  if (batch == nullptr || !CanSplice(record, content)) {
    CB_ASSIGN_OR_RETURN(std::string text, CanonicalRecordText(record, content));
    *issued_leaf = LeafHash(AsBytes(text));
    CB_ASSIGN_OR_RETURN(std::string stored, StoredBatchRecordText(text, record));
    if (issued != nullptr) *issued = std::move(text);
    return stored;
  }
  // The stored text is the issued one with the span of "checkpoint" and "inclusion" replaced by
  // "batch" (stored_batch.h): the leaf hash is taken over the head, that span and the rest.
  std::string out, tail;
  out.reserve(content.size() + record.id.size() + record.issuer.size() + 192);
  CB_RETURN_IF_ERROR(AppendSplicedHead(record, content, &out, &tail));
  out += '{';
  const size_t head_size = out.size();
  std::string span;
  span.reserve(batch->checkpoint.size() + 48 * batch->inclusion.size() + 32);
  CB_RETURN_IF_ERROR(AppendIssuedBatchSpan(batch->checkpoint, batch->inclusion, &span));
  CB_RETURN_IF_ERROR(AppendStoredBatchSpan(NoteOrigin(batch->checkpoint), &out));
  const size_t rest_start = out.size();
  CB_RETURN_IF_ERROR(AppendBatchProofRest(out, *batch));
  out += tail;
  const std::string_view head = std::string_view(out).substr(0, head_size);
  const std::string_view rest = std::string_view(out).substr(rest_start);
  *issued_leaf = LeafHashOfParts(AsBytes(head), AsBytes(span), AsBytes(rest));
  if (issued != nullptr) {
    issued->clear();
    issued->reserve(head.size() + span.size() + rest.size());
    issued->append(head).append(span).append(rest);
  }
  return out;
}

StatusOr<Record> NewRecordFromCanonicalBody(RecordType type, std::string learner, std::string rule_set,
                                            std::vector<std::string> rules, std::string date,
                                            std::string_view canonical_body, std::string issuer,
                                            std::string* content) {
  CB_ASSIGN_OR_RETURN(Record r, CheckedFields(type, std::move(learner), std::move(rule_set), std::move(rules),
                                              std::move(date), std::move(issuer), json::Value::Object()));
  if (canonical_body.empty() || canonical_body.front() != '{' || canonical_body.back() != '}') {
    return InvalidArgument("record: /body: expected an object");
  }
  CB_ASSIGN_OR_RETURN(*content, CanonicalContentWithBody(r, canonical_body));
  r.id = Sha256Hex(*content);
  return r;
}

json::Value RecordToJson(const Record& record) {
  json::Value v = ContentJson(record);
  if (const auto* p = std::get_if<PerRecordProof>(&record.proof)) {
    json::Value proof = json::Value::Object();
    proof.Set("mode", json::Value::String("per-record"));
    proof.Set("key", json::Value::String(p->key));
    proof.Set("signature", json::Value::String(p->signature));
    v.Set("proof", std::move(proof));
  } else if (const auto* b = std::get_if<BatchProof>(&record.proof)) {
    json::Value proof = json::Value::Object();
    proof.Set("mode", json::Value::String("batch"));
    proof.Set("key", json::Value::String(b->key));
    proof.Set("leaf_index", json::Value::Integer(static_cast<int64_t>(b->leaf_index)));
    proof.Set("tree_size", json::Value::Integer(static_cast<int64_t>(b->tree_size)));
    json::Value inclusion = json::Value::Array();
    for (const Digest& h : b->inclusion) inclusion.Push(json::Value::String(Base64Encode(h)));
    proof.Set("inclusion", std::move(inclusion));
    proof.Set("checkpoint", json::Value::String(b->checkpoint));
    v.Set("proof", std::move(proof));
  }
  return v;
}

StatusOr<Record> RecordFromJson(const json::Value& value) {
  if (!value.is_object()) return Corruption("record (no id): expected a JSON object");
  const json::Value* id_value = value.Find("id");
  std::string label = RecordLabel(id_value != nullptr && id_value->is_string() ? id_value->AsString() : "");
  ObjectReader in(value, label, "");
  Record r;
  CB_ASSIGN_OR_RETURN(std::string type, in.String("type"));
  if (type == "certification") {
    r.type = RecordType::kCertification;
  } else if (type == "conversion") {
    r.type = RecordType::kConversion;
  } else if (type == "revocation") {
    r.type = RecordType::kRevocation;
  } else {
    return in.Error("type", "expected \"certification\", \"conversion\" or \"revocation\"");
  }
  CB_ASSIGN_OR_RETURN(r.id, in.String("id"));
  if (!IsLowerHex(r.id, 64)) return in.Error("id", "expected 64 lowercase hex characters");
  CB_ASSIGN_OR_RETURN(r.learner, in.String("learner"));
  CB_ASSIGN_OR_RETURN(r.rule_set, in.String("rule_set"));
  CB_ASSIGN_OR_RETURN(r.rules, in.Strings("rules"));
  CB_ASSIGN_OR_RETURN(r.date, in.String("date"));
  CB_ASSIGN_OR_RETURN(r.issuer, in.String("issuer"));
  CB_ASSIGN_OR_RETURN(const json::Value* body, in.Get("body", json::Type::kObject, "an object"));
  r.body = *body;
  if (value.Find("proof") != nullptr) {
    CB_ASSIGN_OR_RETURN(const json::Value* proof, in.Get("proof", json::Type::kObject, "an object"));
    CB_ASSIGN_OR_RETURN(r.proof, ProofFromJson(*proof, label));
  }
  CB_RETURN_IF_ERROR(in.NoOtherFields());
  CB_RETURN_IF_ERROR(CheckContent(r, label, StatusCode::kCorruption));
  return r;
}

StatusOr<Record> ParseRecord(std::string_view json_text) {
  StatusOr<json::Value> value = json::Parse(json_text);
  if (!value.ok()) return Corruption("record: " + value.status().message());
  return RecordFromJson(*value);
}

}  // namespace creditbank::records
