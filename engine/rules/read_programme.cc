// Reader for programmes: courses and the conversion policy.
#include "engine/model/programme.h"
#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

constexpr std::string_view kCategories = "\"foundation\", \"core\", \"elective\"";

void ReadCourse(FileContext* ctx, const json::Value& v, const std::string& pointer, Course* c) {
  ObjectReader r(ctx, v, pointer, {"code", "name", "credits", "category", "level"});
  r.Code("code", Need::kRequired, &c->code);
  r.TextField("name", Need::kRequired, &c->name);
  r.Credits("credits", Need::kRequired, &c->credits);
  r.Enum("category", Need::kRequired, ParseCourseCategory, kCategories, &c->category);
  r.Integer("level", Need::kRequired, 1, 1000, &c->level);
}

void ReadPolicy(FileContext* ctx, const json::Value& v, const std::string& pointer, Policy* p) {
  ObjectReader r(ctx, v, pointer,
                 {"cap_percent", "kind_caps", "max_per_outcome", "category_min_level", "transitive",
                  "max_hops"});
  r.Integer("cap_percent", Need::kOptional, 0, 100, &p->cap_percent);
  if (const json::Value* caps = r.Object("kind_caps", Need::kOptional)) {
    ObjectReader cr(ctx, *caps, r.PointerTo("kind_caps"), {"course", "certificate", "award", "training"});
    for (int k = 0; k < kOutcomeKindCount; ++k) {
      Decimal cap;
      if (cr.Credits(OutcomeKindName(static_cast<OutcomeKind>(k)), Need::kOptional, &cap)) {
        p->kind_caps[static_cast<size_t>(k)] = cap;
      }
    }
  }
  Decimal max_per_outcome;
  if (r.Credits("max_per_outcome", Need::kOptional, &max_per_outcome)) p->max_per_outcome = max_per_outcome;
  if (const json::Value* levels = r.Object("category_min_level", Need::kOptional)) {
    ObjectReader lr(ctx, *levels, r.PointerTo("category_min_level"), {"foundation", "core", "elective"});
    for (int c = 0; c < kCourseCategoryCount; ++c) {
      lr.Integer(CourseCategoryName(static_cast<CourseCategory>(c)), Need::kOptional, 1, 1000,
                 &p->category_min_level[static_cast<size_t>(c)]);
    }
  }
  r.Bool("transitive", Need::kOptional, &p->transitive);
  r.Integer("max_hops", Need::kOptional, 1, 100, &p->max_hops);
}

}  // namespace

void ReadProgramme(FileContext* ctx, const json::Value& root, ReadState* state) {
  ObjectReader r(ctx, root, "",
                 {"kind", "code", "institution", "name", "level", "group", "courses", "policy"});
  Programme& p = state->data.programmes.emplace_back();
  state->data.sources.programmes.push_back({ctx->file(), ""});
  r.Code("code", Need::kRequired, &p.code);
  r.Code("institution", Need::kRequired, &p.institution);
  r.TextField("name", Need::kRequired, &p.name);
  r.Integer("level", Need::kRequired, 1, 1000, &p.level);
  r.Code("group", Need::kOptional, &p.group);
  ForEachItem(r, "courses", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    ReadCourse(ctx, v, pointer, &p.courses.emplace_back());
  });
  if (const json::Value* policy = r.Object("policy", Need::kOptional)) {
    ReadPolicy(ctx, *policy, r.PointerTo("policy"), &p.policy);
  }
}

}  // namespace creditbank::rules
