#include "engine/batch/run_state.h"

#include <cstring>
#include <fstream>
#include <memory>
#include <vector>

#include "engine/batch/learner_reader.h"
#include "engine/json/json.h"
#include "engine/records/digest.h"

namespace creditbank::batch {
namespace {

json::Value PartsJson(const RunKeyParts& p, bool with_date) {
  json::Value v = json::Value::Object();
  v.Set("programme", json::Value::String(p.programme));
  if (with_date) v.Set("date", json::Value::String(p.date));
  v.Set("input", json::Value::String(p.input));
  v.Set("rule_set", json::Value::String(p.rule_set));
  v.Set("signing", json::Value::String(p.signing));
  return v;
}

std::string HashOf(const json::Value& v) {
  StatusOr<std::string> canonical = json::Canonicalize(v);
  // Strings and objects only: canonicalization cannot fail on them.
  return records::Sha256Hex(canonical.ok() ? *canonical : json::Write(v));
}

constexpr const char* kIntFields[] = {"chunk_size", "output_bytes", "rejects_bytes", "learners", "outcomes",
                                      "certified",  "rejects",      "records_signed", "records_new"};

int64_t* IntField(RunState& s, std::string_view name) {
  if (name == "chunk_size") return &s.chunk_size;
  if (name == "output_bytes") return &s.output_bytes;
  if (name == "rejects_bytes") return &s.rejects_bytes;
  if (name == "learners") return &s.learners;
  if (name == "outcomes") return &s.outcomes;
  if (name == "certified") return &s.certified;
  if (name == "rejects") return &s.rejects;
  if (name == "records_signed") return &s.records_signed;
  return &s.records_new;
}

// Counts the line ends of one block as the readers see them (line_source.h): an LF, a CRLF and a
// lone CR each end a line. *cr_pending carries a CR that ended the block before (whether an LF follows
// it is this block's first byte) and is set when this block ends with one.
// memchr finds a byte many at a time; a loop over the bytes took 60% of IdentifyFile, which runs
// before any worker starts (0.9 s of a 560,000-learner intake's 388 MB).
int64_t CountLineEnds(std::string_view text, bool* cr_pending) {
  int64_t count = 0;
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  if (*cr_pending && !text.empty() && text.front() != '\n') ++count;  // the lone CR before
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p))));
       ++p) {
    ++count;
  }
  // A CR followed by an LF is counted at the LF; one at the end waits for the next block.
  *cr_pending = false;
  for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\r', static_cast<size_t>(end - p))));
       ++p) {
    if (p + 1 == end) {
      *cr_pending = true;
    } else if (p[1] != '\n') {
      ++count;
    }
  }
  return count;
}

}  // namespace

StatusOr<InputIdentity> IdentifyFile(const std::string& path) {
  CB_ASSIGN_OR_RETURN(std::unique_ptr<std::ifstream> file, OpenInputFile(path));
  std::ifstream& in = *file;
  records::Digest digest{};
  std::vector<char> block(size_t{1} << 20);
  uint64_t size = 0;
  InputIdentity id;
  char last = '\n';
  bool cr_pending = false;
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    const size_t n = static_cast<size_t>(in.gcount());
    if (n == 0) break;
    size += n;
    id.lines += CountLineEnds(std::string_view(block.data(), n), &cr_pending);
    last = block[n - 1];
    digest = records::Sha256Parts({std::span<const uint8_t>(digest),
                                   records::AsBytes(std::string_view(block.data(), n))});
  }
  if (in.bad()) return IOError(path + ": read failed");
  if (last != '\n') ++id.lines;  // a last line without its end, or the CR that ends the file
  id.text = "file:" + path + ":" + std::to_string(size) + ":" + records::HexEncode(digest);
  return id;
}

std::string RunKey(const RunKeyParts& parts) { return HashOf(PartsJson(parts, true)); }

std::string PendingDateMetaKey(const RunKeyParts& parts) {
  return "convert.date." + HashOf(PartsJson(parts, false));
}

std::string RunStateToJson(const RunState& s) {
  json::Value v = json::Value::Object();
  v.Set("date", json::Value::String(s.date));
  RunState copy = s;
  for (const char* name : kIntFields) v.Set(name, json::Value::Integer(*IntField(copy, name)));
  v.Set("chunks", json::Value::Integer(s.chunks));
  v.Set("not_counted", json::Value::Integer(s.not_counted));
  v.Set("done", json::Value::Bool(s.done));
  if (s.output_file) v.Set("output_file", json::Value::String(*s.output_file));
  if (!s.decided_again.empty()) {
    json::Value again = json::Value::Object();
    // The map's keys are distinct: appended without Set's search.
    for (const auto& [pseudonym, conversion] : s.decided_again) {
      again.members().emplace_back(pseudonym, json::Value::String(conversion));
    }
    v.Set("decided_again", std::move(again));
  }
  return json::Write(v);
}

StatusOr<RunState> RunStateFromJson(std::string_view text) {
  StatusOr<json::Value> v = json::Parse(text);
  if (!v.ok()) return Corruption("run state: " + v.status().message());
  RunState s;
  const json::Value* date = v->Find("date");
  const json::Value* done = v->Find("done");
  if (date == nullptr || !date->is_string()) return Corruption("run state: missing field /date");
  if (done == nullptr || !done->is_bool()) return Corruption("run state: missing field /done");
  s.date = date->AsString();
  s.done = done->AsBool();
  for (const char* name : kIntFields) {
    const json::Value* f = v->Find(name);
    std::optional<int64_t> n = f != nullptr && f->is_number() ? f->AsInteger() : std::nullopt;
    if (!n) return Corruption(std::string("run state: missing field /") + name);
    *IntField(s, name) = *n;
  }
  if (s.chunk_size < 1) {
    return Corruption("run state: /chunk_size: expected a number >= 1, got " + std::to_string(s.chunk_size));
  }
  const json::Value* chunks = v->Find("chunks");
  std::optional<int64_t> n = chunks != nullptr && chunks->is_number() ? chunks->AsInteger() : std::nullopt;
  if (chunks != nullptr && (!n || *n < 0)) return Corruption("run state: /chunks: expected a number >= 0");
  s.chunks = n.value_or(-1);
  const json::Value* not_counted = v->Find("not_counted");
  std::optional<int64_t> k =
      not_counted != nullptr && not_counted->is_number() ? not_counted->AsInteger() : std::nullopt;
  if (not_counted != nullptr && (!k || *k < 0)) return Corruption("run state: /not_counted: expected a number >= 0");
  s.not_counted = k.value_or(0);
  if (const json::Value* path = v->Find("output_file")) {  // absent in a state written before it was kept
    if (!path->is_string()) return Corruption("run state: /output_file: expected a path");
    s.output_file = path->AsString();
  }
  // Absent in a state written before it was kept, and when empty.
  if (const json::Value* again = v->Find("decided_again")) {
    if (!again->is_object()) return Corruption("run state: /decided_again: expected an object");
    for (const auto& [pseudonym, conversion] : again->members()) {
      if (!conversion.is_string()) {
        return Corruption("run state: " + json::PointerAppend("/decided_again", pseudonym) + ": expected a record id");
      }
      s.decided_again.emplace(pseudonym, conversion.AsString());
    }
  }
  return s;
}

}  // namespace creditbank::batch
