// InitBank: creating a bank, or loading a new rule set version into an existing one.
#include <sys/stat.h>

#include "engine/bank/bank.h"
#include "engine/bank/bank_name.h"
#include "engine/bank/key_files.h"
#include "engine/bank/rule_set_text.h"
#include "engine/records/digest.h"
#include "engine/store/sqlite_store.h"

namespace creditbank::bank {
namespace {

// The ledger origin names this bank's tree in its checkpoints; random so that two banks' checkpoints
// can never be confused.
StatusOr<std::string> NewOrigin() {
  CB_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, records::RandomBytes(8));
  return "creditbank.local/ledger/" + records::HexEncode(bytes);
}

}  // namespace

StatusOr<InitResult> InitBankStore(store::Store& store, const std::string& keys_dir,
                                   const RuleFiles& rules, bool created, const Clock& clock, std::string_view name) {
  if (!name.empty()) CB_RETURN_IF_ERROR(ValidateBankName(name));
  CB_ASSIGN_OR_RETURN(LoadedRuleSet loaded, LoadRuleFiles(rules));
  const std::string now = FormatUtc(clock.NowSeconds());
  InitResult result;
  if (!created) {
    // An init killed after the store's schema was written but before the bank's origin and key: no
    // command can open such a bank (Bank::Load needs the origin), so nothing depends on what it has,
    // and it is made now, keeping a keys folder and a sound secret that were written already.
    CB_ASSIGN_OR_RETURN(std::string has_origin, store.GetMeta("origin"));
    created = has_origin.empty();
  }
  result.created = created;
  std::optional<records::Ed25519PrivateKey> key;
  std::string origin;
  std::string name_signature;  // to store with result.name: a new bank's, or a name given anew
  if (created) {
    // InitBank refuses a new bank whose keys folder exists: the folder found here is an unfinished
    // init's.
    if (Status dir = CreateKeysDir(keys_dir); !dir.ok() && dir.code() != StatusCode::kAlreadyExists) return dir;
    CB_RETURN_IF_ERROR(KeepOrWriteSecret(keys_dir));
    CB_ASSIGN_OR_RETURN(key, WriteNewIssuerKey(keys_dir));
    CB_ASSIGN_OR_RETURN(origin, NewOrigin());
    result.name = name.empty() ? std::string(kDefaultBankName) : std::string(name);
    CB_ASSIGN_OR_RETURN(name_signature, SignBankName(records::Ed25519Signer(*key), origin, result.name));
  } else {
    // An existing bank must still have its secret and its active key's private key: else init would
    // report a bank that no other command can open.
    CB_ASSIGN_OR_RETURN(std::vector<store::KeyRow> keys, store.Keys());
    for (const store::KeyRow& k : keys) {
      if (k.retired.empty()) result.key_id = k.key_id;
    }
    if (result.key_id.empty()) return FailedPrecondition("bank: no active issuer key");
    CB_RETURN_IF_ERROR(ReadSecret(keys_dir).status());
    CB_ASSIGN_OR_RETURN(records::Ed25519PrivateKey active, FindIssuerKey(keys_dir, result.key_id));
    CB_ASSIGN_OR_RETURN(origin, store.GetMeta("origin"));
    CB_ASSIGN_OR_RETURN(result.name, store.GetMeta(kNameMeta));
    // A name given is signed anew when it is another, or when its signature is missing (a bank made
    // before names were signed) or does not hold.
    if (!name.empty()) {
      CB_ASSIGN_OR_RETURN(const std::string signature, store.GetMeta(kNameSignatureMeta));
      records::KeyRing ring;
      ring.SetActive(active.public_key());
      if (name != result.name || !CheckBankName(ring, origin, name, signature).ok() || signature.empty()) {
        CB_ASSIGN_OR_RETURN(name_signature, SignBankName(records::Ed25519Signer(active), origin, name));
        result.name_changed = name != result.name;
        result.name = std::string(name);
      }
    }
  }
  store::RuleSetRow row{0, loaded.rule_set->hash(), loaded.canonical, now};
  Status written = store.Transaction([&]() -> Status {
    if (!name_signature.empty()) {
      CB_RETURN_IF_ERROR(store.PutMeta(kNameMeta, result.name));
      CB_RETURN_IF_ERROR(store.PutMeta(kNameSignatureMeta, name_signature));
    }
    if (key) {
      CB_RETURN_IF_ERROR(store.PutMeta("origin", origin));
      CB_RETURN_IF_ERROR(store.PutMeta("created", now));
      const auto& raw = key->public_key().raw();
      CB_RETURN_IF_ERROR(store.PutKey({key->key_id(), std::string(raw.begin(), raw.end()), now, ""}));
    }
    CB_ASSIGN_OR_RETURN(const std::string current, CurrentRuleSetHash(store));
    CB_ASSIGN_OR_RETURN(bool added, store.PutRuleSet(&row));
    result.rule_set_change = added                   ? RuleSetChange::kNew
                             : current == row.hash   ? RuleSetChange::kUnchanged
                                                     : RuleSetChange::kMadeCurrent;
    return store.PutMeta(kCurrentRuleSetMeta, row.hash);
  });
  CB_RETURN_IF_ERROR(written);
  result.rule_set_version = row.version;
  result.rule_set_hash = row.hash;
  if (key) result.key_id = key->key_id();
  return result;
}

StatusOr<InitResult> InitBank(const std::string& db, const RuleFiles& rules, const Clock& clock,
                              std::string_view name) {
  if (!name.empty()) CB_RETURN_IF_ERROR(ValidateBankName(name));
  struct stat st;
  // An empty file (made by `touch`, say) is a place for a new bank, as SQLite sees it.
  const bool exists = ::stat(db.c_str(), &st) == 0 && !(S_ISREG(st.st_mode) && st.st_size == 0);
  // The rules are checked before anything is created, so a bad rules directory leaves no files.
  CB_RETURN_IF_ERROR(LoadRuleFiles(rules).status());
  if (!exists && ::stat(KeysDirFor(db).c_str(), &st) == 0) {
    return AlreadyExists(KeysDirFor(db) + ": exists already, without a bank at " + db);
  }
  CB_ASSIGN_OR_RETURN(std::unique_ptr<store::Store> s,
                      store::OpenSqliteStore(db, exists ? store::OpenMode::kOpenExisting
                                                        : store::OpenMode::kCreate));
  return InitBankStore(*s, KeysDirFor(db), rules, !exists, clock, name);
}

}  // namespace creditbank::bank
