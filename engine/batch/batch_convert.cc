#include "engine/batch/batch_convert.h"

#include <algorithm>
#include <thread>
#include <vector>

#include "engine/base/chunk_pipeline.h"
#include "engine/base/chunk_queue.h"
#include "engine/batch/outcome_fields.h"
#include "engine/batch/seen_learners.h"
#include "engine/json/json.h"

namespace creditbank::batch {
namespace {

struct Item {
  bool is_reject = false;
  uint64_t line = 0;  // where the learner starts
  Learner learner;
  std::string text;  // the learner's raw text (LearnerReader::text), for a reject after reading
  Reject reject;
  std::string json;  // the decision, once converted
  Credits granted;
};

struct Chunk {
  std::vector<Item> items;
  size_t used = 0;  // items[0, used) hold this chunk's input
  bool done = false;
  Status status;
};

void Work(ChunkQueue<Chunk>* queue, const Converter* converter, std::string_view programme, Date date) {
  Decision decision;
  while (Chunk* chunk = queue->Pop()) {
    for (size_t i = 0; i < chunk->used && chunk->status.ok(); ++i) {
      Item& item = chunk->items[i];
      if (item.is_reject) continue;
      chunk->status = converter->ConvertInto(item.learner, programme, date, &decision);
      if (RejectUndecided(chunk->status, item.line, "line " + std::to_string(item.line), std::move(item.text),
                          &item.reject)) {
        item.is_reject = true;
        chunk->status = Status::Ok();
        continue;
      }
      if (!chunk->status.ok()) break;
      item.json = json::Write(DecisionToJson(decision));
      item.granted = decision.granted;
    }
    queue->MarkDone(chunk);
  }
}

// Replaces every byte that is not part of valid UTF-8 with U+FFFD.
std::string ValidUtf8(const std::string& s) {
  if (json::IsValidUtf8(s)) return s;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t len = json::DecodeUtf8At(std::string_view(s).substr(i)).length;
    if (len == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
    } else {
      out.append(s, i, len);
      i += len;
    }
  }
  return out;
}

}  // namespace

bool RejectUndecided(const Status& status, uint64_t line, const std::string& where, std::string text,
                     Reject* reject) {
  if (status.code() != StatusCode::kInvalidArgument) return false;
  *reject = {line, where + ": " + status.message(), std::move(text), ""};
  return true;
}

std::string RejectToJson(const Reject& reject) {
  json::Value v = json::Value::Object();
  v.Set("line", json::Value::Integer(static_cast<int64_t>(reject.line)));
  v.Set("reason", json::Value::String(ValidUtf8(reject.reason)));
  v.Set("text", json::Value::String(ValidUtf8(reject.text)));
  return json::Write(v);
}

StatusOr<BatchSummary> ConvertAll(LearnerReader* reader, const Converter& converter,
                                  std::string_view programme, Date date, const BatchOptions& options,
                                  BatchSink* sink) {
  if (converter.rules().FindProgramme(programme) == nullptr) {
    return NotFound("convert: no programme \"" + std::string(programme) + "\"");
  }
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::thread::hardware_concurrency());
  jobs = std::max(jobs, 1);
  const size_t chunk_size = std::max<size_t>(options.chunk_size, 1);
  const size_t max_in_flight =
      options.max_chunks_in_flight > 0 ? options.max_chunks_in_flight : 2 * static_cast<size_t>(jobs);

  ChunkQueue<Chunk> queue;
  // Chunks are reused, so their learners' capacity is too. The reader's own failure is its status.
  SeenLearners seen;  // a learner on two lines is decided once (seen_learners.h)
  ChunkPipeline<Chunk> pipeline(&queue, max_in_flight, [&](Chunk* chunk, bool* end) -> Status {
    chunk->used = 0;
    chunk->status = Status::Ok();
    chunk->items.resize(chunk_size);
    while (chunk->used < chunk_size) {
      Item& item = chunk->items[chunk->used];
      ReadResult r = reader->Next(&item.learner, &item.reject);
      if (r == ReadResult::kEnd) {
        *end = true;
        break;
      }
      item.is_reject = r == ReadResult::kReject;
      item.line = reader->line();
      if (item.is_reject) seen.NoteRejected(&item.reject);
      if (!item.is_reject) {
        item.text = reader->text();
        if (seen.Seen(item.learner.id)) {
          item.reject = seen.Again(item.learner.id, item.line, std::move(item.text));
          item.is_reject = true;
        }
      }
      ++chunk->used;
    }
    return Status::Ok();
  });
  ChunkWorkers<Chunk> workers(&queue, jobs, [&](ChunkQueue<Chunk>* q) { Work(q, &converter, programme, date); });
  CB_RETURN_IF_ERROR(workers.status());
  BatchSummary summary;
  Status status;
  while (status.ok()) {
    StatusOr<std::vector<Chunk*>> next = pipeline.Next(1);
    if (!next.ok()) {
      status = next.status();
      break;
    }
    if (next->empty()) break;
    const Chunk* front = next->front();
    for (size_t i = 0; i < front->used && status.ok(); ++i) {
      const Item& item = front->items[i];
      if (item.is_reject) {
        status = sink->WriteReject(item.reject);
        ++summary.rejects;
      } else {
        status = sink->WriteDecision(item.json);
        ++summary.learners;
        summary.granted += item.granted;
      }
    }
    pipeline.Release(1);
  }
  workers.Join();
  if (!status.ok()) return status;
  if (!reader->status().ok()) return reader->status();
  return summary;
}

}  // namespace creditbank::batch
