#include "engine/batch/line_source.h"

#include <algorithm>
#include <cstring>

#include "engine/batch/learner_reader.h"

namespace creditbank::batch {

bool LineSource::Fill() {
  if (pos_ < end_) return true;
  if (eof_) return false;
  in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  std::streamsize got = in_->gcount();
  if (in_->bad()) {
    status_ = IOError("input: read failed");
    eof_ = true;
    return false;
  }
  if (got <= 0) {
    eof_ = true;
    return false;
  }
  if (in_->eof()) eof_ = true;
  pos_ = 0;
  end_ = static_cast<size_t>(got);
  if (eof_ && got == 0) return false;
  return true;
}

bool LineSource::Next(std::string* line, bool* too_long) {
  line->clear();
  *too_long = false;
  // The '\n' of a CRLF whose '\r' ended the last line (it may have been the last byte of a buffer).
  if (after_cr_ && Fill() && buffer_[pos_] == '\n') ++pos_;
  after_cr_ = false;
  bool any = false;
  while (Fill()) {
    any = true;
    const char* begin = buffer_.data() + pos_;
    size_t available = end_ - pos_;
    const void* nl = std::memchr(begin, '\n', available);
    size_t take = nl != nullptr ? static_cast<size_t>(static_cast<const char*>(nl) - begin) : available;
    // A '\r' ends the line too; the '\n' of a CRLF is skipped by the next call (after_cr_).
    const void* cr = std::memchr(begin, '\r', take);
    if (cr != nullptr) take = static_cast<size_t>(static_cast<const char*>(cr) - begin);
    size_t room = kMaxLineBytes - std::min(kMaxLineBytes, line->size());
    if (take > room) *too_long = true;
    line->append(begin, std::min(take, room));
    pos_ += take;
    if (take < available) {
      after_cr_ = begin[take] == '\r';
      ++pos_;  // the line end
      break;
    }
  }
  if (!any) return false;
  ++line_number_;
  if (at_start_) {
    at_start_ = false;
    if (line->compare(0, 3, "\xEF\xBB\xBF") == 0) line->erase(0, 3);
  }
  return true;
}

}  // namespace creditbank::batch
