// The CSV learner reader (see learner_reader.h): rows grouped into learners by learner_id.
#include <array>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "engine/batch/csv_record.h"
#include "engine/batch/learner_reader.h"
#include "engine/batch/outcome_fields.h"
#include "engine/batch/readers.h"
#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

// Text in another encoding (GBK, say, as a spreadsheet saves it) reads as invalid UTF-8.
constexpr char kNotUtf8[] = "invalid UTF-8 (is the file saved as UTF-8?)";

enum Column { kLearnerId, kName, kOutcomeId, kKind, kCode, kInstitution, kGrade, kTier, kRank, kScore,
              kDate, kAwardingBody, kColumnCount };
constexpr std::array<const char*, kColumnCount> kColumnNames = {
    "learner_id", "name", "outcome_id", "kind", "code", "institution", "grade", "tier", "rank", "score",
    "date", "awarding_body"};
constexpr const char* kHeader =
    "learner_id,name,outcome_id,kind,code,institution,grade,tier,rank,score,date,awarding_body";

std::string ColumnNamer(std::string_view, std::string_view field) {
  return field == "id" ? "outcome_id" : std::string(field);
}

std::optional<std::string_view> Field(const std::string& s) {
  if (s.empty()) return std::nullopt;
  return s;
}

class CsvReader final : public LearnerReader {
 public:
  CsvReader(std::istream* in, ReaderOptions options) : records_(in), options_(options) {}

  ReadResult Next(Learner* learner, Reject* reject) override {
    for (;;) {
      if (!rejects_.empty()) {
        *reject = std::move(rejects_.front());
        rejects_.pop_front();
        return ReadResult::kReject;
      }
      if (ready_) {
        *learner = std::move(*ready_);
        line_ = ready_line_;
        text_ = std::move(ready_text_);
        ready_.reset();
        return ReadResult::kLearner;
      }
      if (done_) return ReadResult::kEnd;
      if (!header_read_) {
        if (!ReadHeader()) {
          done_ = true;
          return ReadResult::kEnd;
        }
        continue;
      }
      CsvRecord record;
      if (!records_.Next(&record)) {
        done_ = true;
        CloseGroup();
        continue;
      }
      AddRow(std::move(record));
    }
  }

  uint64_t line() const override { return line_; }
  const std::string& text() const override { return text_; }
  const Status& status() const override { return status_.ok() ? records_.status() : status_; }

 private:
  struct Row {
    uint64_t line;
    std::string text;
    std::string problem;      // "" for a good row
    bool standalone = false;  // a row that names no learner, held only to keep rejects in line order
  };

  bool ReadHeader() {
    header_read_ = true;
    CsvRecord record;
    if (!records_.Next(&record)) {
      if (records_.status().ok()) status_ = InvalidArgument(std::string("empty input: expected the header ") + kHeader);
      return false;
    }
    std::string where = "line " + std::to_string(record.line) + ": ";
    if (!record.problem.empty()) {
      status_ = InvalidArgument(where + record.problem);
      return false;
    }
    columns_.fill(-1);
    for (size_t i = 0; i < record.fields.size(); ++i) {
      const std::string& name = record.fields[i];
      size_t c = 0;
      while (c < kColumnCount && name != kColumnNames[c]) ++c;
      if (c == kColumnCount) {
        status_ = InvalidArgument(where + "unknown column \"" + name + "\" (expected " + kHeader + ")");
        return false;
      }
      if (columns_[c] >= 0) {
        status_ = InvalidArgument(where + "duplicate column \"" + name + "\"");
        return false;
      }
      columns_[c] = static_cast<int>(i);
    }
    for (size_t c = 0; c < kColumnCount; ++c) {
      if (columns_[c] < 0) {
        status_ = InvalidArgument(where + "missing column \"" + kColumnNames[c] + "\" (expected " + kHeader + ")");
        return false;
      }
    }
    records_.SetColumns(record.fields);
    return true;
  }

  const std::string& Get(const CsvRecord& r, Column c) const { return r.fields[static_cast<size_t>(columns_[c])]; }

  // A row that cannot be given to a learner. While a learner is open the reject waits with its rows,
  // so that rejects come out in line order.
  void RejectAlone(const CsvRecord& r, const std::string& problem) {
    if (group_open_) {
      rows_.push_back({r.line, r.text, problem, true});
    } else {
      rejects_.push_back({r.line, "line " + std::to_string(r.line) + ": " + problem, r.text, ""});
    }
  }

  // What is wrong with a row's learner_id, or "".
  static std::string IdProblem(const std::string& id) {
    if (id.empty()) return "learner_id: missing";
    if (!json::IsValidUtf8(id)) return std::string("learner_id: ") + kNotUtf8;
    std::string problem = LearnerIdProblem(id);
    return problem.empty() ? problem : "learner_id: " + problem;
  }

  // What is wrong with the text of a well-formed row, or "".
  std::string TextProblem(const CsvRecord& r) const {
    for (size_t c = 0; c < kColumnCount; ++c) {
      const std::string& field = Get(r, static_cast<Column>(c));
      std::string problem = json::IsValidUtf8(field) ? CsvTextProblem(field) : kNotUtf8;
      if (!problem.empty()) return std::string(kColumnNames[c]) + ": " + problem;
    }
    return "";
  }

  void AddRow(CsvRecord r) {
    // A bad row whose learner_id can still be read (its fields up to learner_id are whole) belongs to
    // that learner, and rejects it whole; only a row without one stands alone.
    const auto id_field = static_cast<size_t>(columns_[kLearnerId]);
    std::string id_problem = r.fields.size() > id_field ? IdProblem(r.fields[id_field]) : r.problem;
    if (!id_problem.empty()) return RejectAlone(r, r.problem.empty() ? id_problem : r.problem);
    const std::string& id = r.fields[id_field];
    if (!group_open_ || id != learner_.id) {
      CloseGroup();
      group_open_ = true;
      learner_ = Learner();
      learner_.id = id;
      ids_.clear();
      first_bad_ = 0;
    }
    std::string problem = r.problem.empty() ? TextProblem(r) : r.problem;
    if (!problem.empty()) {
      if (first_bad_ == 0) first_bad_ = r.line;
      rows_.push_back({r.line, std::move(r.text), std::move(problem), false});
      return;
    }
    if (learner_.name.empty()) learner_.name = Get(r, kName);
    Row row{r.line, r.text, "", false};
    bool any_outcome_field = false;
    for (size_t c = kOutcomeId; c < kColumnCount; ++c) {
      if (!Get(r, static_cast<Column>(c)).empty()) any_outcome_field = true;
    }
    if (any_outcome_field) {
      OutcomeFields f;
      f.id = Field(Get(r, kOutcomeId));
      f.kind = Field(Get(r, kKind));
      f.code = Field(Get(r, kCode));
      f.institution = Field(Get(r, kInstitution));
      f.grade = Field(Get(r, kGrade));
      f.tier = Field(Get(r, kTier));
      f.rank = Field(Get(r, kRank));
      f.score = Field(Get(r, kScore));
      f.date = Field(Get(r, kDate));
      f.awarding_body = Field(Get(r, kAwardingBody));
      Outcome o;
      Status s = BuildOutcome(f, "", ColumnNamer, options_.require_kind_fields, &o);
      if (s.ok()) {
        if (!o.id.empty() && !ids_.insert(o.id).second) {  // one without is given its id once all are read
          s = InvalidArgument("outcome_id: duplicate outcome id \"" + o.id + "\"");
        }
      }
      if (s.ok()) {
        learner_.outcomes.push_back(std::move(o));
      } else {
        row.problem = s.message();
        if (first_bad_ == 0) first_bad_ = r.line;
      }
    }
    rows_.push_back(std::move(row));
  }

  // Ends the open group: the learner becomes ready, or all its rows become rejects.
  void CloseGroup() {
    if (!group_open_) return;
    group_open_ = false;
    for (Row& row : rows_) {
      if (first_bad_ == 0 && !row.standalone) continue;
      std::string reason = "line " + std::to_string(row.line) + ": ";
      reason += row.problem.empty() ? "learner \"" + learner_.id + "\" rejected whole: its row on line " +
                                          std::to_string(first_bad_) + " was rejected"
                                    : row.problem;
      rejects_.push_back({row.line, std::move(reason), std::move(row.text), row.standalone ? "" : learner_.id});
    }
    if (first_bad_ == 0) {
      DeriveMissingOutcomeIds(&learner_.outcomes);
      ready_ = std::move(learner_);
      ready_line_ = rows_.front().line;
      ready_text_.clear();
      for (const Row& row : rows_) {
        if (row.standalone) continue;
        if (!ready_text_.empty()) ready_text_ += '\n';
        ready_text_ += row.text;
      }
    }
    rows_.clear();
  }

  CsvRecordReader records_;
  ReaderOptions options_;
  Status status_;
  bool header_read_ = false;
  bool done_ = false;
  std::array<int, kColumnCount> columns_{};

  bool group_open_ = false;
  Learner learner_;
  std::vector<Row> rows_;
  std::unordered_set<std::string> ids_;
  uint64_t first_bad_ = 0;

  std::deque<Reject> rejects_;
  std::optional<Learner> ready_;
  uint64_t ready_line_ = 0;
  std::string ready_text_;
  uint64_t line_ = 0;
  std::string text_;
};

}  // namespace

std::unique_ptr<LearnerReader> NewCsvReader(std::istream* in, ReaderOptions options) {
  return std::make_unique<CsvReader>(in, options);
}

}  // namespace creditbank::batch
