// Revoke: marks a record revoked, with a reason. The record stays in the ledger (it is append-only);
// the revocation sets the record's bit in the bank's status list, whose index is the record's leaf
// index. verify and export report a revoked record as revoked.
//
// A revocation is itself a signed record, appended to the ledger and covered by a new checkpoint, so
// that it cannot be taken back unseen: deleting the store's revocation row leaves its record in the
// ledger, and verify reports the record without its row (and a row without its record), while the
// commands that show a record's status refuse to (CheckRevocationsAgree). Like any leaf, the newest
// revocation is as safe as the ledger's tail: someone who can rewrite the bank file can cut the last
// leaves together with the checkpoints and frontier that cover them. A checkpoint kept outside the
// bank (export --checkpoint) is what shows such a cut (verify --against, verify.h). A revocation
// record (records/record.h, type "revocation") names the revoked record's learner and rule set, no
// rules, and the day of revocation as its date; its body is
//   {"record": <revoked record's id>, "reason": <text>, "revoked_at": "YYYY-MM-DDTHH:MM:SSZ",
//    "status_index": <the revoked record's leaf index>}
// and it is signed per record, with the active key, whatever mode the bank's runs sign in.
//
// Revoking the latest certification record of an outcome withdraws the outcome (docs/conversion.md
// "Revoked certifications", withdrawals.h): later runs do not certify it again, and the learner is
// marked changed (Store::MarkLearnerChanged), so that a convert over the bank's learners decides the
// learner anew.
#ifndef CREDITBANK_ENGINE_BANK_REVOKE_H_
#define CREDITBANK_ENGINE_BANK_REVOKE_H_

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/bank/bank.h"
#include "engine/bank/withdrawals.h"
#include "engine/records/record.h"
#include "engine/store/store.h"

namespace creditbank::bank {

// The longest reason, in bytes.
inline constexpr size_t kMaxReasonBytes = 1000;

// `record` is an id or unique prefix (lookup.h). The reason is one line of UTF-8 text, without control
// characters (C0, C1, DEL), line or paragraph separators or bidirectional controls, of at most
// kMaxReasonBytes: InvalidArgument "a reason is required" or "--reason: expected ...". AlreadyExists
// "record 3f2a9c01d4e7…: revoked already at <time>: <reason>". FailedPrecondition "the issuer key
// ed25519:… was retired (keys rotate) while this command ran; run it again".
// A revocation record cannot itself be revoked: InvalidArgument "record 3f2a9c01d4e7…: a revocation
// record cannot be revoked". Everything is written in one transaction: the revocation row, its record
// and a checkpoint, with the ledger's frontier (kLedgerFrontierMeta). It takes no run lock: a batch
// run writing meanwhile takes the ledger up from that frontier in its next transaction.
struct RevokeResult {
  store::RevocationRow revocation;
  std::string record;   // the id of the revocation record
  int64_t leaf_index = 0;  // its leaf
  // A certification's outcome, and the outcome's latest certification after it (withdrawals.h): the
  // revocation withdrew the outcome when there is none.
  std::optional<CertifiedOutcome> outcome;
  // When it did: the learner's conversion records, not revoked, that exempted courses with the outcome,
  // in leaf order. They stand until they are revoked too (the next run decides the learner anew).
  struct Decision {
    std::string record;
    std::string programme;
    std::string date;
  };
  std::vector<Decision> decisions_using;
};
StatusOr<RevokeResult> Revoke(Bank& bank, std::string_view record, std::string_view reason);

// The revocation a revocation record states. Corruption "record 3f2a9c01d4e7…: /body/status_index:
// expected a non-negative integer" and the like for a body that does not hold one (records/record.h,
// ReadRevocationBody); InvalidArgument "record 3f2a9c01d4e7…: not a revocation record".
StatusOr<store::RevocationRow> RevocationOf(const records::Record& record);

// The revocations table against the signed revocation records of the ledger. The table is what the
// commands read to tell a record's status; a row deleted from it would make a revoked record valid
// again, one added would revoke a record no one revoked. So the commands first check that the two
// agree: every row stated, as it is, by a sound revocation record, and every revocation record held as
// a row. export of the status list, verify FILE and convert (AgreedRevocations, through withdrawals.h)
// check the whole table; explain, export of a record, account and revoke check the revocations of the
// one learner whose records they show or revoke (CheckLearnerRevocationsAgree), so that what a look-up
// costs does not grow with the bank's revocations. The revocation records' signatures are verified on
// every core (CheckStoredRecords, verify.h). Corruption
// "revocations: record 3f2a9c01d4e7… is revoked by leaf 7 (record 9a01…), but the revocations table
// does not hold it; run creditbank verify", "…: the revocation of record … is stated by no signed
// revocation record; …" or "…: the revocation of record … differs from its signed statement at leaf
// 7 (record …); …", or the problem of an unsound revocation record (CheckStoredRecord). The revocation
// records are found by the type stored beside them (Store::RevocationRecords), without reading the
// ledger: one whose stored type was edited too is not seen here, but by verify of the bank, which
// reads every record ("stored as a conversion record").
Status CheckRevocationsAgree(Bank& bank);

// A revocation the bank holds, with the learner its revocation record names (the revoked record's).
struct LearnerRevocation {
  std::string learner;  // pseudonym
  store::RevocationRow revocation;
};
// CheckRevocationsAgree, and then the revocations, in the leaf order of their revocation records. With
// `checked` (verify.h), a revocation record checked before, and unchanged, is not verified again.
class CheckedRows;
StatusOr<std::vector<LearnerRevocation>> AgreedRevocations(Bank& bank, CheckedRows* checked = nullptr);

// The same check, of the records of the learner with this pseudonym: the rows held for them against the
// revocation records that revoke them, found among all revocation records by the record they revoke
// (each is read; only these are verified). A revocation record moved to another learner's rows is
// "stored under another learner"; one that does not read, whoever's it is, fails the check. The
// learner's rows are read too: one whose stored type is not its record's is "stored as a conversion
// record" (a revocation record retyped; moved to another learner's rows as well, only verify finds it).
// With `record` (the one a command shows or revokes), that record is checked too, though an edit of
// its learner columns kept it out of the learner's rows.
Status CheckLearnerRevocationsAgree(Bank& bank, std::string_view pseudonym,
                                    const store::RecordRow* record = nullptr);

// What differs between a revocation as the bank holds it and as its revocation record states it:
// "" when nothing, else "reason differs", "time and status index differ", and the like (the record
// id aside: they are paired by it).
std::string DifferingFields(const store::RevocationRow& held, const store::RevocationRow& stated);

// A stored reason as the commands print it, the characters Revoke refuses shown as \xNN or \uNNNN
// (invalid UTF-8 byte by byte): a reason edited into the store must not forge a line of output either.
std::string ShownReason(std::string_view reason);

// "revoked at <time>: <ShownReason>", as verify and export name a revoked record.
std::string RevokedNote(const store::RevocationRow& revocation);

}  // namespace creditbank::bank

#endif  // CREDITBANK_ENGINE_BANK_REVOKE_H_
