// W3C Bitstring Status List v1.0: revocation of exported credentials without contacting anyone but
// the issuer's published list.
//
// A list is a bitstring of at least 131,072 entries (16 KiB, the spec's minimum, for herd privacy).
// Bit i is the bit of byte i / 8 counted from the most significant end: index 0 is the left-most bit
// of byte 0 (spec section 3.2, "the first index ... is the left-most bit"). A set bit means the
// credential at that index is revoked (status purpose "revocation").
// encodedList = "u" (multibase base64url) + base64url, no padding, of the GZIP (RFC 1952) of the
// bits, compressed by zlib at its default level with a header carrying no name and mtime 0, so the
// empty list encodes exactly as the spec's example "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwf...".
// Thread safety: a list is a plain value; the functions are reentrant.
#ifndef CREDITBANK_ENGINE_RECORDS_STATUS_LIST_H_
#define CREDITBANK_ENGINE_RECORDS_STATUS_LIST_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/base/status.h"
#include "engine/json/json.h"

namespace creditbank::records {

class BitstringStatusList {
 public:
  static constexpr size_t kMinimumSize = 131072;  // entries
  // Decoding refuses lists larger than this many entries (a gzip bomb would inflate without end).
  static constexpr size_t kMaximumSize = size_t{1} << 27;

  // A list of `size` entries, all clear, rounded up to a whole byte and to at least kMinimumSize.
  explicit BitstringStatusList(size_t size = kMinimumSize);

  size_t size() const { return bytes_.size() * 8; }
  const std::vector<uint8_t>& bytes() const { return bytes_; }

  // InvalidArgument "status list: index 131072 out of range [0, 131072)".
  StatusOr<bool> Get(size_t index) const;
  Status Set(size_t index, bool value);

  // The encodedList text.
  std::string Encode() const;
  // Parses an encodedList. InvalidArgument "status list: ..." for a missing 'u' prefix, bad
  // base64url, a bad gzip stream or trailing data after it, or a decoded size below the minimum
  // ("status list: 1024 entries, fewer than the minimum 131072") or above kMaximumSize.
  static StatusOr<BitstringStatusList> Decode(std::string_view encoded_list);

 private:
  std::vector<uint8_t> bytes_;
};

// Where a credential's status lives: the list credential's URL and the entry's index in it.
struct StatusListPosition {
  std::string list_credential;  // URL of the BitstringStatusListCredential
  size_t index = 0;
  std::string purpose = "revocation";
};

// {"id": "<list>#<index>", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
//  "statusListIndex": "<index>", "statusListCredential": "<list>"}: the credentialStatus of a VC.
json::Value MakeStatusListEntry(const StatusListPosition& position);

// The unsigned BitstringStatusListCredential that publishes `list` at `url`:
// {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": url, "type": ["VerifiableCredential",
//  "BitstringStatusListCredential"], "issuer": issuer, "validFrom": valid_from, "credentialSubject":
//  {"id": url + "#list", "type": "BitstringStatusList", "statusPurpose": purpose, "encodedList"}}.
// Sign it like any credential (eddsa_jcs.h) before publishing it.
json::Value MakeStatusListCredential(std::string_view url, std::string_view issuer,
                                     std::string_view valid_from, std::string_view purpose,
                                     const BitstringStatusList& list);

// Whether the "type" of a JSON-LD object (a string, or an array of strings) names `type`.
bool HasType(const json::Value& object, std::string_view type);

// Reads a credential's BitstringStatusListEntry (`entry`) against the list credential it names, and
// returns the entry's bit: true = the status is set (for "revocation": revoked). Checks that the
// list credential is the one named (its "id"), is typed BitstringStatusListCredential, and has the
// entry's status purpose. It does not check the list credential's proof: verify that first.
// Errors are InvalidArgument "credentialStatus: ..." naming the member at fault, e.g.
//   "credentialStatus: statusListIndex: expected a decimal string, got \"12a\"",
//   "credentialStatus: statusPurpose \"suspension\" does not match the list's \"revocation\"".
StatusOr<bool> CheckStatusListEntry(const json::Value& entry,
                                    const json::Value& status_list_credential);

}  // namespace creditbank::records

#endif  // CREDITBANK_ENGINE_RECORDS_STATUS_LIST_H_
