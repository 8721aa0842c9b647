#include "engine/store/sqlite_store.h"

#include <algorithm>
#include <chrono>
#include <iterator>
#include <optional>
#include <span>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "engine/store/file_run_lock.h"
#include "engine/store/learner_seq_cache.h"
#include "engine/store/record_id_runs.h"
#include "engine/store/record_packing.h"
#include "engine/store/sqlite_open.h"
#include "engine/store/sqlite_schema.h"
#include "engine/store/sqlite_statement.h"
#include "engine/store/transaction_cache.h"
#include "engine/store/wal_checkpointer.h"

namespace creditbank::store {
namespace {

LearnerRow ReadLearner(const Statement& s) {
  return LearnerRow{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Int(4)};
}
// A set of outcomes (schema 6) is a line per outcome: its hash, its id and its body, separated by tabs,
// with backslash, tab and newline in a field written as \\, \t and \n.
void AppendEscaped(std::string_view field, std::string* out) {
  // Hashes and canonical JSON bodies hold no tab or newline, and rarely a backslash.
  constexpr auto npos = std::string_view::npos;
  if (field.find('\\') == npos && field.find('\t') == npos && field.find('\n') == npos) {
    out->append(field);
    return;
  }
  size_t start = 0;
  for (size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    if (c != '\\' && c != '\t' && c != '\n') continue;
    out->append(field.substr(start, i - start));
    out->push_back('\\');
    out->push_back(c == '\t' ? 't' : c == '\n' ? 'n' : '\\');
    start = i + 1;
  }
  out->append(field.substr(start));
}

void AppendOutcomeLine(const OutcomeRow& row, std::string* out) {
  AppendEscaped(row.hash, out);
  out->push_back('\t');
  AppendEscaped(row.outcome_id, out);
  out->push_back('\t');
  AppendEscaped(row.body, out);
  out->push_back('\n');
}

// The outcomes of set `set_seq`, the text `text`, appended to *out with `pseudonym`.
Status ParseOutcomeLines(std::string_view text, int64_t set_seq, std::string_view pseudonym,
                         std::vector<OutcomeRow>* out) {
  int line = 1;
  const auto bad = [&](const std::string& what) {
    return Corruption("outcome set " + std::to_string(set_seq) + ", line " + std::to_string(line) + ": " + what);
  };
  size_t i = 0;
  while (i < text.size()) {
    // Most lines have no escape: split them at their two tabs. Any other line goes through the loop
    // below, which unescapes and reports what is wrong.
    const size_t end = text.find('\n', i);
    if (end != std::string_view::npos) {
      const std::string_view plain = text.substr(i, end - i);
      const size_t tab1 = plain.find('\t');
      const size_t tab2 = tab1 == std::string_view::npos ? tab1 : plain.find('\t', tab1 + 1);
      if (tab2 != std::string_view::npos && plain.find('\t', tab2 + 1) == std::string_view::npos &&
          plain.find('\\') == std::string_view::npos) {
        out->push_back(OutcomeRow{std::string(plain.substr(0, tab1)), std::string(pseudonym),
                                  std::string(plain.substr(tab1 + 1, tab2 - tab1 - 1)),
                                  std::string(plain.substr(tab2 + 1))});
        i = end + 1;
        ++line;
        continue;
      }
    }
    std::string fields[3];
    int field = 0;
    for (;; ++i) {
      if (i == text.size()) return bad("expected a line ending in a newline");
      const char c = text[i];
      if (c == '\n') break;
      if (c == '\t') {
        if (++field == 3) return bad("expected 3 fields (hash, id, body)");
        continue;
      }
      if (c != '\\') {
        fields[field].push_back(c);
        continue;
      }
      const char e = ++i < text.size() ? text[i] : '\0';
      if (e != '\\' && e != 't' && e != 'n') return bad("expected \\\\, \\t or \\n after a backslash");
      fields[field].push_back(e == 't' ? '\t' : e == 'n' ? '\n' : '\\');
    }
    if (field != 2) return bad("expected 3 fields (hash, id, body)");
    out->push_back(
        OutcomeRow{std::move(fields[0]), std::string(pseudonym), std::move(fields[1]), std::move(fields[2])});
    ++i;
    ++line;
  }
  return Status::Ok();
}

RuleSetRow ReadRuleSet(const Statement& s) { return RuleSetRow{s.Int(0), s.Text(1), s.Text(2), s.Text(3)}; }
// A record's row as kRecordColumns reads it, its text filled in when it is stored packed (schema 11).
RecordRow ReadRecord(const Statement& s) {
  RecordRow row{s.Int(0), s.Text(1), s.Text(2), s.Text(3), s.Text(4), s.Text(5), s.Text(6)};
  if (!s.IsNull(7)) {
    const std::string rule_set = s.Text(8);  // "" when `packed` names no rule set (or one that is gone)
    row.body = UnpackRecordText(row.body, PackedValues{row.id, rule_set});
  }
  return row;
}
RevocationRow ReadRevocation(const Statement& s) {
  return RevocationRow{s.Text(0), s.Text(1), s.Text(2), s.Int(3)};
}

// A learner's change is its seq until outcomes are added to it (schema 10).
constexpr const char* kLearnerColumns =
    "SELECT seq, pseudonym, learner_id, name, coalesce(changed, seq) FROM learners ";
// A record's pseudonym is stored only when the bank has no account for it (learner_seq 0, schema 7);
// otherwise learner_seq names its learner, whatever the pseudonym column holds: the bank writes no
// row with both, so one is an edit, and every reader (RecordsOf too) must take the row as the same
// learner's for `verify` to compare that learner with the record's. Clauses after this name the
// records' columns `r.`. The last two columns are how the text is packed and the rule set it leaves out.
constexpr const char* kRecordColumns =
    "SELECT r.leaf_index, r.id, r.type, "
    "CASE r.learner_seq WHEN 0 THEN r.pseudonym ELSE coalesce(l.pseudonym, '') END, r.programme, r.body, "
    "r.leaf_hash, r.packed, rs.hash FROM records r "
    "LEFT JOIN learners l ON r.learner_seq != 0 AND l.seq = r.learner_seq "
    "LEFT JOIN rule_sets rs ON r.packed > 0 AND rs.version = r.packed ";

// The statements of the bulk write path, held by index rather than looked up by their text.
enum Hot { kInsertLearner, kLearnerByPseudonym, kLearnerSeq, kOutcomeSetsOf, kInsertOutcomeSet, kFindRecord,
           kFindLearnersRecord, kNextLeaf, kInsertRecord, kAnyOrphanRecord, kHotCount };
constexpr const char* kHotSql[kHotCount] = {
    // PutLearner looks the pseudonym up first: the table has no unique index (schema 5).
    "INSERT INTO learners (seq, pseudonym_key, pseudonym, learner_id, name) VALUES (?1, ?2, ?3, ?4, ?5)",
    // Found through the pseudonym's index key, then compared in full.
    "SELECT seq, pseudonym, learner_id, name, coalesce(changed, seq) FROM learners "
    "WHERE pseudonym_key = ?1 AND pseudonym = ?2",
    "SELECT seq FROM learners WHERE pseudonym_key = ?1 AND pseudonym = ?2",
    "SELECT seq, outcomes FROM outcome_sets WHERE learner_seq = ?1 ORDER BY seq",
    "INSERT INTO outcome_sets (learner_seq, count, outcomes) VALUES (?1, ?2, ?3)",
    // A record is its learner's (the id hashes the pseudonym), stored with the learner's number or,
    // before the learner had an account, with 0: found through records_by_learner, without the body.
    "SELECT leaf_index FROM records WHERE learner_seq IN (?1, 0) AND id_key = ?2 AND id = ?3",
    // The same where no record lacks its learner (or for one that has no account, ?1 = 0): an IN list
    // builds a temporary index at every step, which took half of the look-up's time.
    "SELECT leaf_index FROM records WHERE learner_seq = ?1 AND id_key = ?2 AND id = ?3",
    "SELECT coalesce(max(leaf_index) + 1, 0) FROM records",
    "INSERT INTO records (leaf_index, id_key, id, type, learner_seq, pseudonym, programme, body, leaf_hash, "
    "packed) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    // Records stored before their learner was (learner_seq 0): through the index on learner_seq.
    "SELECT EXISTS (SELECT 1 FROM records WHERE learner_seq = 0)",
};

class SqliteStore : public Store {
 public:
  SqliteStore(SqliteDb db, std::string path, int soft_frames, int hard_frames)
      : db_(std::move(db)), path_(std::move(path)), record_ids_(db_.get()) {
    checkpointer_ = WalCheckpointer::Install(db_.get(), path_, soft_frames, hard_frames);
  }

  Status Transaction(const std::function<Status()>& body) override {
    // A transaction that follows this connection's last one closely (a batch run's) first leaves the
    // write lock free for a moment, so that another writer waiting for it (a revoke) gets its turn:
    // waiting connections try every millisecond (sqlite_open.cc).
    if (last_end_ && std::chrono::steady_clock::now() - *last_end_ < kTurnForOthers) {
      std::this_thread::sleep_for(kTurnForOthers);
    }
    Status s = TransactionBody(body);
    last_end_ = std::chrono::steady_clock::now();
    return s;
  }

  // One read transaction: in WAL mode it reads the log up to the frame that was last committed when
  // it began, and a writer on another connection (a batch run) commits after that frame without
  // waiting for it. What it costs the writer: no checkpoint can copy the frames committed after the
  // reader's into the database file while the reader may still need the file's older pages, so the log
  // grows past WalCheckpointer's bound by what is committed meanwhile, and each commit past that
  // bound waits for a pass that finds little to copy. Accepted: the log is copied and starts again
  // once the reader ends, and a verify of the whole bank reads for minutes at most.
  Status ReadSnapshot(const std::function<Status()>& body) override {
    if (sqlite3_get_autocommit(db_.get()) == 0) return body();
    CB_RETURN_IF_ERROR(SqliteExec(db_.get(), "BEGIN DEFERRED"));
    // A deferred transaction takes its snapshot at its first read: read now, so that the snapshot is the
    // store as of this call whatever `body` reads first.
    Status s = SqliteExec(db_.get(), "SELECT count(*) FROM meta");
    if (s.ok()) s = body();
    // Nothing was written: COMMIT only ends the read.
    Status ended = SqliteExec(db_.get(), "COMMIT");
    if (!s.ok()) return s;
    return ended;
  }

  StatusOr<std::unique_ptr<RunLock>> TryLockRun(std::string_view holder) override {
    return LockRunFile(path_, holder);
  }

  StatusOr<std::string> GetMeta(std::string_view key) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("SELECT value FROM meta WHERE key = ?1"));
    s->Bind(1, key);
    CB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::string();
    std::string v = s->Text(0);
    s->Reset();
    return v;
  }
  Status PutMeta(std::string_view key, std::string_view value) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)"));
    return s->Bind(1, key).Bind(2, value).Run();
  }

  StatusOr<bool> PutLearner(LearnerRow* row) override {
    CB_ASSIGN_OR_RETURN(std::optional<LearnerRow> found, FindLearner(row->pseudonym));
    if (found) {
      if (found->learner_id != row->learner_id) {
        return Corruption("learner " + row->pseudonym + ": pseudonym already names another learner");
      }
      row->seq = found->seq;
      learner_seqs_.Put(row->pseudonym, row->seq);
      return false;
    }
    // Its seq is its change: after every learner stored or changed before (LearnersChangedAfter).
    CB_ASSIGN_OR_RETURN(row->seq, NextChange());
    row->changed = row->seq;
    CB_ASSIGN_OR_RETURN(Statement * insert, HotStmt(kInsertLearner));
    CB_RETURN_IF_ERROR(insert->Bind(1, row->seq).Bind(2, IndexKey(row->pseudonym)).BindUnowned(3, row->pseudonym)
                           .BindUnowned(4, row->learner_id).BindUnowned(5, row->name).Run());
    learner_seqs_.Put(row->pseudonym, row->seq);
    if (InTransaction()) cache_.AddNewLearner(row->seq);
    return true;
  }
  StatusOr<std::optional<LearnerRow>> FindLearner(std::string_view pseudonym) override {
    CB_ASSIGN_OR_RETURN(Statement * s, HotStmt(kLearnerByPseudonym));
    s->Bind(1, IndexKey(pseudonym)).Bind(2, pseudonym);
    CB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<LearnerRow>();
    std::optional<LearnerRow> found(ReadLearner(*s));
    s->Reset();
    return found;
  }
  StatusOr<int64_t> LearnerCount() override { return Count("SELECT count(*) FROM learners"); }
  StatusOr<std::vector<LearnerRow>> LearnersChangedAfter(int64_t after_change, int64_t limit) override {
    // Those never changed since they were stored, by seq, merged with those changed since, through the
    // partial index learners_by_change.
    CB_ASSIGN_OR_RETURN(Statement * unchanged,
                        Stmt(std::string(kLearnerColumns) + "WHERE seq > ?1 AND changed IS NULL ORDER BY seq LIMIT ?2"));
    unchanged->Bind(1, after_change).Bind(2, limit);
    CB_ASSIGN_OR_RETURN(std::vector<LearnerRow> stored, Collect<LearnerRow>(unchanged, ReadLearner));
    CB_ASSIGN_OR_RETURN(Statement * since,
                        Stmt(std::string(kLearnerColumns) + "WHERE changed > ?1 ORDER BY changed LIMIT ?2"));
    since->Bind(1, after_change).Bind(2, limit);
    CB_ASSIGN_OR_RETURN(std::vector<LearnerRow> changed, Collect<LearnerRow>(since, ReadLearner));
    std::vector<LearnerRow> rows;
    rows.reserve(stored.size() + changed.size());
    std::merge(std::make_move_iterator(stored.begin()), std::make_move_iterator(stored.end()),
               std::make_move_iterator(changed.begin()), std::make_move_iterator(changed.end()), std::back_inserter(rows),
               [](const LearnerRow& a, const LearnerRow& b) { return a.changed < b.changed; });
    if (static_cast<int64_t>(rows.size()) > limit) rows.resize(static_cast<size_t>(std::max<int64_t>(limit, 0)));
    // A convert over the bank's learners reads their outcomes and appends their records next: both
    // find the learner's number here instead of in the index on pseudonyms.
    for (const LearnerRow& row : rows) learner_seqs_.Put(row.pseudonym, row.seq);
    return rows;
  }

  StatusOr<int64_t> PutOutcomes(std::span<const OutcomeRow> rows) override {
    if (rows.empty()) return int64_t{0};
    CB_RETURN_IF_ERROR(CheckOneLearner(rows));
    const std::string& pseudonym = rows.front().pseudonym;
    CB_ASSIGN_OR_RETURN(int64_t learner, LearnerSeq(pseudonym));
    if (learner == 0) {
      return FailedPrecondition("outcome " + rows.front().outcome_id + ": the bank has no learner " + pseudonym);
    }
    // The hash includes the pseudonym: it can only repeat among this learner's own outcomes. Those of
    // a learner this transaction inserted are known without reading the file.
    const bool in_transaction = InTransaction();
    std::optional<std::vector<OutcomeRow>> stored;  // the learner's outcomes in the file, once read
    std::vector<std::string_view> fresh;
    std::string& text = set_text_;
    text.clear();
    for (const OutcomeRow& row : rows) {
      if (std::find(fresh.begin(), fresh.end(), row.hash) != fresh.end()) continue;
      if (!in_transaction || !cache_.NewLearnerLacksOutcome(learner, row.hash)) {
        if (!stored) {
          CB_ASSIGN_OR_RETURN(std::vector<OutcomeRow> read, OutcomesOfLearner(learner, pseudonym));
          stored = std::move(read);
        }
        if (std::any_of(stored->begin(), stored->end(), [&](const OutcomeRow& o) { return o.hash == row.hash; })) {
          continue;
        }
      }
      fresh.push_back(row.hash);
      AppendOutcomeLine(row, &text);
    }
    const auto added = static_cast<int64_t>(fresh.size());
    if (added == 0) return added;
    CB_ASSIGN_OR_RETURN(Statement * s, HotStmt(kInsertOutcomeSet));
    CB_RETURN_IF_ERROR(s->Bind(1, learner).Bind(2, added).BindUnowned(3, text).Run());
    if (in_transaction) {
      for (std::string_view hash : fresh) cache_.AddNewLearnerOutcome(learner, hash);
    }
    // A learner stored before this transaction has changed: a run over the bank's learners that has
    // passed it meets it again. (One this transaction inserted took its change then.)
    if (!in_transaction || !cache_.IsNewLearner(learner)) CB_RETURN_IF_ERROR(BumpChange(learner));
    return added;
  }
  StatusOr<bool> MarkLearnerChanged(std::string_view pseudonym) override {
    CB_ASSIGN_OR_RETURN(int64_t learner, LearnerSeq(pseudonym));
    if (learner == 0) return false;
    CB_RETURN_IF_ERROR(BumpChange(learner));
    return true;
  }
  StatusOr<std::vector<OutcomeRow>> OutcomesOf(std::string_view pseudonym) override {
    CB_ASSIGN_OR_RETURN(int64_t learner, LearnerSeq(pseudonym));
    if (learner == 0) return std::vector<OutcomeRow>();
    return OutcomesOfLearner(learner, pseudonym);
  }
  StatusOr<int64_t> OutcomeCount() override { return Count("SELECT coalesce(sum(count), 0) FROM outcome_sets"); }

  StatusOr<bool> PutRuleSet(RuleSetRow* row) override {
    CB_ASSIGN_OR_RETURN(auto found, FindRuleSet(row->hash));
    if (found) {
      row->version = found->version;
      return false;
    }
    CB_ASSIGN_OR_RETURN(Statement * s,
                        Stmt("INSERT INTO rule_sets (hash, canonical, loaded_at) VALUES (?1, ?2, ?3)"));
    CB_RETURN_IF_ERROR(s->Bind(1, row->hash).Bind(2, row->canonical).Bind(3, row->loaded_at).Run());
    row->version = sqlite3_last_insert_rowid(db_.get());
    cache_.rule_sets.reset();
    return true;
  }
  StatusOr<std::optional<RuleSetRow>> FindRuleSet(std::string_view hash) override {
    return FindOne<RuleSetRow>("SELECT version, hash, canonical, loaded_at FROM rule_sets WHERE hash = ?1",
                               hash, ReadRuleSet);
  }
  StatusOr<std::optional<RuleSetRow>> LatestRuleSet() override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("SELECT version, hash, canonical, loaded_at FROM rule_sets "
                                            "ORDER BY version DESC LIMIT 1"));
    CB_ASSIGN_OR_RETURN(auto rows, Collect<RuleSetRow>(s, ReadRuleSet));
    if (rows.empty()) return std::optional<RuleSetRow>();
    return std::optional<RuleSetRow>(std::move(rows.front()));
  }

  StatusOr<bool> AppendRecord(RecordRow* row) override {
    // Outside a transaction, in one of its own: the record and its id's entry are one write.
    if (!InTransaction()) {
      bool added = false;
      CB_RETURN_IF_ERROR(TransactionBody([&]() -> Status {
        CB_ASSIGN_OR_RETURN(added, AppendRecord(row));
        return Status::Ok();
      }));
      return added;
    }
    const int64_t id_key = IndexKey(row->id);
    CB_ASSIGN_OR_RETURN(int64_t learner, LearnerSeq(row->pseudonym));
    // A record of a learner this transaction inserted is known to be new without reading the file,
    // once the file is known to hold no record without a learner.
    bool surely_new = false;
    if (learner != 0) {
      if (!cache_.no_orphan_records) {
        CB_ASSIGN_OR_RETURN(Statement * orphans, HotStmt(kAnyOrphanRecord));
        CB_ASSIGN_OR_RETURN(int64_t any, StepInt(orphans));
        cache_.no_orphan_records = any == 0;
      }
      surely_new = cache_.NewLearnerLacksRecord(learner, row->id);
    }
    if (!surely_new) {
      const bool own_only = learner == 0 || cache_.no_orphan_records.value_or(false);
      CB_ASSIGN_OR_RETURN(Statement * find, HotStmt(own_only ? kFindLearnersRecord : kFindRecord));
      find->Bind(1, learner).Bind(2, id_key).Bind(3, row->id);
      CB_ASSIGN_OR_RETURN(bool exists, find->Step());
      if (exists) {
        row->leaf_index = find->Int(0);
        find->Reset();
        return false;
      }
    }
    // The ledger's end is read once per transaction: only this connection appends while it holds
    // the write lock.
    int64_t next = 0;
    if (cache_.next_leaf) {
      next = *cache_.next_leaf;
    } else {
      CB_ASSIGN_OR_RETURN(Statement * end, HotStmt(kNextLeaf));
      CB_ASSIGN_OR_RETURN(next, StepInt(end));
    }
    // The text without what the row and the rule sets hold (schema 11), or whole.
    CB_ASSIGN_OR_RETURN(const RuleSetVersions* versions, RuleSets());
    int64_t rule_set = 0;  // none left out
    const std::optional<PackedText> packed = PackRecordText(row->body, row->id, [&](std::string_view hash) {
      for (const auto& [version, known] : *versions) {
        if (known == hash) rule_set = version;
      }
      return rule_set != 0;
    });
    CB_ASSIGN_OR_RETURN(Statement * s, HotStmt(kInsertRecord));
    // The learner's pseudonym is theirs through learner_seq; only one without an account is stored.
    const std::string_view stored_pseudonym = learner == 0 ? std::string_view(row->pseudonym) : std::string_view("");
    s->Bind(1, next).Bind(2, id_key).BindUnowned(3, row->id).BindUnowned(4, row->type).Bind(5, learner);
    s->BindUnowned(6, stored_pseudonym).BindUnowned(7, row->programme).BindBlobUnowned(9, row->leaf_hash);
    if (packed) {
      s->BindUnowned(8, packed->text).Bind(10, rule_set);
    } else {
      s->BindUnowned(8, row->body).BindNull(10);
    }
    CB_RETURN_IF_ERROR(s->Run());
    record_ids_.Add(id_key, next);
    cache_.next_leaf = next + 1;
    cache_.AddNewLearnerRecord(learner, row->id);
    if (learner == 0) cache_.no_orphan_records = false;
    row->leaf_index = next;
    return true;
  }
  StatusOr<std::optional<RecordRow>> FindRecord(std::string_view id) override {
    const int64_t key = IndexKey(id);
    CB_ASSIGN_OR_RETURN(std::vector<RecordRow> rows, RecordsById(key, key, id, id, 1));
    if (rows.empty()) return std::optional<RecordRow>();
    return std::optional<RecordRow>(std::move(rows.front()));
  }
  StatusOr<std::vector<RecordRow>> FindRecordsByPrefix(std::string_view prefix, int64_t limit) override {
    // Record ids are lower-case hex, so the range [prefix, prefix + "g"] holds exactly the matches; the
    // index keys of that range lie between those of the prefix padded with 0x00 and with 0xff bytes.
    const std::string low(prefix.substr(0, 8));
    std::string high = low;
    high.resize(8, '\xff');
    return RecordsById(IndexKey(low), IndexKey(high), prefix, std::string(prefix) + "g", limit);
  }
  StatusOr<std::vector<LearnerRow>> FindLearnersByPrefix(std::string_view prefix, int64_t limit) override {
    // As FindRecordsByPrefix: the pseudonyms in [prefix, prefix + "g"), found through their keys' range.
    const std::string low(prefix.substr(0, 8));
    std::string high = low;
    high.resize(8, '\xff');
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(std::string(kLearnerColumns) +
                                            "WHERE pseudonym_key BETWEEN ?1 AND ?2 AND pseudonym >= ?3 AND "
                                            "pseudonym < ?4 ORDER BY pseudonym LIMIT ?5"));
    s->Bind(1, IndexKey(low)).Bind(2, IndexKey(high)).Bind(3, prefix).Bind(4, std::string(prefix) + "g");
    s->Bind(5, limit);
    return Collect<LearnerRow>(s, ReadLearner);
  }
  StatusOr<std::vector<RecordRow>> RecordsOf(std::string_view pseudonym) override {
    // With those stored before the learner was put (learner_seq 0), as the memory store answers. A
    // record stored with the learner's number has no pseudonym of its own since schema 7; the rows
    // are the learner's as kRecordColumns reads them.
    CB_ASSIGN_OR_RETURN(int64_t learner, LearnerSeq(pseudonym));
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(std::string(kRecordColumns) +
                                            "WHERE r.learner_seq IN (?1, 0) AND (r.learner_seq != 0 OR "
                                            "r.pseudonym = ?2) ORDER BY r.leaf_index"));
    s->Bind(1, learner).Bind(2, pseudonym);
    return Collect<RecordRow>(s, ReadRecord);
  }
  StatusOr<int64_t> RecordCount() override { return Count("SELECT count(*) FROM records"); }
  StatusOr<std::vector<RecordRow>> RevocationRecords() override {
    // Through the partial index records_revocations (schema 9).
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(std::string(kRecordColumns) +
                                            "WHERE r.type = 'revocation' ORDER BY r.leaf_index"));
    return Collect<RecordRow>(s, ReadRecord);
  }
  StatusOr<std::vector<std::string>> RecordLookupProblems() override {
    // The runs and the records, read in one snapshot: a record committed between the two reads would
    // look unlisted, or listed but not stored.
    std::vector<std::string> problems;
    CB_RETURN_IF_ERROR(ReadSnapshot([&]() -> Status {
      CB_ASSIGN_OR_RETURN(problems, record_ids_.Problems());
      return LearnerLookupProblems(&problems);
    }));
    return problems;
  }
  Status ForEachLearner(const std::function<Status(const LearnerRow&)>& fn) override {
    CB_ASSIGN_OR_RETURN(auto s, Statement::Prepare(db_.get(), std::string(kLearnerColumns) + "ORDER BY seq"));
    while (true) {
      CB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return Status::Ok();
      CB_RETURN_IF_ERROR(fn(ReadLearner(*s)));
    }
  }
  StatusOr<std::vector<RecordRow>> RecordsFrom(int64_t first_leaf, int64_t limit) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(std::string(kRecordColumns) +
                                            "WHERE r.leaf_index >= ?1 ORDER BY r.leaf_index LIMIT ?2"));
    s->Bind(1, first_leaf).Bind(2, limit);
    return Collect<RecordRow>(s, ReadRecord);
  }

  StatusOr<bool> PutBatch(const BatchRow& row) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("INSERT INTO batches (origin, note, leaves) VALUES (?1, ?2, ?3) "
                                            "ON CONFLICT (origin) DO NOTHING"));
    CB_RETURN_IF_ERROR(s->Bind(1, row.origin).BindUnowned(2, row.note).BindBlobUnowned(3, row.leaves).Run());
    if (sqlite3_changes(db_.get()) > 0) return true;
    CB_ASSIGN_OR_RETURN(std::optional<BatchRow> stored, FindBatch(row.origin));
    if (!stored || stored->note != row.note || stored->leaves != row.leaves) return BatchConflict(row.origin);
    return false;
  }
  StatusOr<std::optional<BatchRow>> FindBatch(std::string_view origin) override {
    return FindOne<BatchRow>("SELECT origin, note, leaves FROM batches WHERE origin = ?1", origin,
                             [](const Statement& st) { return BatchRow{st.Text(0), st.Text(1), st.Text(2)}; });
  }

  Status PutCheckpoint(const CheckpointRow& row) override {
    CB_ASSIGN_OR_RETURN(Statement * s,
                        Stmt("INSERT OR REPLACE INTO checkpoints (tree_size, root, note) VALUES (?1, ?2, ?3)"));
    return s->Bind(1, row.tree_size).BindBlob(2, row.root).Bind(3, row.note).Run();
  }
  StatusOr<std::vector<CheckpointRow>> Checkpoints() override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("SELECT tree_size, root, note FROM checkpoints ORDER BY tree_size"));
    return Collect<CheckpointRow>(s, [](const Statement& st) {
      return CheckpointRow{st.Int(0), st.Text(1), st.Text(2)};
    });
  }

  Status PutKey(const KeyRow& row) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("INSERT OR REPLACE INTO keys (key_id, public_key, created, retired) "
                                            "VALUES (?1, ?2, ?3, ?4)"));
    return s->Bind(1, row.key_id).BindBlob(2, row.public_key).Bind(3, row.created).Bind(4, row.retired).Run();
  }
  StatusOr<std::vector<KeyRow>> Keys() override {
    CB_ASSIGN_OR_RETURN(Statement * s,
                        Stmt("SELECT key_id, public_key, created, retired FROM keys "
                             "ORDER BY created, retired = '', retired, key_id"));
    return Collect<KeyRow>(s, [](const Statement& st) {
      return KeyRow{st.Text(0), st.Text(1), st.Text(2), st.Text(3)};
    });
  }

  Status PutRevocation(const RevocationRow& row) override {
    CB_ASSIGN_OR_RETURN(auto found, FindRevocation(row.record_id));
    if (found) return AlreadyExists("record " + row.record_id + " is revoked already");
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("INSERT INTO revocations (record_id, reason, revoked_at, "
                                            "status_index) VALUES (?1, ?2, ?3, ?4)"));
    return s->Bind(1, row.record_id).Bind(2, row.reason).Bind(3, row.revoked_at).Bind(4, row.status_index).Run();
  }
  StatusOr<std::optional<RevocationRow>> FindRevocation(std::string_view record_id) override {
    return FindOne<RevocationRow>("SELECT record_id, reason, revoked_at, status_index FROM revocations "
                                  "WHERE record_id = ?1", record_id, ReadRevocation);
  }
  StatusOr<std::vector<RevocationRow>> Revocations() override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("SELECT record_id, reason, revoked_at, status_index FROM revocations "
                                            "ORDER BY status_index"));
    return Collect<RevocationRow>(s, ReadRevocation);
  }

  StatusOr<std::optional<RunRow>> FindRun(std::string_view run) override {
    return FindOne<RunRow>("SELECT run, learners_done, last_seq, state FROM runs WHERE run = ?1", run,
                           [](const Statement& st) { return RunRow{st.Text(0), st.Int(1), st.Int(2), st.Text(3)}; });
  }
  Status PutRun(const RunRow& row) override {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt("INSERT OR REPLACE INTO runs (run, learners_done, last_seq, state) "
                                            "VALUES (?1, ?2, ?3, ?4)"));
    return s->Bind(1, row.run).Bind(2, row.learners_done).Bind(3, row.last_seq).Bind(4, row.state).Run();
  }

 private:
  // Transaction without the turn left to other writers.
  Status TransactionBody(const std::function<Status()>& body) {
    CB_RETURN_IF_ERROR(SqliteExec(db_.get(), "BEGIN IMMEDIATE"));
    in_transaction_ = true;
    Status s = body();
    // The ids of the records the body appended, as one sorted run (record_id_runs.h).
    if (s.ok() && InTransaction()) s = record_ids_.Flush();
    if (s.ok()) s = SqliteExec(db_.get(), "COMMIT");
    in_transaction_ = false;
    cache_.Clear();
    record_ids_.Discard();
    if (s.ok()) return s;
    learner_seqs_.Clear();  // learners added in the body are gone, their numbers free again
    Status rollback = SqliteExec(db_.get(), "ROLLBACK");
    (void)rollback;  // the body's failure is the one to report
    return s;
  }

  // The bank's rule sets, read once per transaction (a version is only sure while the write lock is
  // held: a rolled-back insert frees its number).
  using RuleSetVersions = std::vector<std::pair<int64_t, std::string>>;
  StatusOr<const RuleSetVersions*> RuleSets() {
    if (!cache_.rule_sets) {
      CB_ASSIGN_OR_RETURN(Statement * s, Stmt("SELECT version, hash FROM rule_sets"));
      RuleSetVersions versions;
      while (true) {
        CB_ASSIGN_OR_RETURN(bool row, s->Step());
        if (!row) break;
        versions.emplace_back(s->Int(0), s->Text(1));
      }
      cache_.rule_sets = std::move(versions);
    }
    return &*cache_.rule_sets;
  }

  // The cached prepared statement for `sql`.
  StatusOr<Statement*> Stmt(const std::string& sql) {
    auto it = statements_.find(sql);
    if (it != statements_.end()) return it->second.get();
    CB_ASSIGN_OR_RETURN(auto s, Statement::Prepare(db_.get(), sql));
    Statement* raw = s.get();
    statements_.emplace(sql, std::move(s));
    return raw;
  }

  template <typename Row, typename Reader>
  StatusOr<std::vector<Row>> Collect(Statement* s, Reader read) {
    std::vector<Row> rows;
    while (true) {
      CB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return rows;
      rows.push_back(read(*s));
    }
  }

  // The prepared statement kHotSql[id], prepared on first use.
  StatusOr<Statement*> HotStmt(Hot id) {
    if (hot_[id] == nullptr) {
      CB_ASSIGN_OR_RETURN(hot_[id], Statement::Prepare(db_.get(), kHotSql[id]));
    }
    return hot_[id].get();
  }

  // The records whose ids lie in [from, to] and have index keys in [low, high], in id order, at most
  // `limit`. Index keys keep the order of the ids' first 8 bytes, so the records of the smallest keys
  // come first: their rows are read in key order until `limit` are found and the key changes.
  StatusOr<std::vector<RecordRow>> RecordsById(int64_t low, int64_t high, std::string_view from, std::string_view to,
                                               int64_t limit) {
    std::vector<RecordRow> rows;
    if (limit <= 0) return rows;
    CB_ASSIGN_OR_RETURN(std::vector<RecordIdRuns::Entry> entries,
                        record_ids_.Find(low, high, static_cast<size_t>(limit)));
    CB_ASSIGN_OR_RETURN(Statement * at,
                        Stmt(std::string(kRecordColumns) + "WHERE r.leaf_index = ?1 AND r.id BETWEEN ?2 AND ?3"));
    for (size_t i = 0; i < entries.size(); ++i) {
      if (static_cast<int64_t>(rows.size()) >= limit && entries[i].first != entries[i - 1].first) break;
      at->Bind(1, entries[i].second).Bind(2, from).Bind(3, to);
      CB_ASSIGN_OR_RETURN(std::vector<RecordRow> found, Collect<RecordRow>(at, ReadRecord));
      for (RecordRow& r : found) rows.push_back(std::move(r));
    }
    std::sort(rows.begin(), rows.end(), [](const RecordRow& a, const RecordRow& b) { return a.id < b.id; });
    if (static_cast<int64_t>(rows.size()) > limit) rows.resize(static_cast<size_t>(limit));
    return rows;
  }

  // Inside Transaction's body, with the write lock still held (a failed statement may have made SQLite
  // roll the transaction back on its own).
  bool InTransaction() const { return in_transaction_ && sqlite3_get_autocommit(db_.get()) == 0; }

  template <typename Row, typename Reader>
  StatusOr<std::optional<Row>> FindOne(const std::string& sql, std::string_view key, Reader read) {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(sql));
    return FindOne<Row>(s, key, read);
  }
  template <typename Row, typename Reader>
  StatusOr<std::optional<Row>> FindOne(Statement* s, std::string_view key, Reader read) {
    s->Bind(1, key);
    CB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return std::optional<Row>();
    std::optional<Row> found(read(*s));
    s->Reset();
    return found;
  }

  // Every outcome of learner `learner`, whose pseudonym is `pseudonym`, set by set.
  StatusOr<std::vector<OutcomeRow>> OutcomesOfLearner(int64_t learner, std::string_view pseudonym) {
    CB_ASSIGN_OR_RETURN(Statement * s, HotStmt(kOutcomeSetsOf));
    s->Bind(1, learner);
    std::vector<OutcomeRow> out;
    while (true) {
      CB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) return out;
      Status parsed = ParseOutcomeLines(s->Text(1), s->Int(0), pseudonym, &out);
      if (!parsed.ok()) {
        s->Reset();
        return parsed;
      }
    }
  }

  // The learner's sequence number, or 0 when the bank has no learner with this pseudonym.
  // A learner is found by its pseudonym's key, and the table has no unique index on pseudonyms (schema
  // 5): a row stored under another key is found by no look-up, and a second row with a learner's
  // pseudonym (made by an edit of the file) would be read, and decided, in place of the first.
  Status LearnerLookupProblems(std::vector<std::string>* problems) {
    CB_ASSIGN_OR_RETURN(auto s, Statement::Prepare(db_.get(), "SELECT seq, pseudonym_key, pseudonym FROM learners "
                                                              "ORDER BY seq"));
    std::vector<std::pair<int64_t, int64_t>> keys;  // (key of the pseudonym, seq)
    while (true) {
      CB_ASSIGN_OR_RETURN(bool row, s->Step());
      if (!row) break;
      const int64_t key = IndexKey(s->Text(2));
      if (s->Int(1) != key) {
        problems->push_back("learner " + std::to_string(s->Int(0)) +
                            ": stored with another pseudonym's key, so not found by its pseudonym");
      }
      keys.emplace_back(key, s->Int(0));
    }
    const char* by_seq = "SELECT pseudonym FROM learners WHERE seq = ?1";
    return NoteRepeatedTexts(db_.get(), by_seq, std::move(keys), [&](int64_t first, int64_t again,
                                                                       const std::string& p) {
      problems->push_back("learner " + std::to_string(again) + ": pseudonym " + p.substr(0, 12) +
                          "… again, stored first as learner " + std::to_string(first));
    });
  }

  StatusOr<int64_t> LearnerSeq(std::string_view pseudonym) {
    if (std::optional<int64_t> seq = learner_seqs_.Find(pseudonym)) return *seq;
    CB_ASSIGN_OR_RETURN(Statement * s, HotStmt(kLearnerSeq));
    s->Bind(1, IndexKey(pseudonym)).Bind(2, pseudonym);
    CB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) return int64_t{0};
    const int64_t seq = s->Int(0);
    s->Reset();
    learner_seqs_.Put(pseudonym, seq);
    return seq;
  }

  // Gives the learner (by seq) the next change.
  Status BumpChange(int64_t learner) {
    CB_ASSIGN_OR_RETURN(int64_t change, NextChange());
    CB_ASSIGN_OR_RETURN(Statement * bump, Stmt("UPDATE learners SET changed = ?1 WHERE seq = ?2"));
    return bump->Bind(1, change).Bind(2, learner).Run();
  }

  // The value of the next learner change (LearnerRow::changed): one more than the bank's last, read
  // through learners_by_change once a transaction and counted on from there while it holds the lock.
  StatusOr<int64_t> NextChange() {
    if (InTransaction() && cache_.next_change) return (*cache_.next_change)++;
    CB_ASSIGN_OR_RETURN(int64_t next, Count("SELECT max(coalesce((SELECT max(seq) FROM learners), 0), "
                                            "coalesce((SELECT max(changed) FROM learners WHERE changed IS NOT NULL), "
                                            "0)) + 1"));
    if (InTransaction()) cache_.next_change = next + 1;
    return next;
  }

  StatusOr<int64_t> Count(const std::string& sql) {
    CB_ASSIGN_OR_RETURN(Statement * s, Stmt(sql));
    return StepInt(s);
  }

  // Statements are declared after db_ so that they are finalized before the database is closed.
  SqliteDb db_;
  std::string path_;
  RecordIdRuns record_ids_;  // holds statements too
  std::unordered_map<std::string, std::unique_ptr<Statement>> statements_;
  std::unique_ptr<Statement> hot_[kHotCount];
  LearnerSeqCache learner_seqs_;
  bool in_transaction_ = false;
  TransactionCache cache_;
  static constexpr std::chrono::milliseconds kTurnForOthers{5};
  std::optional<std::chrono::steady_clock::time_point> last_end_;  // of the last Transaction
  std::string set_text_;  // PutOutcomes' text, kept for its capacity
  // Declared after db_: stopped before the database is closed, whose close checkpoints the rest.
  std::unique_ptr<WalCheckpointer> checkpointer_;
};

}  // namespace

StatusOr<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  CB_ASSIGN_OR_RETURN(SqliteDb db, OpenBankFile(path, mode));
  // Checkpoints start once the log holds 16 MiB (small commands leave it to the close), and a commit
  // waits for one once it holds 1 GiB (wal_checkpointer.h). A batch run commits about 120 MB of log
  // at a time; at 560,000 learners each wait took 0.8-1 s, and with a 256 MiB bound every second
  // commit waited (12 s of a 57 s run), with 1 GiB every eighth (4 s of 54 s). A larger log costs the
  // writer's page look-ups: with 4 GiB its CPU grew by a third.
  CB_ASSIGN_OR_RETURN(int64_t page_bytes, PageBytes(db.get()));
  const auto soft_frames = static_cast<int>((int64_t{16} << 20) / page_bytes);
  const auto hard_frames = static_cast<int>((int64_t{1} << 30) / page_bytes);
  return std::unique_ptr<Store>(new SqliteStore(std::move(db), path, soft_frames, hard_frames));
}

}  // namespace creditbank::store
