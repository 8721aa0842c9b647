// Finding a stored record from what a person types: a full id or a unique prefix of it.
#ifndef CREDITBANK_ENGINE_BANK_LOOKUP_H_
#define CREDITBANK_ENGINE_BANK_LOOKUP_H_

#include <string_view>

#include "engine/bank/bank.h"
#include "engine/records/record.h"

namespace creditbank::bank {

// InvalidArgument "record \"xy\": give at least 4 hex characters of the id";
// NotFound "record 3f2a: not in this bank";
// InvalidArgument "record 3f2a: ambiguous, matches 3f2a01…, 3f2a9c…" (at most 3 named).
StatusOr<store::RecordRow> FindRecord(Bank& bank, std::string_view id_or_prefix);

// The row's body parsed as a record (strict, records/record.h). Corruption naming the leaf when the
// stored body does not parse.
StatusOr<records::Record> ParseRecordRow(const store::RecordRow& row);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_LOOKUP_H_
