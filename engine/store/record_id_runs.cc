#include "engine/store/record_id_runs.h"

#include <algorithm>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <tuple>

#include "engine/store/sqlite_schema.h"

namespace creditbank::store {
namespace {

void PutLittleEndian(uint64_t v, std::string* out) {
  for (int i = 0; i < 8; ++i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

int64_t GetLittleEndian(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return static_cast<int64_t>(v);
}

// Keeps the `enough` first of the sorted `entries`, with the others of the last one's key.
void CutAfter(size_t enough, std::vector<RecordIdRuns::Entry>* entries) {
  if (entries->size() <= enough) return;
  const int64_t key = (*entries)[enough - 1].first;
  size_t end = enough;
  while (end < entries->size() && (*entries)[end].first == key) ++end;
  entries->resize(end);
}

// A run's blocks in key order: (first_key, entries).
constexpr char kRunBlocks[] = "SELECT first_key, entries FROM record_id_blocks WHERE run = ?1 ORDER BY first_key, block";

// The entries of `block` with keys in [low, high], appended to *out.
void AppendInRange(const std::vector<RecordIdRuns::Entry>& block, int64_t low, int64_t high,
                   std::vector<RecordIdRuns::Entry>* out) {
  for (const RecordIdRuns::Entry& e : block) {
    if (e.first >= low && e.first <= high) out->push_back(e);
  }
}

// The leaves that run entries name but the store does not hold (a look-up of such an id finds
// nothing): the smallest kNamed of them each named, the rest counted, so that a ledger cut short by
// many leaves gives a few lines and keeps a few numbers.
class UnstoredLeaves {
 public:
  static constexpr size_t kNamed = 10;

  void Add(int64_t leaf) {
    ++entries_;
    largest_ = std::max(largest_, leaf);
    smallest_.insert(leaf);
    if (smallest_.size() > kNamed) smallest_.erase(std::prev(smallest_.end()));
  }

  // "leaf 7: listed in the record id runs but not stored" for each named one, in leaf order, then
  // "record id runs: 90 more entries name leaves that are not stored, up to leaf 106" for the rest.
  std::vector<std::string> Lines() const {
    std::vector<std::string> lines;
    for (int64_t leaf : smallest_) {
      lines.push_back("leaf " + std::to_string(leaf) + ": listed in the record id runs but not stored");
    }
    if (entries_ > static_cast<int64_t>(smallest_.size())) {
      lines.push_back("record id runs: " + std::to_string(entries_ - static_cast<int64_t>(smallest_.size())) +
                      " more entries name leaves that are not stored, up to leaf " + std::to_string(largest_));
    }
    return lines;
  }

 private:
  int64_t entries_ = 0;
  int64_t largest_ = -1;
  std::set<int64_t> smallest_;
};

// Notes each record stored at a second leaf: a ledger holds a record once, and a copy (made by an edit
// of the file) could stand for an outcome whose certification was revoked. `keys` holds the (key of
// the id, leaf) of every stored record.
Status NoteRecordsStoredTwice(sqlite3* db, std::vector<std::pair<int64_t, int64_t>> keys,
                              const std::function<void(std::string)>& note) {
  const char* id_at = "SELECT id FROM records WHERE leaf_index = ?1";
  return NoteRepeatedTexts(db, id_at, std::move(keys), [&](int64_t first, int64_t again, const std::string& id) {
    note("leaf " + std::to_string(again) + ": record " + id.substr(0, 12) + "… again, stored first at leaf " +
         std::to_string(first));
  });
}

}  // namespace

std::string RecordIdRuns::EncodeBlock(std::span<const Entry> entries) {
  std::string bytes;
  bytes.reserve(entries.size() * 16);
  for (const auto& [key, leaf] : entries) {
    PutLittleEndian(static_cast<uint64_t>(key), &bytes);
    PutLittleEndian(static_cast<uint64_t>(leaf), &bytes);
  }
  return bytes;
}

Status RecordIdRuns::DecodeBlock(std::string_view bytes, std::vector<Entry>* out) {
  out->clear();
  if (bytes.empty() || bytes.size() % 16 != 0) {
    return Corruption("record id block of " + std::to_string(bytes.size()) + " bytes, not a positive multiple of 16");
  }
  for (size_t i = 0; i < bytes.size(); i += 16) {
    out->emplace_back(GetLittleEndian(bytes.data() + i), GetLittleEndian(bytes.data() + i + 8));
  }
  return Status::Ok();
}

int RecordIdRuns::Tier(int64_t entries) {
  int tier = 0;
  for (; entries >= kFanout; entries /= kFanout) ++tier;
  return tier;
}

std::vector<int64_t> RecordIdRuns::RunsToMerge(const std::vector<Run>& runs) {
  std::map<int, std::vector<int64_t>> by_tier;
  for (const Run& r : runs) by_tier[Tier(r.entries)].push_back(r.run);
  for (auto& [tier, members] : by_tier) {
    if (members.size() >= static_cast<size_t>(kFanout)) return std::move(members);
  }
  return {};
}

StatusOr<Statement*> RecordIdRuns::Prepared(std::unique_ptr<Statement>* slot, const char* sql) {
  if (*slot == nullptr) {
    CB_ASSIGN_OR_RETURN(*slot, Statement::Prepare(db_, sql));
  }
  return slot->get();
}

StatusOr<std::vector<RecordIdRuns::Run>> RecordIdRuns::ReadRuns() {
  CB_ASSIGN_OR_RETURN(Statement * s,
                      Prepared(&read_runs_, "SELECT run, entries FROM record_id_run_sizes ORDER BY run"));
  std::vector<Run> runs;
  while (true) {
    CB_ASSIGN_OR_RETURN(bool row, s->Step());
    if (!row) break;
    runs.push_back({s->Int(0), s->Int(1)});
  }
  return runs;
}

StatusOr<std::vector<RecordIdRuns::Entry>> RecordIdRuns::Find(int64_t low, int64_t high, size_t enough) {
  CB_ASSIGN_OR_RETURN(std::vector<Run> runs, ReadRuns());
  // Entries of a key below a block's first key can end the block before it.
  CB_ASSIGN_OR_RETURN(Statement * before,
                      Prepared(&block_before_, "SELECT entries FROM record_id_blocks WHERE run = ?1 AND first_key < ?2 "
                                               "ORDER BY first_key DESC, block DESC LIMIT 1"));
  CB_ASSIGN_OR_RETURN(Statement * from,
                      Prepared(&blocks_from_, "SELECT entries FROM record_id_blocks WHERE run = ?1 "
                                              "AND first_key BETWEEN ?2 AND ?3 ORDER BY first_key, block"));
  std::vector<Entry> found, of_run, block;
  for (const Run& run : runs) {
    of_run.clear();
    before->Bind(1, run.run).Bind(2, low);
    CB_ASSIGN_OR_RETURN(bool row, before->Step());
    if (row) {
      Status decoded = DecodeBlock(before->Text(0), &block);
      before->Reset();
      CB_RETURN_IF_ERROR(decoded.WithContext("record id run " + std::to_string(run.run)));
      AppendInRange(block, low, high, &of_run);
    }
    from->Bind(1, run.run).Bind(2, low).Bind(3, high);
    while (true) {
      // Once past the `enough` first, a block whose last key is beyond theirs ends what is needed.
      if (of_run.size() >= enough && of_run.back().first != of_run[enough - 1].first) {
        from->Reset();
        break;
      }
      CB_ASSIGN_OR_RETURN(row, from->Step());
      if (!row) break;
      Status decoded = DecodeBlock(from->Text(0), &block);
      if (!decoded.ok()) {
        from->Reset();
        return decoded.WithContext("record id run " + std::to_string(run.run));
      }
      AppendInRange(block, low, high, &of_run);
    }
    CutAfter(enough, &of_run);
    found.insert(found.end(), of_run.begin(), of_run.end());
  }
  of_run.clear();
  AppendInRange(pending_, low, high, &of_run);
  std::sort(of_run.begin(), of_run.end());
  CutAfter(enough, &of_run);
  found.insert(found.end(), of_run.begin(), of_run.end());
  std::sort(found.begin(), found.end());
  return found;
}

// Writes one run's entries, given in key order, a block at a time; Finish writes the last block and
// the run's size.
class RecordIdRuns::RunWriter {
 public:
  RunWriter(RecordIdRuns& owner, int64_t run) : owner_(owner), run_(run) { part_.reserve(kBlockEntries); }

  Status Add(const Entry& entry) {
    part_.push_back(entry);
    return part_.size() == kBlockEntries ? WritePart() : Status::Ok();
  }

  // The run's entries, once its last block and its size are written (nothing for an empty run).
  StatusOr<int64_t> Finish() {
    CB_RETURN_IF_ERROR(WritePart());
    if (entries_ == 0) return entries_;
    CB_ASSIGN_OR_RETURN(Statement * s, owner_.Prepared(&owner_.insert_run_, "INSERT INTO record_id_run_sizes "
                                                                             "(run, entries) VALUES (?1, ?2)"));
    CB_RETURN_IF_ERROR(s->Bind(1, run_).Bind(2, entries_).Run());
    return entries_;
  }

 private:
  Status WritePart() {
    if (part_.empty()) return Status::Ok();
    CB_ASSIGN_OR_RETURN(Statement * s, owner_.Prepared(&owner_.insert_block_, "INSERT INTO record_id_blocks "
                                                                               "(run, first_key, block, entries) "
                                                                               "VALUES (?1, ?2, ?3, ?4)"));
    const std::string bytes = EncodeBlock(part_);
    CB_RETURN_IF_ERROR(s->Bind(1, run_).Bind(2, part_.front().first).Bind(3, block_++).BindBlobUnowned(4, bytes).Run());
    entries_ += static_cast<int64_t>(part_.size());
    part_.clear();
    return Status::Ok();
  }

  RecordIdRuns& owner_;
  const int64_t run_;
  std::vector<Entry> part_;
  int64_t block_ = 0;
  int64_t entries_ = 0;
};

StatusOr<int64_t> RecordIdRuns::Merge(const std::vector<int64_t>& runs, int64_t into) {
  // A k-way merge of the runs, each read block by block in its key order, into the new run: a block of
  // each in memory. The blocks written have a run number that none of the reads asks for.
  struct Reader {
    std::unique_ptr<Statement> blocks;
    std::vector<Entry> block;
    size_t next = 0;
  };
  std::vector<Reader> readers(runs.size());
  using Head = std::tuple<int64_t, int64_t, size_t>;  // key, leaf, reader
  std::priority_queue<Head, std::vector<Head>, std::greater<Head>> heads;
  const auto advance = [&](size_t i) -> Status {
    Reader& r = readers[i];
    if (r.next == r.block.size()) {
      CB_ASSIGN_OR_RETURN(bool row, r.blocks->Step());
      if (!row) return Status::Ok();
      CB_RETURN_IF_ERROR(
          DecodeBlock(r.blocks->Text(1), &r.block).WithContext("record id run " + std::to_string(runs[i])));
      r.next = 0;
    }
    heads.emplace(r.block[r.next].first, r.block[r.next].second, i);
    ++r.next;
    return Status::Ok();
  };
  for (size_t i = 0; i < runs.size(); ++i) {
    CB_ASSIGN_OR_RETURN(readers[i].blocks, Statement::Prepare(db_, kRunBlocks));
    readers[i].blocks->Bind(1, runs[i]);
    CB_RETURN_IF_ERROR(advance(i));
  }
  RunWriter out(*this, into);
  while (!heads.empty()) {
    const auto [key, leaf, from] = heads.top();
    heads.pop();
    CB_RETURN_IF_ERROR(out.Add({key, leaf}));
    CB_RETURN_IF_ERROR(advance(from));
  }
  CB_ASSIGN_OR_RETURN(const int64_t entries, out.Finish());
  std::string list;
  for (int64_t r : runs) list += (list.empty() ? "" : ",") + std::to_string(r);
  const std::string drop = "DELETE FROM record_id_blocks WHERE run IN (" + list + ");"
                           "DELETE FROM record_id_run_sizes WHERE run IN (" + list + ");";
  CB_RETURN_IF_ERROR(SqliteExec(db_, drop.c_str()).WithContext("merging record id runs " + list));
  return entries;
}

StatusOr<std::vector<std::string>> RecordIdRuns::Problems() {
  std::vector<std::string> problems;
  const auto note = [&](std::string line) { problems.push_back(std::move(line)); };
  // Every read below is bounded by this last leaf, so that records appended after it, were the reads
  // not one snapshot (the caller's to arrange), are left out rather than read past `listed`.
  CB_ASSIGN_OR_RETURN(auto last,
                      Statement::Prepare(db_, "SELECT coalesce(max(leaf_index), -1), count(*) FROM records"));
  CB_ASSIGN_OR_RETURN(bool any, last->Step());
  if (!any) return Internal("record id runs: no row from the count of records");
  const int64_t last_leaf = last->Int(0);
  // Leaves below `dense` are kept per leaf; those from it to last_leaf, which only a ledger with gaps
  // has (an edited leaf index can be 2^62), in a map.
  const int64_t dense = std::max<int64_t>(0, std::min(last_leaf + 1, last->Int(1)));
  last->Reset();
  // Whether each leaf is listed, and under which key.
  std::vector<bool> listed(static_cast<size_t>(dense), false);
  std::vector<int64_t> listed_key(listed.size());
  std::map<int64_t, int64_t> listed_beyond;  // leaf -> key
  UnstoredLeaves unstored;
  CB_ASSIGN_OR_RETURN(std::vector<Run> runs, ReadRuns());
  CB_ASSIGN_OR_RETURN(auto blocks, Statement::Prepare(db_, kRunBlocks));
  std::vector<Entry> block;
  for (const Run& run : runs) {
    const std::string name = "record id run " + std::to_string(run.run);
    int64_t entries = 0;
    blocks->Bind(1, run.run);
    while (true) {
      CB_ASSIGN_OR_RETURN(bool row, blocks->Step());
      if (!row) break;
      if (Status s = DecodeBlock(blocks->Text(1), &block); !s.ok()) {
        note(name + ": " + s.message());
        continue;
      }
      if (block.front().first != blocks->Int(0)) note(name + ": a block's first key is not its first entry's");
      entries += static_cast<int64_t>(block.size());
      for (const auto& [key, leaf] : block) {
        // Beyond the last stored leaf: the ledger's tail was cut off, or the entry altered.
        if (leaf < 0 || leaf > last_leaf) {
          unstored.Add(leaf);
          continue;
        }
        bool twice = false;
        if (leaf < dense) {
          twice = listed[static_cast<size_t>(leaf)];
          listed[static_cast<size_t>(leaf)] = true;
          listed_key[static_cast<size_t>(leaf)] = key;
        } else {
          twice = !listed_beyond.insert_or_assign(leaf, key).second;
        }
        if (twice) note("leaf " + std::to_string(leaf) + ": listed twice in the record id runs");
      }
    }
    if (entries != run.entries) {
      note(name + ": its blocks hold " + std::to_string(entries) + " entries, its count says " +
           std::to_string(run.entries));
    }
  }
  // Each stored record must be listed under its own id's key, and stored with it: a look-up computes
  // the key from the id.
  CB_ASSIGN_OR_RETURN(auto stored, Statement::Prepare(db_, "SELECT leaf_index, id, id_key FROM records "
                                                           "WHERE leaf_index <= ?1 ORDER BY leaf_index"));
  stored->Bind(1, last_leaf);
  std::vector<std::pair<int64_t, int64_t>> keys;  // (key of the id, leaf) of every stored record
  keys.reserve(static_cast<size_t>(dense));  // grown by doubling, it took twice the memory at 2 million
  int64_t next = 0;  // the first leaf not yet known to be stored or not
  const auto listed_up_to = [&](int64_t end) {
    for (; next < std::min(end, dense); ++next) {
      if (listed[static_cast<size_t>(next)]) unstored.Add(next);
    }
  };
  while (true) {
    CB_ASSIGN_OR_RETURN(bool row, stored->Step());
    if (!row) break;
    const int64_t leaf = stored->Int(0);
    const int64_t key = IndexKey(stored->Text(1));
    std::optional<int64_t> listed_as;
    if (leaf >= 0 && leaf < dense) {
      if (listed[static_cast<size_t>(leaf)]) listed_as = listed_key[static_cast<size_t>(leaf)];
      listed_up_to(leaf);
      next = leaf + 1;
    } else if (auto it = listed_beyond.find(leaf); it != listed_beyond.end()) {
      listed_as = it->second;
      listed_beyond.erase(it);
    }
    if (!listed_as) {
      note("leaf " + std::to_string(leaf) + ": in no record id run, so not found by its id");
    } else if (*listed_as != key) {
      note("leaf " + std::to_string(leaf) + ": listed in the record id runs under another id's key, so not found by "
           "its id");
    }
    // The key the look-ups among a learner's records use (and that a run's check for a record it has
    // already stored uses: a wrong one lets the record be stored twice).
    if (stored->Int(2) != key) {
      note("leaf " + std::to_string(leaf) + ": stored with another id's key, so not found among its learner's "
           "records");
    }
    keys.emplace_back(key, leaf);
  }
  listed_up_to(dense);
  for (const auto& [leaf, key] : listed_beyond) unstored.Add(leaf);
  for (std::string& line : unstored.Lines()) note(std::move(line));
  CB_RETURN_IF_ERROR(NoteRecordsStoredTwice(db_, std::move(keys), note));
  return problems;
}

Status RecordIdRuns::WriteFirstRun(const std::string& index) {
  CB_ASSIGN_OR_RETURN(auto ids, Statement::Prepare(db_, "SELECT id_key, leaf_index FROM records INDEXED BY " + index +
                                                            " ORDER BY id_key, leaf_index"));
  RunWriter first(*this, 1);
  while (true) {
    CB_ASSIGN_OR_RETURN(bool row, ids->Step());
    if (!row) break;
    CB_RETURN_IF_ERROR(first.Add({ids->Int(0), ids->Int(1)}));
  }
  return first.Finish().status();
}

Status RecordIdRuns::Flush() {
  if (pending_.empty()) return Status::Ok();
  std::sort(pending_.begin(), pending_.end());
  CB_ASSIGN_OR_RETURN(std::vector<Run> runs, ReadRuns());
  int64_t next = runs.empty() ? 1 : runs.back().run + 1;
  RunWriter out(*this, next);
  for (const Entry& e : pending_) CB_RETURN_IF_ERROR(out.Add(e));
  CB_ASSIGN_OR_RETURN(const int64_t written, out.Finish());
  runs.push_back({next, written});
  pending_.clear();
  for (std::vector<int64_t> merge = RunsToMerge(runs); !merge.empty(); merge = RunsToMerge(runs)) {
    Run merged{++next, 0};
    CB_ASSIGN_OR_RETURN(merged.entries, Merge(merge, merged.run));
    std::erase_if(runs, [&](const Run& r) { return std::find(merge.begin(), merge.end(), r.run) != merge.end(); });
    runs.push_back(merged);
  }
  return Status::Ok();
}

}  // namespace creditbank::store
