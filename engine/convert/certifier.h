// Certification with caller-owned scratch space, for the converter's hot path.
#ifndef CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_
#define CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_

#include <span>
#include <vector>

#include "engine/convert/convert.h"

namespace creditbank::convert {

// Certify (convert.h) into `out`, reusing `candidates` and the capacity of out's strings: no
// allocation once warm, except for the detail of a rejection.
void CertifyInto(const RuleSet& rules, const Outcome& outcome, Date decision_date,
                 std::vector<const RecognitionRule*>* candidates, Certification* out);

// docs/conversion.md "Duplicates": rejects as `duplicate` each outcome of `learner` equal to an
// earlier one in everything but its id, whatever its own certification was, so that an outcome
// listed twice (or imported twice under two ids) is never counted twice. certs[i] is outcome i's.
void MarkDuplicates(const Learner& learner, std::span<Certification> certs);

// docs/conversion.md "Revoked certifications": rejects as `revoked` each outcome of `learner` equal to a
// withdrawn one in everything but its id (a left-out grade of a certificate that has only one read as
// that grade), and not a duplicate, clearing its result. Call after MarkDuplicates.
void MarkWithdrawn(const RuleSet& rules, const Learner& learner, std::span<const Withdrawal> withdrawn,
                   std::span<Certification> certs);

// docs/conversion.md "One qualification counts once": of the certified outcomes of `learner` that are
// the same qualification (SameQualification, convert.h), the best counts and each other one is
// rejected as `same-qualification`, keeping its result and naming the best in same_qualification_as.
// Best: by CountsBefore (convert.h), then the smaller outcome id (bytewise), so that the order of the
// learner's list plays no part. Call after MarkWithdrawn.
void MarkSameQualifications(const RuleSet& rules, const Learner& learner, std::span<Certification> certs);

}  // namespace creditbank::convert

#endif  // CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_
