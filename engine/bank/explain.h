// Explain: why a record says what it says, from the signed record itself: for a conversion, each
// exemption with its rule and equivalence path, each certification, each outcome not used and each
// option not chosen with its reason and detail; for a certification, the outcome, rule, level,
// credits, units and validity; for a revocation, the record it revokes, when and why. As text lines
// (for a terminal) and as JSON.
#ifndef CREDITBANK_ENGINE_BANK_EXPLAIN_H_
#define CREDITBANK_ENGINE_BANK_EXPLAIN_H_

#include <string>
#include <string_view>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/json/json.h"

namespace creditbank::bank {

struct Explanation {
  std::vector<std::string> lines;
  // {"record", "type", "learner", "date", "rule_set", "rules", "issuer", "leaf_index",
  //  "revoked": null | {"at", "reason"}, "superseded": bool (account.h), "withdrawn" and
  //  "later_certification" (withdrawals.h SetWithdrawalJson; null but for a revoked certification),
  //  "body": <the record body>}
  json::Value json;
};

// `record` is an id or unique prefix (lookup.h).
StatusOr<Explanation> Explain(Bank& bank, std::string_view record);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_EXPLAIN_H_
