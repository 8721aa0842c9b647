// JSON pointers (RFC 6901).
#include <string>
#include <string_view>

#include "engine/json/json.h"

namespace creditbank::json {
namespace {

// Undoes ~1 -> '/' and ~0 -> '~'; false for a '~' not followed by '0' or '1'.
bool UnescapeToken(std::string_view token, std::string* out) {
  out->clear();
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] != '~') {
      out->push_back(token[i]);
      continue;
    }
    if (i + 1 >= token.size()) return false;
    if (token[i + 1] == '0') {
      out->push_back('~');
    } else if (token[i + 1] == '1') {
      out->push_back('/');
    } else {
      return false;
    }
    ++i;
  }
  return true;
}

// An array index token: "0" or digits without a leading zero ("-" names no element here).
bool ParseIndex(std::string_view token, size_t* index) {
  if (token.empty() || token.size() > 19) return false;
  if (token.size() > 1 && token[0] == '0') return false;
  size_t value = 0;
  for (char c : token) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<size_t>(c - '0');
  }
  *index = value;
  return true;
}

}  // namespace

std::string PointerAppend(std::string_view pointer, std::string_view token) {
  std::string out(pointer);
  out.reserve(pointer.size() + token.size() + 1);
  out.push_back('/');
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string PointerAppend(std::string_view pointer, size_t index) {
  std::string out(pointer);
  out.push_back('/');
  out += std::to_string(index);
  return out;
}

const Value* Resolve(const Value& root, std::string_view pointer) {
  const Value* current = &root;
  if (pointer.empty()) return current;
  if (pointer[0] != '/') return nullptr;
  std::string token;
  size_t start = 1;
  while (true) {
    const size_t slash = pointer.find('/', start);
    const std::string_view raw = pointer.substr(
        start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
    if (!UnescapeToken(raw, &token)) return nullptr;
    if (current->is_object()) {
      current = current->Find(token);
      if (current == nullptr) return nullptr;
    } else if (current->is_array()) {
      size_t index = 0;
      if (!ParseIndex(token, &index) || index >= current->items().size()) return nullptr;
      current = &current->items()[index];
    } else {
      return nullptr;
    }
    if (slash == std::string_view::npos) return current;
    start = slash + 1;
  }
}

}  // namespace creditbank::json
