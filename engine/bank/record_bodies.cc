#include "engine/bank/record_bodies.h"

#include <algorithm>

#include "engine/bank/record_text.h"

namespace creditbank::bank {

bool HasCertificationRecord(const Certification& cert) {
  return cert.has_result() && (cert.certified || cert.reason == Reason::kSameQualification);
}

StatusOr<RecordDraft> MakeCertificationRecord(const std::string& pseudonym, const std::string& rule_set,
                                              const Outcome& outcome, const Certification& cert, Date date,
                                              std::string_view canonical_outcome) {
  if (!HasCertificationRecord(cert)) {
    return FailedPrecondition("certification record: outcome " + outcome.id + " is not certified");
  }
  CB_ASSIGN_OR_RETURN(std::string body, canonical_outcome.empty() ? CertificationBodyText(outcome, cert)
                                                                  : CertificationBodyText(canonical_outcome, cert));
  RecordDraft draft;
  CB_ASSIGN_OR_RETURN(draft.record, records::NewRecordFromCanonicalBody(
                                        records::RecordType::kCertification, pseudonym, rule_set, {cert.rule->id},
                                        date.ToString(), body, "", &draft.content));
  return draft;
}

StatusOr<RecordDraft> MakeConversionRecord(const std::string& pseudonym, const Decision& decision) {
  CB_ASSIGN_OR_RETURN(std::string body, ConversionBodyText(decision));
  std::vector<std::string> rules;
  for (const Exemption& e : decision.exemptions) rules.push_back(e.rule);
  std::sort(rules.begin(), rules.end());
  rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
  RecordDraft draft;
  CB_ASSIGN_OR_RETURN(draft.record, records::NewRecordFromCanonicalBody(
                                        records::RecordType::kConversion, pseudonym, decision.rule_set,
                                        std::move(rules), decision.date.ToString(), body, "", &draft.content));
  return draft;
}

}  // namespace creditbank::bank
