// The JSON Lines learner reader (see learner_reader.h).
#include <memory>
#include <string>

#include "engine/batch/learner_reader.h"
#include "engine/batch/line_source.h"
#include "engine/batch/outcome_fields.h"
#include "engine/batch/readers.h"
#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

std::string PointerNamer(std::string_view base, std::string_view field) {
  if (field.empty()) return std::string(base);
  return json::PointerAppend(base, field);
}

Status WrongType(std::string_view pointer, std::string_view expected, const json::Value& v) {
  return InvalidArgument(std::string(pointer) + ": expected " + std::string(expected) + ", got " +
                         std::string(json::TypeName(v.type())));
}

// Reads one outcome object at `pointer` into *outcome. A field's pointer is only written for a
// reject reason.
Status ReadOutcome(const json::Value& v, const std::string& pointer, bool require_kind_fields,
                   Outcome* outcome) {
  if (!v.is_object()) return WrongType(pointer, "an object", v);
  OutcomeFields f;
  std::string score;  // a number's text, as written
  for (const auto& [key, value] : v.members()) {
    // An init-capture: clang before 16 cannot capture a structured binding itself.
    const auto at = [&pointer, &k = key] { return json::PointerAppend(pointer, k); };
    std::optional<std::string_view>* slot = nullptr;
    if (key == "id") slot = &f.id;
    else if (key == "kind") slot = &f.kind;
    else if (key == "code") slot = &f.code;
    else if (key == "institution") slot = &f.institution;
    else if (key == "grade") slot = &f.grade;
    else if (key == "tier") slot = &f.tier;
    else if (key == "rank") slot = &f.rank;
    else if (key == "date") slot = &f.date;
    else if (key == "awarding_body") slot = &f.awarding_body;
    else if (key == "score") {
      if (!value.is_number()) return WrongType(at(), "a number", value);
      score = value.number_text().empty() ? json::FormatNumber(value.AsDouble()) : value.number_text();
      f.score = score;
      continue;
    } else {
      return InvalidArgument(at() + ": unknown field");
    }
    if (!value.is_string()) return WrongType(at(), "a string", value);
    *slot = value.AsString();
  }
  return BuildOutcome(f, pointer, PointerNamer, require_kind_fields, outcome);
}

Status ReadLearner(const json::Value& v, bool require_kind_fields, Learner* learner) {
  if (!v.is_object()) {
    return InvalidArgument("expected a JSON object, got " + std::string(json::TypeName(v.type())));
  }
  *learner = Learner();
  const json::Value* outcomes = nullptr;
  bool has_id = false;
  for (const auto& [key, value] : v.members()) {
    const auto at = [&k = key] { return json::PointerAppend("", k); };
    if (key == "learner_id") {
      if (!value.is_string()) return WrongType(at(), "a string", value);
      if (value.AsString().empty()) return InvalidArgument(at() + ": expected a non-empty string");
      if (std::string problem = LearnerIdProblem(value.AsString()); !problem.empty()) {
        return InvalidArgument(at() + ": " + problem);
      }
      learner->id = value.AsString();
      has_id = true;
    } else if (key == "name") {
      if (!value.is_string()) return WrongType(at(), "a string", value);
      learner->name = value.AsString();
    } else if (key == "outcomes") {
      if (!value.is_array()) return WrongType(at(), "an array", value);
      outcomes = &value;
    } else {
      return InvalidArgument(at() + ": unknown field");
    }
  }
  if (!has_id) return InvalidArgument("missing \"learner_id\"");
  if (outcomes == nullptr) return InvalidArgument("missing \"outcomes\"");
  learner->outcomes.resize(outcomes->items().size());
  for (size_t i = 0; i < outcomes->items().size(); ++i) {
    const std::string pointer = json::PointerAppend("/outcomes", i);
    Outcome& o = learner->outcomes[i];
    CB_RETURN_IF_ERROR(ReadOutcome(outcomes->items()[i], pointer, require_kind_fields, &o));
    if (o.id.empty()) continue;  // derived below
    // A learner has a few outcomes: the earlier ones are compared one by one.
    for (size_t k = 0; k < i; ++k) {
      if (learner->outcomes[k].id == o.id) {
        return InvalidArgument(json::PointerAppend(pointer, "id") + ": duplicate outcome id \"" + o.id + "\"");
      }
    }
  }
  DeriveMissingOutcomeIds(&learner->outcomes);
  return Status::Ok();
}

// `id` when it can name a learner, else "".
std::string ValidLearnerId(std::string_view id) {
  return !id.empty() && json::IsValidUtf8(id) && LearnerIdProblem(id).empty() ? std::string(id) : "";
}

// The learner_id of a line rejected whole that parsed ("" when it has no valid one).
std::string ReadableLearnerId(const json::Value& v) {
  const json::Value* id = v.is_object() ? v.Find("learner_id") : nullptr;
  return id != nullptr && id->is_string() ? ValidLearnerId(id->AsString()) : "";
}

// The learner_id of a line that does not parse, or is too long to be read whole, by a plain scan for
// "learner_id", a colon and a string without escapes ("" when there is none). Found, it marks its
// learner as rejected (Reject::learner_id), so that no later line of it is decided on its own; a
// false find would only reject such a later line too.
std::string ScannedLearnerId(std::string_view text) {
  constexpr std::string_view kKey = "\"learner_id\"";
  const size_t key = text.find(kKey);
  if (key == std::string_view::npos) return "";
  size_t i = text.find_first_not_of(" \t", key + kKey.size());
  if (i == std::string_view::npos || text[i] != ':') return "";
  i = text.find_first_not_of(" \t", i + 1);
  if (i == std::string_view::npos || text[i] != '"') return "";
  const size_t end = text.find_first_of("\"\\", i + 1);
  if (end == std::string_view::npos || text[end] != '"') return "";
  return ValidLearnerId(text.substr(i + 1, end - i - 1));
}

class JsonLinesReader final : public LearnerReader {
 public:
  JsonLinesReader(std::istream* in, ReaderOptions options) : lines_(in), options_(options) {}

  ReadResult Next(Learner* learner, Reject* reject) override {
    std::string text;
    bool too_long = false;
    while (lines_.Next(&text, &too_long)) {
      if (!too_long && IsBlankJsonLine(text)) continue;
      line_ = lines_.line_number();
      text_ = text;
      return ParseJsonLearnerLine(std::move(text), line_, too_long, options_, learner, reject);
    }
    return ReadResult::kEnd;
  }

  uint64_t line() const override { return line_; }
  const std::string& text() const override { return text_; }
  const Status& status() const override { return lines_.status(); }

 private:
  LineSource lines_;
  ReaderOptions options_;
  uint64_t line_ = 0;
  std::string text_;
};

}  // namespace

bool IsBlankJsonLine(const std::string& text) { return text.find_first_not_of(" \t") == std::string::npos; }

ReadResult ParseJsonLearnerLine(std::string text, uint64_t line, bool too_long, const ReaderOptions& options,
                                Learner* learner, Reject* reject) {
  std::string prefix = "line " + std::to_string(line);
  if (too_long) {
    std::string id = ScannedLearnerId(text);
    *reject = {line, prefix + ": longer than " + std::to_string(kMaxLineBytes) + " bytes", std::move(text),
               std::move(id)};
    return ReadResult::kReject;
  }
  StatusOr<json::Value> parsed = json::Parse(text);
  Status status = parsed.ok() ? ReadLearner(*parsed, options.require_kind_fields, learner) : parsed.status();
  if (status.ok()) return ReadResult::kLearner;
  std::string message = status.message();
  // The parser counts lines within the text; here the text is one line of the file.
  if (!parsed.ok() && message.rfind("line 1, ", 0) == 0) {
    message = prefix + ", " + message.substr(8);
  } else {
    message = prefix + ": " + message;
  }
  std::string id = parsed.ok() ? ReadableLearnerId(*parsed) : ScannedLearnerId(text);
  *reject = {line, std::move(message), std::move(text), std::move(id)};
  return ReadResult::kReject;
}

std::unique_ptr<LearnerReader> NewJsonLinesReader(std::istream* in, ReaderOptions options) {
  return std::make_unique<JsonLinesReader>(in, options);
}

}  // namespace creditbank::batch
