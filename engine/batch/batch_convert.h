// ConvertAll: the streaming conversion pipeline. One reader (the calling thread) fills chunks of
// learners, N worker threads convert them, and the calling thread hands the results to a sink in
// input order. At most `max_chunks_in_flight` chunks exist at once, so memory does not grow with the
// number of learners.
//
// Thread safety: the reader and the sink are used only by the calling thread; the Converter is shared
// read-only by the workers (Converter::ConvertInto is thread-safe).
#ifndef CREDITBANK_ENGINE_BATCH_BATCH_CONVERT_H_
#define CREDITBANK_ENGINE_BATCH_BATCH_CONVERT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/base/status.h"
#include "engine/batch/learner_reader.h"
#include "engine/convert/convert.h"
#include "engine/model/date.h"
#include "engine/model/decimal.h"

namespace creditbank::batch {

struct BatchOptions {
  int jobs = 0;                     // worker threads; 0 = one per hardware thread
  size_t chunk_size = 256;          // learners and rejects per chunk
  size_t max_chunks_in_flight = 0;  // 0 = 2 x jobs
};

struct BatchSummary {
  uint64_t learners = 0;  // decisions written
  uint64_t rejects = 0;   // bad lines or rows
  Credits granted;        // sum over the decisions
};

// Where results go. Called only from the thread that called ConvertAll, in input order.
class BatchSink {
 public:
  virtual ~BatchSink() = default;
  // One decision as compact JSON (DecisionToJson), without a line end.
  virtual Status WriteDecision(std::string_view json) = 0;
  virtual Status WriteReject(const Reject& reject) = 0;
};

// Converts every learner of `reader` for `programme` on `date`. Fails with NotFound
// ("convert: no programme \"X\"") before reading when the programme is unknown; with the reader's
// status when reading fails; with the sink's status when writing fails (work stops at once).
StatusOr<BatchSummary> ConvertAll(LearnerReader* reader, const Converter& converter,
                                  std::string_view programme, Date date, const BatchOptions& options,
                                  BatchSink* sink);

// A learner the engine cannot decide on (Converter::ConvertInto's InvalidArgument: too large to
// search) is rejected as a bad line is, so that one such learner never stops a batch: true when
// `status` is such a failure, *reject then {line, "<where>: <message>", text}. `where` is "line 7"
// for a file, "learner 7" for a bank's learner. Any other failure is the run's.
bool RejectUndecided(const Status& status, uint64_t line, const std::string& where, std::string text,
                     Reject* reject);

// {"line": 7, "reason": "...", "text": "..."} in compact JSON. A text that is not valid UTF-8 has each
// bad byte replaced by U+FFFD, so that the rejects file is always valid JSON Lines.
std::string RejectToJson(const Reject& reject);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_BATCH_CONVERT_H_
