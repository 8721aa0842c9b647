#include "engine/convert/lookup.h"

#include <algorithm>
#include <functional>
#include <utility>

#include "engine/rules/rule_keys.h"

namespace creditbank {
namespace {

std::string Join(const std::vector<std::string>& items, const char* sep = ", ") {
  std::string out;
  for (size_t i = 0; i < items.size(); ++i) out += (i ? sep : "") + items[i];
  return out;
}

std::string Unknown(std::string_view noun, std::string_view code, const std::vector<std::string>& nearest) {
  std::string m = "unknown " + std::string(noun) + " \"" + std::string(code) + "\"";
  if (!nearest.empty()) m += "; nearest: " + Join(nearest);
  return m;
}

// Programme codes nearest to `code` (edit distance, then alphabetical), at most three.
std::vector<std::string> NearestProgrammes(const RuleSet& rules, std::string_view code) {
  std::vector<std::pair<size_t, std::string>> scored;
  for (const Programme& p : rules.data().programmes) scored.emplace_back(rules::EditDistance(p.code, code), p.code);
  std::sort(scored.begin(), scored.end());
  std::vector<std::string> out;
  for (size_t i = 0; i < scored.size() && i < 3; ++i) out.push_back(scored[i].second);
  return out;
}

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Something a look-up can name: its code and its name.
struct Named {
  std::string code;
  const Text* name;
};

// The code of the item `query` names, for a person at a terminal: the code itself, the code in
// another case, else the one item whose name (Chinese, or English in any case) is the query, else the
// one whose name holds it. NotFound naming the items that match by name when several do ("certificate
// \"物联网\": 3 match by name: 1X-IOT-IDO 物联网安装调试与运维, …; give its code"), else naming the
// nearest codes (`nearest`). Messages show the query as `shown` (a course's with its institution).
StatusOr<std::string> ResolveCode(std::string_view noun, std::string_view query, const std::vector<Named>& items,
                                  const std::vector<std::string>& nearest, std::string_view shown) {
  const std::string lower = AsciiLower(query);
  std::vector<const Named*> matches;
  const auto pick = [&](const std::function<bool(const Named&)>& fits) {
    if (!matches.empty()) return;
    for (const Named& n : items) {
      if (fits(n)) matches.push_back(&n);
    }
  };
  for (const Named& n : items) {
    if (n.code == query) return n.code;
  }
  pick([&](const Named& n) { return AsciiLower(n.code) == lower; });
  pick([&](const Named& n) { return n.name->zh == query || AsciiLower(n.name->en) == lower; });
  if (!query.empty()) {
    pick([&](const Named& n) {
      return n.name->zh.find(query) != std::string::npos || AsciiLower(n.name->en).find(lower) != std::string::npos;
    });
  }
  if (matches.size() == 1) return matches.front()->code;
  if (matches.empty()) return NotFound(Unknown(noun, shown, nearest));
  constexpr size_t kListed = 5;
  std::vector<std::string> listed;
  for (size_t i = 0; i < matches.size() && i < kListed; ++i) {
    const Text& name = *matches[i]->name;
    listed.push_back(matches[i]->code + " " + (name.zh.empty() ? name.en : name.zh));
  }
  if (matches.size() > kListed) listed.push_back("and " + std::to_string(matches.size() - kListed) + " more");
  return NotFound(std::string(noun) + " \"" + std::string(shown) + "\": " + std::to_string(matches.size()) +
                  " match by name: " + Join(listed) + "; give its code");
}

bool ByPriorityThenId(const ConversionRule* a, const ConversionRule* b) {
  if (a->priority != b->priority) return a->priority > b->priority;
  return a->id < b->id;
}

json::Value Credit(Credits c) { return json::Value::Number(static_cast<double>(c.hundredths()) / 100.0); }

json::Value Strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::Array();
  for (const std::string& s : items) a.Push(json::Value::String(s));
  return a;
}

json::Value TextJson(const Text& t) {
  json::Value v = json::Value::Object();
  v.Set("zh", json::Value::String(t.zh));
  if (!t.en.empty()) v.Set("en", json::Value::String(t.en));
  return v;
}

// Fills the recognition, certification, conversion rules and decision of one variant.
Status Evaluate(const Converter& converter, const Programme* programme, Date date, LookupVariant* v) {
  const RuleSet& rules = converter.rules();
  std::vector<const RecognitionRule*> candidates;
  rules.RecognitionCandidates(v->outcome, &candidates);
  std::optional<Decimal> score;
  for (const RecognitionRule* r : candidates) {
    if (!r->effective.Contains(date)) continue;
    v->recognition.push_back(r);
    if (r->min_score && (!score || *r->min_score > *score)) score = r->min_score;
  }
  // A prize has no score; any other outcome is looked up with the lowest score every rule accepts.
  if (v->outcome.kind != OutcomeKind::kAward) v->outcome.score = score ? *score : Decimal::FromInt(100);
  v->certification = Certify(rules, v->outcome, date);
  if (programme == nullptr) return Status::Ok();

  std::vector<std::string> keys = {RuleSet::OutcomeInputKey(v->outcome)};
  for (const RecognitionRule* r : v->recognition) {
    for (const std::string& u : r->units) keys.push_back("unit:" + u);
  }
  for (const std::string& key : keys) {
    for (const ConversionRule* r : rules.ConversionRulesByInput(programme->code, key)) {
      if (std::find(v->conversion.begin(), v->conversion.end(), r) == v->conversion.end()) {
        v->conversion.push_back(r);
      }
    }
  }
  std::sort(v->conversion.begin(), v->conversion.end(), ByPriorityThenId);
  Learner learner;
  learner.id = "lookup";
  learner.outcomes.push_back(v->outcome);
  CB_ASSIGN_OR_RETURN(Decision decision, converter.Convert(learner, programme->code, date));
  v->decision = std::move(decision);
  return Status::Ok();
}

json::Value RecognitionJson(const LookupResult& result, const RecognitionRule& r) {
  json::Value v = json::Value::Object();
  v.Set("rule", json::Value::String(r.id));
  v.Set("priority", json::Value::Integer(r.priority));
  const Course* course = result.course.course;
  v.Set("level", json::Value::Integer(r.level != 0 || course == nullptr ? r.level : course->level));
  v.Set("credits", Credit(r.credits ? *r.credits : (course != nullptr ? course->credits : Credits())));
  v.Set("units", Strings(r.units));
  v.Set("validity_years", r.validity_years ? json::Value::Integer(*r.validity_years) : json::Value::Null());
  json::Value c = json::Value::Object();
  if (r.min_score) c.Set("min_score", Credit(*r.min_score));
  if (!r.awarding_bodies.empty()) c.Set("awarding_bodies", Strings(r.awarding_bodies));
  if (r.outcome_window) {
    json::Value w = json::Value::Object();
    if (r.outcome_window->from != Date::Min()) w.Set("from", json::Value::String(r.outcome_window->from.ToString()));
    if (r.outcome_window->to != Date::Max()) w.Set("to", json::Value::String(r.outcome_window->to.ToString()));
    c.Set("outcome_window", std::move(w));
  }
  v.Set("conditions", std::move(c));
  return v;
}

json::Value ConversionRuleJson(const RuleSet& rules, const ConversionRule& r) {
  json::Value v = json::Value::Object();
  v.Set("rule", json::Value::String(r.id));
  v.Set("priority", json::Value::Integer(r.priority));
  std::vector<std::string> inputs;
  for (const OutcomeSelector& in : r.inputs) inputs.push_back(DescribeInput(rules, in));
  v.Set("inputs", Strings(inputs));
  v.Set("exempts", Strings(r.exempts));
  v.Set("credits", r.credits ? Credit(*r.credits) : json::Value::Null());
  v.Set("shareable", json::Value::Bool(r.shareable));
  return v;
}

// The certification as a decision writes it.
json::Value CertificationJson(const Certification& c) {
  Decision d;
  d.certifications.push_back(c);
  json::Value all = DecisionToJson(d);
  const json::Value* list = all.Find("certifications");
  return list != nullptr && !list->items().empty() ? list->items()[0] : json::Value();
}

}  // namespace

std::string DescribeInput(const RuleSet& rules, const OutcomeSelector& in) {
  if (!in.unit.empty()) return "unit " + in.unit;
  std::string out(OutcomeKindName(*in.kind));
  if (*in.kind == OutcomeKind::kCourse) return out + " " + in.institution + "/" + in.code;
  out += " " + in.code;
  if (*in.kind == OutcomeKind::kAward) {
    if (in.min_tier || in.min_rank) out += " >=";
    if (in.min_tier) out += " " + std::string(TierName(*in.min_tier));
    if (in.min_rank) out += " " + std::string(RankName(*in.min_rank));
    return out;
  }
  if (in.min_level > 0) {
    const Certificate* c = rules.FindCertificate(in.code);
    const Grade* grade = nullptr;
    if (c != nullptr) {
      for (const Grade& g : c->grades) {
        if (g.level >= in.min_level) {
          grade = &g;
          break;
        }
      }
    }
    out += grade != nullptr ? " >= " + grade->grade : " >= level " + std::to_string(in.min_level);
  }
  return out;
}

StatusOr<LookupResult> Lookup(const Converter& converter, const LookupQuery& q) {
  const RuleSet& rules = converter.rules();
  LookupResult result;
  result.rules = &rules;
  result.kind = q.kind;
  result.date = q.date;
  if (!q.programme.empty()) {
    result.programme = rules.FindProgramme(q.programme);
    if (result.programme == nullptr) {
      return NotFound(Unknown("programme", q.programme, NearestProgrammes(rules, q.programme)));
    }
  }
  Outcome base;
  base.id = "o1";
  base.kind = q.kind;
  base.code = q.code;
  base.date = q.date;
  std::vector<Outcome> forms;
  switch (q.kind) {
    case OutcomeKind::kCertificate:
    case OutcomeKind::kTraining: {
      const Certificate* c = rules.FindCertificate(q.code);
      if (c == nullptr) {
        std::vector<Named> named;
        for (const Certificate& x : rules.data().certificates) named.push_back({x.code, &x.name});
        CB_ASSIGN_OR_RETURN(std::string code, ResolveCode("certificate", q.code, named,
                                                          rules.NearestCodes(OutcomeKind::kCertificate, q.code, 3),
                                                          q.code));
        c = rules.FindCertificate(code);
        base.code = code;
      }
      result.certificate = c;
      result.kind = c->scheme == CertificateScheme::kTraining ? OutcomeKind::kTraining : OutcomeKind::kCertificate;
      base.kind = result.kind;
      base.awarding_body = c->awarding_body;
      if (!q.grade.empty() && c->FindGrade(q.grade) == nullptr) {
        std::vector<std::string> grades;
        for (const Grade& g : c->grades) grades.push_back(g.grade);
        return NotFound("certificate " + c->code + " has no grade \"" + q.grade + "\"; grades: " + Join(grades));
      }
      for (const Grade& g : c->grades) {
        if (!q.grade.empty() && g.grade != q.grade) continue;
        forms.push_back(base);
        forms.back().grade = g.grade;
      }
      break;
    }
    case OutcomeKind::kAward: {
      const Competition* c = rules.FindCompetition(q.code);
      if (c == nullptr) {
        std::vector<Named> named;
        for (const Competition& x : rules.data().competitions) named.push_back({x.code, &x.name});
        CB_ASSIGN_OR_RETURN(std::string code, ResolveCode("competition", q.code, named,
                                                          rules.NearestCodes(OutcomeKind::kAward, q.code, 3), q.code));
        c = rules.FindCompetition(code);
        base.code = code;
      }
      if (!q.tier || !q.rank) return InvalidArgument("lookup: an award needs a tier and a rank");
      if (std::find(c->tiers.begin(), c->tiers.end(), *q.tier) == c->tiers.end()) {
        std::vector<std::string> tiers;
        for (Tier t : c->tiers) tiers.emplace_back(TierName(t));
        return NotFound("competition " + c->code + " is not held at tier " + std::string(TierName(*q.tier)) +
                        "; tiers: " + Join(tiers));
      }
      result.competition = c;
      base.tier = q.tier;
      base.rank = q.rank;
      forms.push_back(base);
      break;
    }
    case OutcomeKind::kCourse: {
      std::string institution = q.institution;
      if (rules.FindInstitution(institution) == nullptr) {
        std::vector<Named> named;
        std::vector<std::pair<size_t, std::string>> scored;
        for (const Institution& x : rules.data().institutions) {
          named.push_back({x.code, &x.name});
          scored.emplace_back(rules::EditDistance(x.code, q.institution), x.code);
        }
        std::sort(scored.begin(), scored.end());
        std::vector<std::string> nearest;
        for (size_t i = 0; i < scored.size() && i < 3; ++i) nearest.push_back(scored[i].second);
        CB_ASSIGN_OR_RETURN(institution, ResolveCode("institution", q.institution, named, nearest, q.institution));
      }
      result.course = rules.FindCourse(institution, q.code);
      const std::string key = institution + "/" + q.code;
      if (result.course.course == nullptr) {
        std::vector<Named> named;
        for (const Programme& p : rules.data().programmes) {
          if (p.institution != institution) continue;
          for (const Course& c : p.courses) {
            if (std::none_of(named.begin(), named.end(), [&](const Named& n) { return n.code == c.code; })) {
              named.push_back({c.code, &c.name});
            }
          }
        }
        CB_ASSIGN_OR_RETURN(std::string code, ResolveCode("course", q.code, named,
                                                          rules.NearestCodes(OutcomeKind::kCourse, key, 3), key));
        result.course = rules.FindCourse(institution, code);
        base.code = code;
      }
      result.institution = rules.FindInstitution(institution);
      base.institution = institution;
      forms.push_back(base);
      break;
    }
  }
  for (Outcome& o : forms) {
    LookupVariant v;
    v.outcome = std::move(o);
    CB_RETURN_IF_ERROR(Evaluate(converter, result.programme, q.date, &v));
    result.variants.push_back(std::move(v));
  }
  return result;
}

json::Value LookupToJson(const LookupResult& r) {
  json::Value v = json::Value::Object();
  v.Set("kind", json::Value::String(std::string(OutcomeKindName(r.kind))));
  if (r.certificate != nullptr) {
    v.Set("code", json::Value::String(r.certificate->code));
    v.Set("name", TextJson(r.certificate->name));
    v.Set("scheme", json::Value::String(std::string(CertificateSchemeName(r.certificate->scheme))));
    v.Set("awarding_body", json::Value::String(r.certificate->awarding_body));
    v.Set("awarding_body_name", TextJson(r.certificate->awarding_body_name));
  } else if (r.competition != nullptr) {
    v.Set("code", json::Value::String(r.competition->code));
    v.Set("name", TextJson(r.competition->name));
    v.Set("organizer", json::Value::String(r.competition->organizer));
  } else if (r.course.course != nullptr) {
    const Course& c = *r.course.course;
    v.Set("institution", json::Value::String(r.course.programme->institution));
    if (r.institution != nullptr) v.Set("institution_name", TextJson(r.institution->name));
    v.Set("code", json::Value::String(c.code));
    v.Set("name", TextJson(c.name));
    v.Set("credits", Credit(c.credits));
    v.Set("category", json::Value::String(std::string(CourseCategoryName(c.category))));
    v.Set("level", json::Value::Integer(c.level));
  }
  v.Set("date", json::Value::String(r.date.ToString()));
  if (r.programme != nullptr) {
    json::Value p = json::Value::Object();
    p.Set("code", json::Value::String(r.programme->code));
    p.Set("institution", json::Value::String(r.programme->institution));
    p.Set("name", TextJson(r.programme->name));
    v.Set("programme", std::move(p));
  } else {
    v.Set("programme", json::Value::Null());
  }
  json::Value variants = json::Value::Array();
  for (const LookupVariant& x : r.variants) {
    json::Value e = json::Value::Object();
    if (x.outcome.kind == OutcomeKind::kCertificate || x.outcome.kind == OutcomeKind::kTraining) {
      e.Set("grade", json::Value::String(x.outcome.grade));
    } else if (x.outcome.kind == OutcomeKind::kAward) {
      e.Set("tier", json::Value::String(std::string(TierName(*x.outcome.tier))));
      e.Set("rank", json::Value::String(std::string(RankName(*x.outcome.rank))));
    }
    e.Set("score", Credit(*x.outcome.score));
    json::Value rec = json::Value::Array();
    for (const RecognitionRule* rule : x.recognition) rec.Push(RecognitionJson(r, *rule));
    e.Set("recognition", std::move(rec));
    e.Set("certification", CertificationJson(x.certification));
    if (r.programme != nullptr) {
      json::Value conv = json::Value::Array();
      for (const ConversionRule* rule : x.conversion) conv.Push(ConversionRuleJson(*r.rules, *rule));
      e.Set("conversion_rules", std::move(conv));
      e.Set("decision", DecisionToJson(*x.decision));
    }
    variants.Push(std::move(e));
  }
  v.Set("variants", std::move(variants));
  return v;
}

}  // namespace creditbank
