// ChunkQueue: hands chunks of work from a reading thread to worker threads and tells the reading
// thread when one is done (convert's learners, verify's stored records). Thread-safe.
#ifndef CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_
#define CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

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
template <typename T>
class ChunkWorkers {
 public:
  ChunkWorkers(ChunkQueue<T>* queue, int count, const std::function<void(ChunkQueue<T>*)>& work) : queue_(queue) {
    threads_.reserve(static_cast<size_t>(count));
    for (int i = 0; i < count; ++i) threads_.emplace_back(work, queue);
  }
  ChunkWorkers(const ChunkWorkers&) = delete;
  ChunkWorkers& operator=(const ChunkWorkers&) = delete;
  ~ChunkWorkers() { Join(); }

  void Join() {
    queue_->Stop();
    for (std::thread& t : threads_) t.join();
    threads_.clear();
  }

 private:
  ChunkQueue<T>* const queue_;
  std::vector<std::thread> threads_;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_BASE_CHUNK_QUEUE_H_
