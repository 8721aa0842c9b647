// Reader for equivalences (学分互认): edges between courses, certificate grades and units.
#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

// {"course": {institution, code}} | {"certificate": {code, grade}} | {"unit": CODE}.
void ReadVertex(FileContext* ctx, const json::Value& v, const std::string& pointer, VertexKey* out) {
  ObjectReader r(ctx, v, pointer, {"course", "certificate", "unit"});
  if (!r.is_object()) return;
  const int forms = (r.Has("course") ? 1 : 0) + (r.Has("certificate") ? 1 : 0) + (r.Has("unit") ? 1 : 0);
  if (forms != 1) {
    ctx->Error(v, pointer,
               "expected exactly one of \"course\", \"certificate\", \"unit\", got " + std::to_string(forms));
    return;
  }
  if (const json::Value* course = r.Get("course", Need::kOptional)) {
    out->kind = VertexKey::Kind::kCourse;
    ObjectReader cr(ctx, *course, r.PointerTo("course"), {"institution", "code"});
    cr.Code("institution", Need::kRequired, &out->a);
    cr.Code("code", Need::kRequired, &out->b);
  } else if (const json::Value* cert = r.Get("certificate", Need::kOptional)) {
    out->kind = VertexKey::Kind::kCertificate;
    ObjectReader cr(ctx, *cert, r.PointerTo("certificate"), {"code", "grade"});
    cr.Code("code", Need::kRequired, &out->a);
    cr.String("grade", Need::kRequired, &out->b);
  } else {
    out->kind = VertexKey::Kind::kUnit;
    r.Code("unit", Need::kRequired, &out->a);
  }
}

}  // namespace

void ReadEquivalences(FileContext* ctx, const json::Value& root, ReadState* state) {
  ObjectReader r(ctx, root, "", {"kind", "equivalences"});
  ForEachItem(r, "equivalences", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    Equivalence& e = state->data.equivalences.emplace_back();
    ObjectReader er(ctx, v, pointer, {"id", "priority", "effective", "from", "to", "ratio", "direction"});
    ReadRuleHeader(er, &e);
    if (const json::Value* from = er.Get("from", Need::kRequired)) {
      ReadVertex(ctx, *from, er.PointerTo("from"), &e.from);
    }
    if (const json::Value* to = er.Get("to", Need::kRequired)) ReadVertex(ctx, *to, er.PointerTo("to"), &e.to);
    er.Ratio("ratio", Need::kRequired, &e.ratio);
    std::string direction;
    if (er.String("direction", Need::kRequired, &direction)) {
      if (direction == "mutual" || direction == "one-way") {
        e.mutual = direction == "mutual";
      } else {
        ctx->Error(*v.Find("direction"), er.PointerTo("direction"),
                   "expected one of \"one-way\", \"mutual\", got \"" + direction + "\"");
      }
    }
  });
}

}  // namespace creditbank::rules
