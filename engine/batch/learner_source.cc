#include "engine/batch/learner_source.h"

#include <fstream>
#include <utility>
#include <vector>

#include "engine/bank/outcome_json.h"
#include "engine/batch/line_source.h"
#include "engine/batch/readers.h"
#include "engine/json/json.h"
#include "engine/store/current_outcomes.h"

namespace creditbank::batch {
namespace {

// A file read item by item (each a learner or a reject), continuing after the items an earlier run
// committed.
class FileItemSource : public LearnerSource {
 public:
  explicit FileItemSource(int64_t items) : items_(items) {}

  // `seen`, when given, gets the learners of the skipped items.
  Status Skip(int64_t n, SeenLearners* seen) {
    WorkItem scratch;
    for (int64_t i = 0; i < n; ++i) {
      if (!Next(&scratch)) {
        if (!status().ok()) return status();
        return FailedPrecondition("convert: the input has fewer items (" + std::to_string(i) +
                                  ") than the run already committed (" + std::to_string(n) + ")");
      }
      if (seen == nullptr) continue;
      ParseItem(&scratch);
      if (scratch.is_reject) {
        seen->NoteRejected(&scratch.reject);
      } else {
        seen->Seen(scratch.learner.id);
      }
    }
    return Status::Ok();
  }

  Status Fill(size_t n, WorkChunk* chunk, bool* end) override {
    if (chunk->items.size() < n) chunk->items.resize(n);
    *end = false;
    while (chunk->used < n) {
      if (!Next(&chunk->items[chunk->used])) {
        *end = true;
        break;
      }
      ++chunk->used;
      ++items_;
    }
    chunk->last_seq = items_;
    chunk->import_learners = true;
    return status();
  }

 protected:
  // Reads the next item into *item; false at the end of input or on a read error (status() says).
  virtual bool Next(WorkItem* item) = 0;
  virtual const Status& status() const = 0;

 private:
  int64_t items_;
};

// Any learner file, parsed by its reader as it is read.
class FileSource final : public FileItemSource {
 public:
  FileSource(std::unique_ptr<LearnerReader> reader, int64_t items)
      : FileItemSource(items), reader_(std::move(reader)) {}

 private:
  bool Next(WorkItem* item) override {
    ReadResult r = reader_->Next(&item->learner, &item->reject);
    if (r == ReadResult::kEnd) return false;
    item->line = reader_->line();
    item->unparsed = false;
    item->is_reject = r == ReadResult::kReject;
    if (!item->is_reject) item->text = reader_->text();
    return true;
  }
  const Status& status() const override { return reader_->status(); }

  std::unique_ptr<LearnerReader> reader_;
};

// A JSON Lines file read line by line; the workers parse the lines (WorkItem::unparsed), so the
// items are the same as FileSource over a JSON Lines reader would give.
class JsonLinesSource final : public FileItemSource {
 public:
  JsonLinesSource(const std::string& path, std::unique_ptr<std::ifstream> file, int64_t items)
      : FileItemSource(items), file_(std::move(file)), lines_(file_.get()), status_(path) {}

 private:
  bool Next(WorkItem* item) override {
    while (lines_.Next(&item->text, &item->too_long)) {
      if (item->too_long || !IsBlankJsonLine(item->text)) {
        item->unparsed = true;
        item->is_reject = false;
        item->line = lines_.line_number();
        return true;
      }
    }
    return false;
  }
  const Status& status() const override { return status_.Of(lines_.status()); }

  std::unique_ptr<std::ifstream> file_;
  LineSource lines_;
  FileStatus status_;
};

class StoreSource final : public LearnerSource {
 public:
  StoreSource(store::Store* store, int64_t after) : store_(store), after_(after) {}

  Status Fill(size_t n, WorkChunk* chunk, bool* end) override {
    if (chunk->items.size() < n) chunk->items.resize(n);
    CB_ASSIGN_OR_RETURN(std::vector<store::LearnerRow> rows,
                        store_->LearnersChangedAfter(after_, static_cast<int64_t>(n)));
    *end = rows.size() < n;
    for (const store::LearnerRow& row : rows) {
      WorkItem& item = chunk->items[chunk->used++];
      item.unparsed = false;
      item.text.clear();
      Status s = ReadLearner(row, &item);
      item.is_reject = !s.ok();
      if (item.is_reject) StoredLearnerReject(s, &item);
      after_ = row.changed;
    }
    chunk->last_seq = after_;
    chunk->import_learners = false;
    return Status::Ok();
  }

 private:
  // Reads the learner's outcome texts; a worker parses them (ParseStoredOutcomes), as it parses a
  // line of an input file, so that the thread that also writes the store only reads.
  Status ReadLearner(const store::LearnerRow& row, WorkItem* item) {
    item->line = static_cast<uint64_t>(row.seq);
    item->learner.id = row.learner_id;
    item->learner.name = row.name;
    item->stored_pseudonym = row.pseudonym;
    item->learner.outcomes.clear();
    item->outcome_texts.clear();
    item->stored_unparsed = false;
    CB_ASSIGN_OR_RETURN(std::vector<store::OutcomeRow> outcomes, store_->OutcomesOf(row.pseudonym));
    // An outcome imported again under its id with other content is decided as corrected.
    for (store::OutcomeRow& o : store::CurrentOutcomes(std::move(outcomes))) {
      item->outcome_texts.push_back(std::move(o.body));
    }
    item->stored_unparsed = true;
    return Status::Ok();
  }

  store::Store* store_;
  int64_t after_;
};

}  // namespace

StatusOr<std::unique_ptr<LearnerSource>> OpenFileSource(const std::string& path, int64_t done_items,
                                                        SeenLearners* seen) {
  if (FormatForPath(path) == InputFormat::kJsonLines) {
    CB_ASSIGN_OR_RETURN(std::unique_ptr<std::ifstream> file, OpenInputFile(path));
    auto source = std::make_unique<JsonLinesSource>(path, std::move(file), done_items);
    CB_RETURN_IF_ERROR(source->Skip(done_items, seen));
    return std::unique_ptr<LearnerSource>(std::move(source));
  }
  CB_ASSIGN_OR_RETURN(std::unique_ptr<LearnerReader> reader, OpenLearnerFile(path));
  auto source = std::make_unique<FileSource>(std::move(reader), done_items);
  CB_RETURN_IF_ERROR(source->Skip(done_items, seen));
  return std::unique_ptr<LearnerSource>(std::move(source));
}

void ParseItem(WorkItem* item) {
  if (item->stored_unparsed) ParseStoredOutcomes(item);
  if (!item->unparsed) return;
  item->unparsed = false;
  item->is_reject = ParseJsonLearnerLine(item->text, item->line, item->too_long, ReaderOptions(), &item->learner,
                                         &item->reject) == ReadResult::kReject;
}

// A learner read from the bank (item->line is its seq) whose outcomes do not read back, or whose row
// does not agree with itself.
void StoredLearnerReject(const Status& status, WorkItem* item) {
  item->is_reject = true;
  item->stored_unparsed = false;
  item->reject = {item->line, "learner " + std::to_string(item->line) + ": " + status.message(), "", ""};
}

void ParseStoredOutcomes(WorkItem* item) {
  item->stored_unparsed = false;
  for (const std::string& text : item->outcome_texts) {
    StatusOr<json::Value> v = json::Parse(text);
    StatusOr<Outcome> outcome = v.ok() ? bank::OutcomeFromJson(*v) : StatusOr<Outcome>(v.status());
    if (!outcome.ok()) {
      item->learner.outcomes.clear();
      StoredLearnerReject(outcome.status(), item);
      return;
    }
    item->learner.outcomes.push_back(*std::move(outcome));
  }
}

std::unique_ptr<LearnerSource> NewStoreSource(store::Store* store, int64_t after_seq) {
  return std::make_unique<StoreSource>(store, after_seq);
}

}  // namespace creditbank::batch
