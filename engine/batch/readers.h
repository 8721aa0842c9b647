// The concrete learner readers behind NewLearnerReader. Internal to engine/batch.
#ifndef CREDITBANK_ENGINE_BATCH_READERS_H_
#define CREDITBANK_ENGINE_BATCH_READERS_H_

#include <istream>
#include <memory>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

std::unique_ptr<LearnerReader> NewJsonLinesReader(std::istream* in, ReaderOptions options);
std::unique_ptr<LearnerReader> NewCsvReader(std::istream* in, ReaderOptions options);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_READERS_H_
