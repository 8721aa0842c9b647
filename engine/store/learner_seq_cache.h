// LearnerSeqCache: the sequence numbers of the learners a store wrote or read last, by pseudonym, so
// that storing a learner's outcomes and records right after the learner costs no index look-up.
// Internal to engine/store. Holds at most kMaxEntries (then starts over); the owner clears it when a
// transaction rolls back, since the numbers it handed out may be given again. Not thread-safe.
#ifndef CREDITBANK_ENGINE_STORE_LEARNER_SEQ_CACHE_H_
#define CREDITBANK_ENGINE_STORE_LEARNER_SEQ_CACHE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace creditbank::store {

class LearnerSeqCache {
 public:
  // A batch transaction writes at most 16 chunks of 256 learners: twice that covers the learners
  // whose rows are being written, and the cache does not grow with the bank (65,536 entries took
  // 10 MB of a convert run's peak memory).
  static constexpr size_t kMaxEntries = 1 << 13;

  std::optional<int64_t> Find(std::string_view pseudonym) const {
    auto it = seq_.find(pseudonym);  // looked up without copying the pseudonym
    if (it == seq_.end()) return std::nullopt;
    return it->second;
  }
  void Put(std::string_view pseudonym, int64_t seq) {
    if (seq_.size() >= kMaxEntries) seq_.clear();
    seq_[std::string(pseudonym)] = seq;
  }
  void Clear() { seq_.clear(); }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, int64_t, Hash, std::equal_to<>> seq_;
};

}  // namespace creditbank::store

#endif  // CREDITBANK_ENGINE_STORE_LEARNER_SEQ_CACHE_H_
