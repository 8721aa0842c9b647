// Dispatch on "kind", and the framework reader.
#include <array>
#include <string_view>

#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

struct KindReader {
  std::string_view kind;
  void (*read)(FileContext* ctx, const json::Value& root, ReadState* state);
};

constexpr std::array<KindReader, 9> kReaders = {{
    {"framework", ReadFramework},
    {"certificates", ReadCertificates},
    {"competitions", ReadCompetitions},
    {"institutions", ReadInstitutions},
    {"competency-standard", ReadStandard},
    {"programme", ReadProgramme},
    {"recognition-rules", ReadRecognitionRules},
    {"conversion-rules", ReadConversionRules},
    {"equivalences", ReadEquivalences},
}};

std::string KindList() {
  std::string out;
  for (const KindReader& k : kReaders) {
    if (!out.empty()) out += ", ";
    out += "\"" + std::string(k.kind) + "\"";
  }
  return out;
}

void ReadLevel(FileContext* ctx, const json::Value& v, const std::string& pointer, FrameworkLevel* out) {
  ObjectReader r(ctx, v, pointer, {"level", "name", "stage", "descriptors"});
  r.Integer("level", Need::kRequired, 1, 1000, &out->level);
  r.TextField("name", Need::kRequired, &out->name);
  r.TextField("stage", Need::kOptional, &out->stage);
  if (const json::Value* d = r.Object("descriptors", Need::kOptional)) {
    ObjectReader dr(ctx, *d, r.PointerTo("descriptors"), {"knowledge", "skills", "competence"});
    dr.TextField("knowledge", Need::kOptional, &out->knowledge);
    dr.TextField("skills", Need::kOptional, &out->skills);
    dr.TextField("competence", Need::kOptional, &out->competence);
  }
}

}  // namespace

void ReadRuleFile(FileContext* ctx, const json::Value& root, ReadState* state) {
  if (!CheckType(ctx, root, "", json::Type::kObject)) return;
  const json::Value* kind = root.Find("kind");
  if (kind == nullptr) {
    ctx->Error(root, "", "missing required field \"kind\"");
    return;
  }
  if (!CheckType(ctx, *kind, "/kind", json::Type::kString)) return;
  for (const KindReader& k : kReaders) {
    if (k.kind == kind->AsString()) {
      k.read(ctx, root, state);
      return;
    }
  }
  ctx->Error(*kind, "/kind", "unknown kind \"" + kind->AsString() + "\", expected one of " + KindList());
}

void ReadFramework(FileContext* ctx, const json::Value& root, ReadState* state) {
  state->framework_files.push_back(ctx->file());
  if (state->framework_files.size() > 1) {
    ctx->Error(*root.Find("kind"), "/kind",
               "more than one framework file, the first is " + state->framework_files.front());
    return;
  }
  ObjectReader r(ctx, root, "", {"kind", "id", "name", "hours_per_credit", "levels"});
  Framework& f = state->data.framework;
  state->data.sources.framework = {ctx->file(), ""};
  r.String("id", Need::kRequired, &f.id);
  r.TextField("name", Need::kRequired, &f.name);
  r.Integer("hours_per_credit", Need::kRequired, 1, 1000, &f.hours_per_credit);
  ForEachItem(r, "levels", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    ReadLevel(ctx, v, pointer, &f.levels.emplace_back());
  });
}

}  // namespace creditbank::rules
