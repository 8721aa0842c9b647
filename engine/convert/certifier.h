// Certification with caller-owned scratch space, for the converter's hot path.
#ifndef CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_
#define CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_

#include <vector>

#include "engine/convert/convert.h"

namespace creditbank::convert {

// Certify (convert.h) into `out`, reusing `candidates` and the capacity of out's strings: no
// allocation once warm, except for the detail of a rejection.
void CertifyInto(const RuleSet& rules, const Outcome& outcome, Date decision_date,
                 std::vector<const RecognitionRule*>* candidates, Certification* out);

}  // namespace creditbank::convert

#endif  // CREDITBANK_ENGINE_CONVERT_CERTIFIER_H_
