// Fuzz target: reading and verifying a record or a credential, as `verify FILE` does with each line
// of a file it is given (engine/records). The bank's key here is the RFC 8032 section 7.1 test 1
// key, which signed the seed records in fuzz/corpus/record. Properties:
//   - a record that verifies has a canonical text, and that text verifies too, with the same id;
//   - a verified record's canonical text with one byte changed either fails to read or to verify, or
//     reads as the same record (its canonical text unchanged): a signature covers every byte that
//     matters. The positions are taken from a hash of the input, eight per verified input.
//   - a credential is checked without crashing, whatever its shape.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "engine/json/json.h"
#include "engine/records/credential.h"
#include "engine/records/digest.h"
#include "engine/records/keys.h"
#include "engine/records/record.h"
#include "engine/records/record_verify.h"
#include "fuzz/fuzz_check.h"

namespace records = creditbank::records;

namespace {

const records::KeyRing& BankKeys() {
  static const records::KeyRing* const ring = [] {
    auto seed = records::HexDecode("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    auto key = records::Ed25519PrivateKey::FromSeed(*seed);
    FUZZ_CHECK(key.ok(), "the RFC 8032 test key loads");
    auto* keys = new records::KeyRing();
    keys->SetActive(key->public_key());
    return keys;
  }();
  return *ring;
}

bool Verifies(std::string_view text, std::string* canonical) {
  auto record = records::ParseRecord(text);
  if (!record.ok() || !records::VerifyRecord(*record, BankKeys()).ok()) return false;
  auto written = records::CanonicalRecordText(*record);
  FUZZ_CHECK(written.ok(), "a verified record has a canonical text");
  *canonical = *std::move(written);
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::string canonical;
  if (Verifies(text, &canonical)) {
    std::string again;
    FUZZ_CHECK(Verifies(canonical, &again), "a verified record's canonical text verifies");
    FUZZ_CHECK(again == canonical, "canonical text is stable");
    const records::Digest hash = records::Sha256(text);
    for (int k = 0; k < 8; ++k) {
      const size_t at = (size_t{hash[2 * k]} << 8 | hash[2 * k + 1]) % canonical.size();
      std::string changed = canonical;
      changed[at] = static_cast<char>(changed[at] ^ (hash[16 + k] | 1));
      std::string changed_canonical;
      if (Verifies(changed, &changed_canonical)) {
        FUZZ_CHECK(changed_canonical == canonical, "a changed byte that verifies changes nothing");
      }
    }
  }
  auto value = creditbank::json::Parse(text);
  if (value.ok()) (void)records::VerifyAchievementCredential(*value);
  return 0;
}
