// The concrete learner readers behind NewLearnerReader. Internal to engine/batch.
#ifndef CREDITBANK_ENGINE_BATCH_READERS_H_
#define CREDITBANK_ENGINE_BATCH_READERS_H_

#include <cstdint>
#include <istream>
#include <string>
#include <memory>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

std::unique_ptr<LearnerReader> NewJsonLinesReader(std::istream* in, ReaderOptions options);

// One line of a JSON Lines file, as NewJsonLinesReader reads it, in two steps so that a pipeline can
// read lines on one thread and parse them on others: a line of spaces and tabs is skipped (not an
// item); any other line is one learner (kLearner) or one reject (kReject, `text` moved into it).
// `line` is its 1-based number, `too_long` whether LineSource cut it.
bool IsBlankJsonLine(const std::string& text);
ReadResult ParseJsonLearnerLine(std::string text, uint64_t line, bool too_long, const ReaderOptions& options,
                                Learner* learner, Reject* reject);
std::unique_ptr<LearnerReader> NewCsvReader(std::istream* in, ReaderOptions options);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_READERS_H_
