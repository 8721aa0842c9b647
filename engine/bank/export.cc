#include "engine/bank/export.h"

#include <algorithm>

#include "engine/bank/account.h"
#include "engine/bank/lookup.h"
#include "engine/bank/revoke.h"
#include "engine/bank/verify.h"
#include "engine/records/did_key.h"
#include "engine/records/eddsa_jcs.h"
#include "engine/records/status_list.h"

namespace creditbank::bank {
namespace {

std::string Str(const json::Value& obj, const char* key) {
  const json::Value* v = obj.Find(key);
  return v != nullptr && v->is_string() ? v->AsString() : std::string();
}

std::string NumberText(const json::Value& obj, const char* key) {
  const json::Value* v = obj.Find(key);
  if (v == nullptr || !v->is_number()) return "0";
  return v->number_text().empty() ? json::FormatNumber(v->AsDouble()) : v->number_text();
}

std::string DayStart(const std::string& date) { return date + "T00:00:00Z"; }

Status Fill(const RuleSet* rules, const records::Record& record, records::AchievementInfo* info) {
  if (record.type == records::RecordType::kRevocation) {
    return FailedPrecondition(records::RecordLabel(record.id) +
                              ": a revocation record has no credential form; the status list (export --status-list) "
                              "publishes revocations");
  }
  const json::Value& body = record.body;
  if (record.type == records::RecordType::kCertification) {
    const json::Value* outcome = body.Find("outcome");
    if (outcome == nullptr || !outcome->is_object()) {
      return Corruption(records::RecordLabel(record.id) + ": body has no outcome");
    }
    const std::string kind = Str(*outcome, "kind");
    const std::string code = Str(*outcome, "code");
    const std::string institution = Str(*outcome, "institution");
    info->code = kind == "course" ? institution + "/" + code : code;
    info->achievement_type = kind == "course"  ? "Course"
                             : kind == "award" ? "Award"
                             : kind == "training" ? "ext:Training"
                                                  : "Certificate";
    info->name = Text{info->code, ""};
    if (rules != nullptr) {
      if (const Certificate* c = rules->FindCertificate(code)) info->name = c->name;
      if (const Competition* c = rules->FindCompetition(code)) info->name = c->name;
      info->framework_id = rules->framework().id;
      info->framework_name = rules->framework().name;
    }
    if (const json::Value* level = body.Find("level"); level != nullptr && level->AsInteger()) {
      info->level = static_cast<int>(*level->AsInteger());
    }
    info->credits = NumberText(body, "credits");
    if (const json::Value* units = body.Find("units"); units != nullptr && units->is_array()) {
      for (const json::Value& u : units->items()) {
        if (!u.is_string()) continue;
        records::AchievementUnit unit{u.AsString(), Text{u.AsString(), ""}, ""};
        if (rules != nullptr) {
          if (const Unit* known = rules->FindUnit(u.AsString())) unit.name = known->name;
        }
        info->units.push_back(std::move(unit));
      }
    }
    const std::string until = Str(body, "valid_until");
    if (!until.empty()) info->valid_until = DayStart(until);
  } else {
    const std::string programme = Str(body, "programme");
    info->code = programme;
    info->achievement_type = "ext:CreditConversion";
    Text pname{programme, programme};
    if (rules != nullptr) {
      if (const Programme* p = rules->FindProgramme(programme)) pname = p->name;
    }
    info->name = Text{(pname.zh.empty() ? programme : pname.zh) + " 学分转换",
                      (pname.en.empty() ? programme : pname.en) + " credit conversion"};
    info->credits = NumberText(body, "granted");
    std::string courses;
    if (const json::Value* ex = body.Find("exemptions"); ex != nullptr && ex->is_array()) {
      for (const json::Value& e : ex->items()) {
        courses += (courses.empty() ? "" : ", ") + Str(e, "course") + " (" + NumberText(e, "credits") + ")";
      }
    }
    info->description = Text{"免修课程: " + (courses.empty() ? "无" : courses),
                             "Exempted courses: " + (courses.empty() ? "none" : courses)};
  }
  return Status::Ok();
}

}  // namespace

std::string StatusListUrl(const Bank& bank) { return "https://" + bank.origin() + "/status/revocation"; }

StatusOr<records::AchievementInfo> AchievementFor(Bank& bank, const records::Record& record,
                                                  int64_t leaf_index) {
  records::AchievementInfo info;
  info.record_id = record.id;
  info.learner_pseudonym = record.learner;
  info.valid_from = DayStart(record.date);
  // A record names the rule set that decided; names come from it when the bank still holds it.
  StatusOr<std::shared_ptr<const RuleSet>> rules = bank.RuleSetByHash(record.rule_set);
  if (!rules.ok() && rules.status().code() != StatusCode::kNotFound) return rules.status();
  CB_RETURN_IF_ERROR(Fill(rules.ok() ? rules->get() : nullptr, record, &info));
  info.status = records::StatusListPosition{StatusListUrl(bank), static_cast<size_t>(leaf_index), "revocation"};
  return info;
}

StatusOr<json::Value> ExportRecord(Bank& bank, std::string_view id_or_prefix) {
  CB_ASSIGN_OR_RETURN(store::RecordRow row, FindRecord(bank, id_or_prefix));
  CB_RETURN_IF_ERROR(CheckLearnerRevocationsAgree(bank, row.pseudonym, &row));
  CB_ASSIGN_OR_RETURN(std::optional<store::RevocationRow> rev, bank.store().FindRevocation(row.id));
  if (rev) {
    return FailedPrecondition(records::RecordLabel(row.id) + ": " + RevokedNote(*rev));
  }
  CB_RETURN_IF_ERROR(CheckStoredRecord(bank, row));
  CB_RETURN_IF_ERROR(CheckSealed(bank, row));
  CB_ASSIGN_OR_RETURN(records::Record record, ParseRecordRow(row));
  CB_ASSIGN_OR_RETURN(const bool superseded, CertifiesSupersededOutcome(bank, record));
  if (superseded) {
    return FailedPrecondition(records::RecordLabel(row.id) +
                              ": superseded: a later import corrected the outcome it certifies; export the "
                              "certification of the corrected outcome, or revoke this one");
  }
  // A copy of a qualification that the account does not count today: its credential would count it
  // a second time wherever it is shown (docs/conversion.md, "One qualification counts once").
  if (record.type == records::RecordType::kCertification) {
    const Date today = Date::FromDays(static_cast<int32_t>(bank.clock().NowSeconds() / 86400));
    CB_ASSIGN_OR_RETURN(Account account, GetAccount(bank, record.learner, today));
    for (const AccountCertification& c : account.certifications) {
      if (c.record != row.id) continue;
      if (!c.withdrawn_with.empty()) {
        return FailedPrecondition(records::RecordLabel(row.id) + ": not counted: the same outcome as " +
                                  c.withdrawn_with + ", whose certification was revoked (docs/conversion.md)");
      }
      if (c.same_qualification_as.empty()) continue;
      return FailedPrecondition(records::RecordLabel(row.id) + ": not counted: outcome " + c.same_qualification_as +
                                " is the same qualification and counts in the account on " + today.ToString() +
                                "; export the certification of " + c.same_qualification_as);
    }
  }
  CB_ASSIGN_OR_RETURN(records::AchievementInfo info, AchievementFor(bank, record, row.leaf_index));
  if (!bank.name_status().ok()) {
    return Corruption(bank.name_status().message() + "; run creditbank verify");
  }
  return records::ExportAchievementCredential(info, bank.signer(), bank.name(),
                                              FormatUtc(bank.clock().NowSeconds()));
}

StatusOr<std::string> LastCheckpointNote(Bank& bank) {
  CB_ASSIGN_OR_RETURN(std::vector<store::CheckpointRow> rows, bank.store().Checkpoints());
  if (rows.empty()) return NotFound("the ledger has no checkpoint yet");
  // Handed out to be trusted later: the ledger must hold it now.
  VerifyReport report;
  const store::CheckpointRow& last = rows.back();
  CB_ASSIGN_OR_RETURN(report, VerifyBank(bank, {}, {KeptCheckpoint{"checkpoint " + std::to_string(last.tree_size),
                                                                   last.note}}));
  if (!report.ok()) return Corruption(report.problems.front() + "; run creditbank verify");
  return last.note;
}

StatusOr<json::Value> ExportStatusList(Bank& bank) {
  CB_ASSIGN_OR_RETURN(int64_t count, bank.store().RecordCount());
  records::BitstringStatusList list(std::max<size_t>(static_cast<size_t>(count),
                                                     records::BitstringStatusList::kMinimumSize));
  CB_RETURN_IF_ERROR(CheckRevocationsAgree(bank));
  CB_ASSIGN_OR_RETURN(std::vector<store::RevocationRow> revocations, bank.store().Revocations());
  for (const store::RevocationRow& r : revocations) {
    CB_RETURN_IF_ERROR(list.Set(static_cast<size_t>(r.status_index), true));
  }
  const std::string now = FormatUtc(bank.clock().NowSeconds());
  json::Value unsigned_list = records::MakeStatusListCredential(
      StatusListUrl(bank), records::DidKeyFromEd25519(bank.signer().public_key().raw()), now, "revocation",
      list);
  records::ProofOptions options;
  options.created = now;
  return records::AddProof(unsigned_list, bank.signer(), options);
}

}  // namespace creditbank::bank
