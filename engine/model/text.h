// Text: a name or description in Chinese and English. Either may be empty; zh is preferred for display.
#ifndef CREDITBANK_ENGINE_MODEL_TEXT_H_
#define CREDITBANK_ENGINE_MODEL_TEXT_H_

#include <string>

namespace creditbank {

struct Text {
  std::string zh;
  std::string en;
  friend bool operator==(const Text&, const Text&) = default;
};

}  // namespace creditbank

#endif  // CREDITBANK_ENGINE_MODEL_TEXT_H_
