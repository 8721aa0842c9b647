// Readers for the catalogues: certificates, competitions, institutions and competency standards.
#include "engine/model/catalogue.h"
#include "engine/rules/read.h"

namespace creditbank::rules {
namespace {

constexpr std::string_view kSchemes =
    "\"1+x\", \"vocational-qualification\", \"special-skill\", \"training\"";
constexpr std::string_view kInstitutionTypes =
    "\"secondary-vocational\", \"higher-vocational\", \"undergraduate\", \"company\", \"training-provider\"";

void ReadCertificate(FileContext* ctx, const json::Value& v, const std::string& pointer, Certificate* c) {
  ObjectReader r(ctx, v, pointer,
                 {"code", "scheme", "name", "awarding_body", "awarding_body_name", "grades"});
  r.Code("code", Need::kRequired, &c->code);
  r.Enum("scheme", Need::kRequired, ParseCertificateScheme, kSchemes, &c->scheme);
  r.TextField("name", Need::kRequired, &c->name);
  r.Code("awarding_body", Need::kOptional, &c->awarding_body);
  r.TextField("awarding_body_name", Need::kOptional, &c->awarding_body_name);
  ForEachItem(r, "grades", Need::kRequired, [&](const json::Value& g, const std::string& gp) {
    ObjectReader gr(ctx, g, gp, {"grade", "level"});
    Grade& grade = c->grades.emplace_back();
    gr.String("grade", Need::kRequired, &grade.grade);
    gr.Integer("level", Need::kRequired, 1, 1000, &grade.level);
  });
}

void ReadCompetition(FileContext* ctx, const json::Value& v, const std::string& pointer, Competition* c) {
  ObjectReader r(ctx, v, pointer, {"code", "name", "organizer", "tiers"});
  r.Code("code", Need::kRequired, &c->code);
  r.TextField("name", Need::kRequired, &c->name);
  r.String("organizer", Need::kOptional, &c->organizer);
  ForEachItem(r, "tiers", Need::kRequired, [&](const json::Value& t, const std::string& tp) {
    Tier tier;
    if (ReadEnum(ctx, t, tp, ParseTier, kTierValues, &tier)) c->tiers.push_back(tier);
  });
}

void ReadInstitution(FileContext* ctx, const json::Value& v, const std::string& pointer, Institution* i) {
  ObjectReader r(ctx, v, pointer, {"code", "name", "type"});
  r.Code("code", Need::kRequired, &i->code);
  r.TextField("name", Need::kRequired, &i->name);
  r.Enum("type", Need::kRequired, ParseInstitutionType, kInstitutionTypes, &i->type);
}

void ReadUnit(FileContext* ctx, const json::Value& v, const std::string& pointer, Unit* u) {
  ObjectReader r(ctx, v, pointer, {"code", "name", "level", "credits"});
  r.Code("code", Need::kRequired, &u->code);
  r.TextField("name", Need::kRequired, &u->name);
  r.Integer("level", Need::kRequired, 1, 1000, &u->level);
  r.Credits("credits", Need::kRequired, &u->credits);
}

// Reads the array `key` of `root`, one entry per item, remembering where each came from.
template <typename T, typename F>
void ReadList(FileContext* ctx, const json::Value& root, std::string_view key, std::vector<T>* out,
              std::vector<RuleOrigin>* origins, F read_one) {
  ObjectReader r(ctx, root, "", {"kind", key});
  ForEachItem(r, key, Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    read_one(ctx, v, pointer, &out->emplace_back());
    origins->push_back({ctx->file(), pointer});
  });
}

}  // namespace

void ReadCertificates(FileContext* ctx, const json::Value& root, ReadState* state) {
  ReadList(ctx, root, "certificates", &state->data.certificates, &state->data.sources.certificates,
           ReadCertificate);
}

void ReadCompetitions(FileContext* ctx, const json::Value& root, ReadState* state) {
  ReadList(ctx, root, "competitions", &state->data.competitions, &state->data.sources.competitions,
           ReadCompetition);
}

void ReadInstitutions(FileContext* ctx, const json::Value& root, ReadState* state) {
  ReadList(ctx, root, "institutions", &state->data.institutions, &state->data.sources.institutions,
           ReadInstitution);
}

void ReadStandard(FileContext* ctx, const json::Value& root, ReadState* state) {
  ObjectReader r(ctx, root, "", {"kind", "code", "name", "issuer", "units"});
  CompetencyStandard& s = state->data.standards.emplace_back();
  state->data.sources.standards.push_back({ctx->file(), ""});
  r.Code("code", Need::kRequired, &s.code);
  r.TextField("name", Need::kRequired, &s.name);
  r.String("issuer", Need::kOptional, &s.issuer);
  ForEachItem(r, "units", Need::kRequired, [&](const json::Value& v, const std::string& pointer) {
    ReadUnit(ctx, v, pointer, &s.units.emplace_back());
  });
}

}  // namespace creditbank::rules
