// The identity and progress of a `convert` run over a bank, kept in the store's runs table so that
// running the same command again after a kill continues where the last committed chunk ended.
//
// Run key: lowercase hex SHA-256 of the canonical JSON
//   {"programme", "date", "input", "rule_set", "signing"}
// where input is "store" (the bank's imported learners) or "file:<path>:<size>:<content digest>".
// The content digest chains SHA-256 over 1 MiB blocks (d = SHA-256(d || block), d0 = 32 zero
// bytes), so that identifying a file streams it. A run started without a date takes today's; the
// "family" key (the same without the date) names that date in the store's meta while the run is
// unfinished, so a resumed run keeps the date it started with.
// Thread safety: plain values and reentrant functions.
#ifndef CREDITBANK_ENGINE_BATCH_RUN_STATE_H_
#define CREDITBANK_ENGINE_BATCH_RUN_STATE_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank::batch {

struct InputIdentity {
  std::string text;   // "store" or "file:<path>:<size>:<digest hex>"
  int64_t lines = 0;  // lines ended by LF, CRLF or a lone CR, plus a last unended one (files only)
};

// IOError "<path>: cannot open: <reason>" (OpenInputFile) / "<path>: read failed".
StatusOr<InputIdentity> IdentifyFile(const std::string& path);

struct RunKeyParts {
  std::string programme;
  std::string date;  // YYYY-MM-DD
  std::string input;
  std::string rule_set;
  std::string signing;
};
std::string RunKey(const RunKeyParts& parts);
// The meta key under which an unfinished run's date is kept ("convert.date." + hash of the parts
// without the date).
std::string PendingDateMetaKey(const RunKeyParts& parts);

// What RunRow::state holds (cumulative over every resumption).
struct RunState {
  std::string date;
  int64_t chunk_size = 0;
  int64_t output_bytes = 0;   // committed length of the decisions file
  int64_t rejects_bytes = 0;  // committed length of the rejects file
  int64_t learners = 0;       // decisions made
  int64_t outcomes = 0;       // outcomes of those learners
  int64_t certified = 0;      // certification records made
  // Of those, of copies another outcome of the same qualification counted instead (0 in a state
  // written before this count was kept).
  int64_t not_counted = 0;
  int64_t rejects = 0;
  int64_t records_signed = 0;
  int64_t records_new = 0;    // of those, appended to the ledger (the others were there already)
  // Chunks committed: the next chunk is number chunks + 1, which names its batch (batch signing).
  // -1 in a state written before this count was kept.
  int64_t chunks = 0;
  bool done = false;
  // In a run over the bank's learners, those whose outcomes were withdrawn from after they were read,
  // decided again with the withdrawal: pseudonym -> the conversion record id written. The run meets
  // each again at the change its revocation made, and leaves out one with the same decision there;
  // kept here so that a run killed in between and resumed still does (bank_convert.cc).
  std::map<std::string, std::string> decided_again;
  // The decisions file the run writes, as a canonical path ("": none), so that it is resumed with the
  // same one; absent in a state written before it was kept.
  std::optional<std::string> output_file;
};

std::string RunStateToJson(const RunState& state);
// Corruption "run state: ..." for text that RunStateToJson did not write, or a chunk size below 1.
StatusOr<RunState> RunStateFromJson(std::string_view text);

}  // namespace creditbank::batch

#endif  // CREDITBANK_ENGINE_BATCH_RUN_STATE_H_
