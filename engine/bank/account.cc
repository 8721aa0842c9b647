#include "engine/bank/account.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "engine/bank/lookup.h"
#include "engine/bank/outcome_json.h"
#include "engine/bank/revoke.h"
#include "engine/convert/convert.h"
#include "engine/records/digest.h"
#include "engine/rules/rule_keys.h"
#include "engine/store/current_outcomes.h"

namespace creditbank::bank {
namespace {

std::string Str(const json::Value& obj, const char* key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? v->AsString() : std::string();
}

Credits CreditsOf(const json::Value& obj, const char* key) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || !v->is_number()) return Credits();
  StatusOr<Decimal> d =
      Decimal::Parse(v->number_text().empty() ? json::FormatNumber(v->AsDouble()) : v->number_text());
  return d.ok() ? *d : Credits();
}

json::Value Strings(const std::vector<std::string>& items) {
  json::Value a = json::Value::Array();
  for (const std::string& s : items) a.Push(json::Value::String(s));
  return a;
}

constexpr size_t kShownPseudonym = 12;

bool IsPseudonym(std::string_view s) { return s.size() == 64 && IsLowerHex(s); }

// The key of an outcome across records: its canonical JSON.
std::string OutcomeKey(const json::Value& body) {
  const json::Value* o = body.Find("outcome");
  if (o == nullptr) return "";
  StatusOr<std::string> c = json::Canonicalize(*o);
  return c.ok() ? *c : "";
}

}  // namespace

StatusOr<LearnerOutcomes> ReadLearnerOutcomes(store::Store& store, std::string_view pseudonym) {
  CB_ASSIGN_OR_RETURN(std::vector<store::OutcomeRow> stored, store.OutcomesOf(pseudonym));
  std::vector<store::OutcomeRow> replaced;
  const std::vector<store::OutcomeRow> current = store::CurrentOutcomes(std::move(stored), &replaced);
  LearnerOutcomes held;
  held.current = static_cast<int64_t>(current.size());
  held.corrected = static_cast<int64_t>(replaced.size());
  for (const store::OutcomeRow& o : replaced) held.superseded.insert(o.body);
  for (const store::OutcomeRow& o : current) held.superseded.erase(o.body);
  return held;
}

StatusOr<bool> CertifiesSupersededOutcome(Bank& bank, const records::Record& record) {
  if (record.type != records::RecordType::kCertification) return false;
  CB_ASSIGN_OR_RETURN(LearnerOutcomes held, ReadLearnerOutcomes(bank.store(), record.learner));
  return held.superseded.count(OutcomeKey(record.body)) > 0;
}

// The certification as convert's CountsBefore reads it.
Certification AsCertification(const AccountCertification& c) {
  Certification out;
  out.level = c.level;
  out.credits = c.credits;
  if (StatusOr<Date> until = Date::Parse(c.valid_until); until.ok()) out.valid_until = *until;
  return out;
}

// What the account reads of a certification besides what it shows.
struct Held {
  std::optional<Outcome> outcome;  // with the grade its record's rule set gives it (EffectiveGrade)
  int64_t leaf = 0;
  std::string run_counted;         // the outcome its run counted for this qualification
};

// account.h: a certification of an outcome that is the same outcome, under another id, as a withdrawn
// one (the latest certification of it revoked) does not count. The held outcomes carry their effective
// grades, so that they compare as they are.
void NotCountingWithdrawnCopies(std::vector<AccountCertification>* certs, const std::vector<Held>& held,
                                const std::vector<bool>& latest) {
  std::vector<AccountCertification>& c = *certs;
  for (size_t w = 0; w < c.size(); ++w) {
    if (!c[w].revoked || !latest[w] || !held[w].outcome) continue;
    for (size_t i = 0; i < c.size(); ++i) {
      if (c[i].revoked || c[i].superseded || !held[i].outcome || c[i].outcome == c[w].outcome) continue;
      if (!SameOutcome(nullptr, *held[i].outcome, *held[w].outcome)) continue;
      c[i].withdrawn_with = c[w].outcome;
      c[i].valid = false;
    }
  }
}

// account.h: of the counted certifications of one qualification only one stays counted: the one the
// latest run that certified the qualification counted, when it is valid on the account's date, else
// the best valid one.
void CountEachQualificationOnce(std::vector<AccountCertification>* certs, const std::vector<Held>& held) {
  std::vector<AccountCertification>& c = *certs;
  auto counted = [&](size_t i) {
    return held[i].outcome.has_value() && !c[i].revoked && !c[i].superseded && c[i].withdrawn_with.empty();
  };
  auto counted_by_its_run = [&](size_t i) { return held[i].run_counted == c[i].outcome; };
  // A strict order: the outcomes of the listed certifications differ.
  auto better = [&](size_t i, size_t j) {
    if (c[i].valid != c[j].valid) return c[i].valid;
    const Certification a = AsCertification(c[i]);
    const Certification b = AsCertification(c[j]);
    if (CountsBefore(*held[i].outcome, a, *held[j].outcome, b)) return true;
    if (CountsBefore(*held[j].outcome, b, *held[i].outcome, a)) return false;
    if (counted_by_its_run(i) != counted_by_its_run(j)) return counted_by_its_run(i);
    return c[i].outcome < c[j].outcome;
  };
  std::vector<bool> done(c.size(), false);
  for (size_t i = 0; i < c.size(); ++i) {
    if (done[i] || !counted(i)) continue;
    std::vector<size_t> group = {i};
    for (size_t j = i + 1; j < c.size(); ++j) {
      if (counted(j) && SameQualification(nullptr, *held[i].outcome, *held[j].outcome)) group.push_back(j);
    }
    size_t latest = i;
    size_t best = i;
    for (size_t j : group) {
      done[j] = true;
      if (held[j].leaf > held[latest].leaf) latest = j;
      if (better(j, best)) best = j;
    }
    if (group.size() < 2) continue;
    size_t winner = best;
    for (size_t j : group) {
      if (c[j].outcome == held[latest].run_counted && c[j].valid) winner = j;
    }
    for (size_t j : group) {
      if (j == winner) continue;
      c[j].same_qualification_as = c[winner].outcome;
      c[j].valid = false;
    }
  }
}

StatusOr<Account> GetAccount(Bank& bank, std::string_view learner, Date on) {
  store::Store& s = bank.store();
  Account account;
  account.date = on.ToString();
  CB_ASSIGN_OR_RETURN(std::optional<store::LearnerRow> row, s.FindLearner(learner));
  if (!row) {
    CB_ASSIGN_OR_RETURN(row, s.FindLearner(bank.Pseudonym(learner)));
  }
  // The start of a pseudonym, as account shows it ("27529cf41ad8…"), when no learner has it as an id:
  // 12 characters at least, so that a learner id of digits that is not in the bank does not find a
  // pseudonym that happens to start with them.
  if (!row && learner.size() >= kShownPseudonym && learner.size() < 64 && IsLowerHex(learner)) {
    CB_ASSIGN_OR_RETURN(std::vector<store::LearnerRow> found, s.FindLearnersByPrefix(learner, 4));
    if (found.size() > 1) {
      std::string names;
      for (size_t i = 0; i < found.size() && i < 3; ++i) {
        names += (i ? ", " : "") + found[i].pseudonym.substr(0, kShownPseudonym) + "…";
      }
      return InvalidArgument("learner " + std::string(learner) + ": ambiguous, matches " + names);
    }
    if (found.size() == 1) row = std::move(found.front());
  }
  if (row) {
    if (bank.Pseudonym(row->learner_id) != row->pseudonym) {
      return Corruption("learner " + std::to_string(row->seq) + ": " + kLearnerIdMismatch + "; run creditbank verify");
    }
    account.pseudonym = row->pseudonym;
    account.learner_id = row->learner_id;
    account.name = row->name;
  } else {
    account.pseudonym = IsPseudonym(learner) ? std::string(learner) : bank.Pseudonym(learner);
  }
  CB_RETURN_IF_ERROR(CheckLearnerRevocationsAgree(bank, account.pseudonym));
  CB_ASSIGN_OR_RETURN(LearnerOutcomes held, ReadLearnerOutcomes(s, account.pseudonym));
  account.outcomes = held.current;
  account.corrected = held.corrected;
  const std::set<std::string>& superseded = held.superseded;
  CB_ASSIGN_OR_RETURN(std::vector<store::RecordRow> rows, s.RecordsOf(account.pseudonym));
  if (!row && rows.empty()) return NotFound("learner " + std::string(learner) + ": not in this bank");
  std::sort(rows.begin(), rows.end(), ByLeaf);

  std::map<std::string, size_t> latest_of_outcome;  // outcome key -> index in certifications
  std::vector<AccountCertification> certs;
  std::vector<Held> held_by;  // held_by[i] for certs[i]
  std::map<std::string, std::shared_ptr<const RuleSet>> rule_sets;  // by hash, as a grade needs one
  IssuedRecords issued(s);
  for (store::RecordRow& r : rows) {
    CB_RETURN_IF_ERROR(issued.Restore(&r).WithContext(LeafContext(r)));
    CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(r));
    // A revocation shows on the record it revokes (its revocation row).
    if (record.type == records::RecordType::kRevocation) continue;
    CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> rev, s.FindRevocation(r.id));
    const json::Value& body = record.body;
    if (record.type == records::RecordType::kConversion) {
      AccountDecision d{r.id, Str(body, "programme"), record.date, CreditsOf(body, "granted"), {}, rev.has_value()};
      if (const json::Value* ex = body.Find("exemptions"); ex != nullptr && ex->is_array()) {
        for (const json::Value& e : ex->items()) d.courses.push_back(Str(e, "course"));
      }
      account.decisions.push_back(std::move(d));
      continue;
    }
    AccountCertification c;
    c.record = r.id;
    if (const json::Value* o = body.Find("outcome")) {
      c.outcome = Str(*o, "id");
      c.kind = Str(*o, "kind");
      c.code = Str(*o, "code");
    }
    c.rule = Str(body, "rule");
    c.date = record.date;
    if (const json::Value* l = body.Find("level"); l != nullptr && l->AsInteger()) {
      c.level = static_cast<int>(*l->AsInteger());
    }
    c.credits = CreditsOf(body, "credits");
    if (const json::Value* u = body.Find("units"); u != nullptr && u->is_array()) {
      for (const json::Value& x : u->items()) {
        if (x.is_string()) c.units.push_back(x.AsString());
      }
    }
    c.valid_until = Str(body, "valid_until");
    c.revoked = rev.has_value();
    const std::string key = OutcomeKey(body);
    c.superseded = superseded.count(key) > 0;
    c.valid = !c.revoked && !c.superseded && (c.valid_until.empty() || c.valid_until > account.date);
    Held h;
    h.leaf = r.leaf_index;
    // The outcome its run counted for this qualification: itself, unless its body names another.
    h.run_counted = body.Find("same_qualification_as") == nullptr ? c.outcome : Str(body, "same_qualification_as");
    if (const json::Value* o = body.Find("outcome")) {
      if (StatusOr<Outcome> parsed = OutcomeFromJson(*o); parsed.ok()) h.outcome = *std::move(parsed);
    }
    // A grade left out is the certificate's only grade under the rule set that certified it.
    if (h.outcome && h.outcome->grade.empty() && h.outcome->kind != OutcomeKind::kCourse &&
        h.outcome->kind != OutcomeKind::kAward) {
      auto [rs, added] = rule_sets.try_emplace(record.rule_set);
      if (added) {
        if (StatusOr<std::shared_ptr<const RuleSet>> loaded = bank.RuleSetByHash(record.rule_set); loaded.ok()) {
          rs->second = *loaded;
        }
      }
      if (rs->second) {
        h.outcome->grade = rules::EffectiveGrade("", rs->second->FindCertificate(h.outcome->code));
      }
    }
    // The latest record of an outcome stands for it: an earlier one is replaced, unless revoked (a
    // revoked record stays listed, and what comes after it is the outcome's latest).
    auto it = latest_of_outcome.find(key);
    if (it != latest_of_outcome.end() && !certs[it->second].revoked) {
      certs[it->second] = std::move(c);
      held_by[it->second] = std::move(h);
    } else {
      latest_of_outcome[key] = certs.size();
      certs.push_back(std::move(c));
      held_by.push_back(std::move(h));
    }
  }
  std::vector<bool> is_latest(certs.size(), false);
  for (const auto& [key, i] : latest_of_outcome) is_latest[i] = true;
  NotCountingWithdrawnCopies(&certs, held_by, is_latest);
  CountEachQualificationOnce(&certs, held_by);
  account.certifications = std::move(certs);
  std::stable_sort(account.decisions.begin(), account.decisions.end(),
                   [](const AccountDecision& a, const AccountDecision& b) { return a.programme < b.programme; });

  std::shared_ptr<const RuleSet> rules;
  if (StatusOr<std::shared_ptr<const RuleSet>> latest = bank.LatestRuleSet(); latest.ok()) rules = *latest;
  std::map<int, AccountLevel> levels;
  std::map<std::string, AccountUnit> units;
  for (const AccountCertification& c : account.certifications) {
    if (c.revoked || c.superseded || !c.same_qualification_as.empty() || !c.withdrawn_with.empty()) continue;
    AccountLevel& l = levels[c.level];
    l.level = c.level;
    (c.valid ? l.valid : l.expired) += c.credits;
    (c.valid ? account.valid : account.expired) += c.credits;
    for (const std::string& code : c.units) {
      AccountUnit& u = units[code];
      u.code = code;
      u.valid = u.valid || c.valid;
      if (rules) {
        if (const Unit* known = rules->FindUnit(code)) {
          u.level = known->level;
          u.credits = known->credits;
        }
      }
    }
  }
  for (auto& [level, l] : levels) account.levels.push_back(l);
  for (auto& [code, u] : units) account.units.push_back(u);
  return account;
}

json::Value CreditsJson(Credits c) {
  StatusOr<json::Value> v = json::Parse(c.ToString());
  return v.ok() ? std::move(v).value() : json::Value::Integer(c.hundredths() / 100);
}

json::Value AccountToJson(const Account& a) {
  json::Value v = json::Value::Object();
  v.Set("learner", json::Value::String(a.pseudonym));
  v.Set("learner_id", json::Value::String(a.learner_id));
  v.Set("name", json::Value::String(a.name));
  v.Set("date", json::Value::String(a.date));
  v.Set("outcomes", json::Value::Integer(a.outcomes));
  v.Set("corrected", json::Value::Integer(a.corrected));
  v.Set("valid", CreditsJson(a.valid));
  v.Set("expired", CreditsJson(a.expired));
  json::Value& levels = v.Set("levels", json::Value::Array());
  for (const AccountLevel& l : a.levels) {
    json::Value x = json::Value::Object();
    x.Set("level", json::Value::Integer(l.level));
    x.Set("valid", CreditsJson(l.valid));
    x.Set("expired", CreditsJson(l.expired));
    levels.Push(std::move(x));
  }
  json::Value& units = v.Set("units", json::Value::Array());
  for (const AccountUnit& u : a.units) {
    json::Value x = json::Value::Object();
    x.Set("code", json::Value::String(u.code));
    x.Set("level", json::Value::Integer(u.level));
    x.Set("credits", CreditsJson(u.credits));
    x.Set("valid", json::Value::Bool(u.valid));
    units.Push(std::move(x));
  }
  json::Value& certs = v.Set("certifications", json::Value::Array());
  for (const AccountCertification& c : a.certifications) {
    json::Value x = json::Value::Object();
    x.Set("record", json::Value::String(c.record));
    x.Set("outcome", json::Value::String(c.outcome));
    x.Set("kind", json::Value::String(c.kind));
    x.Set("code", json::Value::String(c.code));
    x.Set("rule", json::Value::String(c.rule));
    x.Set("date", json::Value::String(c.date));
    x.Set("level", json::Value::Integer(c.level));
    x.Set("credits", CreditsJson(c.credits));
    x.Set("units", Strings(c.units));
    x.Set("valid_until", c.valid_until.empty() ? json::Value::Null() : json::Value::String(c.valid_until));
    x.Set("valid", json::Value::Bool(c.valid));
    x.Set("revoked", json::Value::Bool(c.revoked));
    x.Set("superseded", json::Value::Bool(c.superseded));
    x.Set("same_qualification_as", c.same_qualification_as.empty()
                                       ? json::Value::Null()
                                       : json::Value::String(c.same_qualification_as));
    x.Set("withdrawn_with",
          c.withdrawn_with.empty() ? json::Value::Null() : json::Value::String(c.withdrawn_with));
    certs.Push(std::move(x));
  }
  json::Value& decisions = v.Set("decisions", json::Value::Array());
  for (const AccountDecision& d : a.decisions) {
    json::Value x = json::Value::Object();
    x.Set("record", json::Value::String(d.record));
    x.Set("programme", json::Value::String(d.programme));
    x.Set("date", json::Value::String(d.date));
    x.Set("granted", CreditsJson(d.granted));
    x.Set("courses", Strings(d.courses));
    x.Set("revoked", json::Value::Bool(d.revoked));
    decisions.Push(std::move(x));
  }
  return v;
}

}  // namespace creditbank::bank
