// ChunkPipeline: the chunks between a reading thread and its workers. Up to `max_in_flight` chunks
// are read ahead and queued for the workers (ChunkQueue); the reading thread takes them back in input
// order, each once it is done. Chunks are reused after Release. Used by convert (engine/batch) and by
// the whole-bank verify (engine/bank). Not thread-safe: one reading thread drives it.
#ifndef CREDITBANK_ENGINE_BASE_CHUNK_PIPELINE_H_
#define CREDITBANK_ENGINE_BASE_CHUNK_PIPELINE_H_

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <utility>
#include <vector>

#include "engine/base/status.h"
#include "engine/base/chunk_queue.h"

namespace creditbank {

// T has `bool done` (the queue's), `Status status` (set by the worker) and `size_t used` (input items).
template <typename T>
class ChunkPipeline {
 public:
  // Fills a reused or new chunk with the next input and sets *end at the end of the input; a chunk
  // left with used == 0 is not queued. A failure stops the reading.
  using Fill = std::function<Status(T* chunk, bool* end)>;

  ChunkPipeline(ChunkQueue<T>* queue, size_t max_in_flight, Fill fill)
      : queue_(queue), max_in_flight_(max_in_flight), fill_(std::move(fill)) {}

  // Reads ahead, waits for the oldest chunk and returns it with the ones after it that are done
  // already, at most `limit` in all; empty at the end of the input. A read failure, or the oldest
  // chunk's failure, is the Status. The chunks stay valid until Release.
  StatusOr<std::vector<T*>> Next(size_t limit) {
    while (!end_ && in_flight_.size() < max_in_flight_) {
      std::unique_ptr<T> chunk;
      if (spare_.empty()) {
        chunk = std::make_unique<T>();
      } else {
        chunk = std::move(spare_.back());
        spare_.pop_back();
      }
      Status read = fill_(chunk.get(), &end_);
      if (!read.ok() || chunk->used == 0) {
        spare_.push_back(std::move(chunk));
        CB_RETURN_IF_ERROR(read);
        break;
      }
      queue_->Push(chunk.get());
      in_flight_.push_back(std::move(chunk));
    }
    std::vector<T*> group;
    if (in_flight_.empty()) return group;
    queue_->WaitDone(in_flight_.front().get());
    CB_RETURN_IF_ERROR(in_flight_.front()->status);
    group.push_back(in_flight_.front().get());
    while (group.size() < in_flight_.size() && group.size() < limit &&
           queue_->IsDone(in_flight_[group.size()].get()) && in_flight_[group.size()]->status.ok()) {
      group.push_back(in_flight_[group.size()].get());
    }
    return group;
  }

  // The reading thread is done with the `n` oldest chunks.
  void Release(size_t n) {
    for (size_t i = 0; i < n && !in_flight_.empty(); ++i) {
      spare_.push_back(std::move(in_flight_.front()));
      in_flight_.pop_front();
    }
  }

 private:
  ChunkQueue<T>* const queue_;
  const size_t max_in_flight_;
  const Fill fill_;
  bool end_ = false;
  std::deque<std::unique_ptr<T>> in_flight_;
  std::vector<std::unique_ptr<T>> spare_;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_BASE_CHUNK_PIPELINE_H_
