// ChunkQueue: hands chunks of work from a reading thread to worker threads and tells the reading
// thread when one is done (convert's learners, verify's stored records). Thread-safe.
#ifndef CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_
#define CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "engine/base/status.h"

namespace creditbank {

// T has a `bool done` member, guarded by the queue.
template <typename T>
class ChunkQueue {
 public:
  void Push(T* c) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      c->done = false;
      pending_.push_back(c);
    }
    work_cv_.notify_one();
  }
  // The next chunk to work on; null once stopped.
  T* Pop() {
    std::unique_lock<std::mutex> lock(mu_);
    work_cv_.wait(lock, [&] { return stop_ || !pending_.empty(); });
    if (stop_) return nullptr;
    T* c = pending_.front();
    pending_.pop_front();
    return c;
  }
  void MarkDone(T* c) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      c->done = true;
    }
    done_cv_.notify_all();
  }
  // Whether `c` is done, without waiting.
  bool IsDone(T* c) {
    std::lock_guard<std::mutex> lock(mu_);
    return c->done;
  }
  void WaitDone(T* c) {
    std::unique_lock<std::mutex> lock(mu_);
    done_cv_.wait(lock, [&] { return c->done; });
  }
  // Workers stop taking chunks; the ones not started are abandoned (their owner outlives the workers).
  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
      pending_.clear();
    }
    work_cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable work_cv_;
  std::condition_variable done_cv_;
  std::deque<T*> pending_;
  bool stop_ = false;
};

// The worker threads of a ChunkQueue: each runs `work` (a loop of Pop and MarkDone) until the queue
// stops. Join, or the destructor, stops the queue and waits for them, so that a reading thread that
// returns early leaves no worker behind; the chunks' owner must outlive this object.
// When the system refuses a thread, the workers started before it do the work; when it refuses the
// first, status() says so, and nothing would ever take a chunk: the caller must stop.
template <typename T>
class ChunkWorkers {
 public:
  ChunkWorkers(ChunkQueue<T>* queue, int count, const std::function<void(ChunkQueue<T>*)>& work) : queue_(queue) {
    threads_.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) {
      try {
        threads_.emplace_back(work, queue);
      } catch (const std::system_error& e) {
        if (threads_.empty()) status_ = IOError(std::string("cannot start a worker thread: ") + e.what());
        break;
      }
    }
  }
  ChunkWorkers(const ChunkWorkers&) = delete;
  ChunkWorkers& operator=(const ChunkWorkers&) = delete;
  ~ChunkWorkers() { Join(); }

  void Join() {
    queue_->Stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

  const Status& status() const { return status_; }

 private:
  ChunkQueue<T>* const queue_;
  std::vector<std::thread> threads_;
  Status status_;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_
