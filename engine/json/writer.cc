// The plain JSON writer: compact or indented, members in stored order.
#include <cmath>
#include <string>

#include "engine/json/json.h"
#include "engine/json/text.h"

namespace creditbank::json {
namespace {

class Writer {
 public:
  Writer(int indent, std::string* out) : indent_(indent > 0 ? indent : 0), out_(out) {}

  void Write(const Value& v, int depth) {
    switch (v.type()) {
      case Type::kNull: out_->append("null"); return;
      case Type::kBool: out_->append(v.AsBool() ? "true" : "false"); return;
      case Type::kNumber: WriteNumber(v); return;
      case Type::kString: internal::AppendQuoted(v.AsString(), out_); return;
      case Type::kArray: {
        if (v.items().empty()) {
          out_->append("[]");
          return;
        }
        out_->push_back('[');
        bool first = true;
        for (const Value& item : v.items()) {
          if (!first) out_->push_back(',');
          first = false;
          NewLine(depth + 1);
          Write(item, depth + 1);
        }
        NewLine(depth);
        out_->push_back(']');
        return;
      }
      case Type::kObject: {
        if (v.members().empty()) {
          out_->append("{}");
          return;
        }
        out_->push_back('{');
        bool first = true;
        for (const Value::Member& m : v.members()) {
          if (!first) out_->push_back(',');
          first = false;
          NewLine(depth + 1);
          internal::AppendQuoted(m.first, out_);
          out_->append(indent_ > 0 ? ": " : ":");
          Write(m.second, depth + 1);
        }
        NewLine(depth);
        out_->push_back('}');
        return;
      }
    }
  }

 private:
  // Parsed numbers keep their lexeme; numbers built in code use the ECMAScript form. A non-finite
  // number (which Value::Number forbids) is written as null, as JSON.stringify does, so that the
  // output is always JSON.
  void WriteNumber(const Value& v) {
    if (!v.number_text().empty()) {
      out_->append(v.number_text());
    } else if (std::isfinite(v.AsDouble())) {
      out_->append(FormatNumber(v.AsDouble()));
    } else {
      out_->append("null");
    }
  }

  void NewLine(int depth) {
    if (indent_ == 0) return;
    out_->push_back('\n');
    out_->append(static_cast<size_t>(indent_) * static_cast<size_t>(depth), ' ');
  }

  int indent_;
  std::string* out_;
};

}  // namespace

std::string Write(const Value& value, int indent) {
  std::string out;
  Writer(indent, &out).Write(value, 0);
  return out;
}

}  // namespace creditbank::json
