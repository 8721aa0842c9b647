#include "engine/records/status_list.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <utility>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

constexpr int kGzipWindowBits = 15 + 16;  // 32 KiB window, gzip wrapper

[[noreturn]] void DieWithZlibError(const char* what, int rc) {
  std::fprintf(stderr, "creditbank records: zlib %s failed: %s\n", what, zError(rc));
  std::abort();
}

std::vector<uint8_t> Gzip(const std::vector<uint8_t>& in) {
  z_stream zs{};
  int rc = deflateInit2(&zs, Z_DEFAULT_COMPRESSION, Z_DEFLATED, kGzipWindowBits, 8,
                        Z_DEFAULT_STRATEGY);
  if (rc != Z_OK) DieWithZlibError("deflateInit2", rc);
  std::vector<uint8_t> out(deflateBound(&zs, in.size()));
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = out.data();
  zs.avail_out = static_cast<uInt>(out.size());
  rc = deflate(&zs, Z_FINISH);
  if (rc != Z_STREAM_END) DieWithZlibError("deflate", rc);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

// Inflates one gzip member of at most `limit` bytes that must span all of `in`.
StatusOr<std::vector<uint8_t>> Gunzip(const std::vector<uint8_t>& in, size_t limit) {
  z_stream zs{};
  int rc = inflateInit2(&zs, kGzipWindowBits);
  if (rc != Z_OK) DieWithZlibError("inflateInit2", rc);
  zs.next_in = const_cast<Bytef*>(in.data());
  zs.avail_in = static_cast<uInt>(in.size());
  std::vector<uint8_t> out;
  Status status;
  while (true) {
    constexpr size_t kChunk = 64 * 1024;
    size_t before = out.size();
    if (before > limit) {
      status = InvalidArgument("status list: more than " + std::to_string(limit * 8) +
                               " entries, above the maximum");
      break;
    }
    out.resize(before + kChunk);
    zs.next_out = out.data() + before;
    zs.avail_out = kChunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(before + (kChunk - zs.avail_out));
    if (rc == Z_STREAM_END) {
      if (zs.avail_in != 0) status = InvalidArgument("status list: data after the gzip stream");
      break;
    }
    if (rc != Z_OK) {
      const char* why = zs.msg != nullptr ? zs.msg : zError(rc);
      if (rc == Z_BUF_ERROR) why = "truncated gzip stream";
      status = InvalidArgument(std::string("status list: gzip: ") + why);
      break;
    }
  }
  inflateEnd(&zs);
  if (!status.ok()) return status;
  if (out.size() > limit) {
    return InvalidArgument("status list: more than " + std::to_string(limit * 8) +
                           " entries, above the maximum");
  }
  return out;
}

std::string OutOfRange(size_t index, size_t size) {
  return "status list: index " + std::to_string(index) + " out of range [0, " +
         std::to_string(size) + ")";
}

// The string member `key` of `object`, or InvalidArgument "<context>: <key>: ...".
StatusOr<std::string> StringMember(const json::Value& object, std::string_view key,
                                   std::string_view context) {
  const json::Value* v = object.Find(key);
  if (v == nullptr) {
    return InvalidArgument(std::string(context) + ": missing \"" + std::string(key) + "\"");
  }
  if (!v->is_string()) {
    return InvalidArgument(std::string(context) + ": " + std::string(key) +
                           ": expected a string, got " + std::string(json::TypeName(v->type())));
  }
  return v->AsString();
}

}  // namespace

BitstringStatusList::BitstringStatusList(size_t size)
    : bytes_((std::max(size, kMinimumSize) + 7) / 8, 0) {}

StatusOr<bool> BitstringStatusList::Get(size_t index) const {
  if (index >= size()) return InvalidArgument(OutOfRange(index, size()));
  return ((bytes_[index / 8] >> (7 - index % 8)) & 1) != 0;
}

Status BitstringStatusList::Set(size_t index, bool value) {
  if (index >= size()) return InvalidArgument(OutOfRange(index, size()));
  auto mask = static_cast<uint8_t>(0x80u >> (index % 8));
  if (value) {
    bytes_[index / 8] |= mask;
  } else {
    bytes_[index / 8] &= static_cast<uint8_t>(~mask);
  }
  return Status::Ok();
}

std::string BitstringStatusList::Encode() const { return "u" + Base64UrlEncode(Gzip(bytes_)); }

StatusOr<BitstringStatusList> BitstringStatusList::Decode(std::string_view encoded_list) {
  if (encoded_list.empty() || encoded_list[0] != 'u') {
    return InvalidArgument("status list: encodedList must start with the multibase prefix 'u'");
  }
  StatusOr<std::vector<uint8_t>> compressed = Base64UrlDecode(encoded_list.substr(1));
  if (!compressed.ok()) return compressed.status().WithContext("status list");
  StatusOr<std::vector<uint8_t>> bits = Gunzip(*compressed, kMaximumSize / 8);
  if (!bits.ok()) return bits.status();
  if (bits->size() * 8 < kMinimumSize) {
    return InvalidArgument("status list: " + std::to_string(bits->size() * 8) +
                           " entries, fewer than the minimum " + std::to_string(kMinimumSize));
  }
  BitstringStatusList list(0);
  list.bytes_ = std::move(bits).value();
  return list;
}

json::Value MakeStatusListEntry(const StatusListPosition& position) {
  std::string index = std::to_string(position.index);
  json::Value entry = json::Value::Object();
  entry.Set("id", json::Value::String(position.list_credential + "#" + index));
  entry.Set("type", json::Value::String("BitstringStatusListEntry"));
  entry.Set("statusPurpose", json::Value::String(position.purpose));
  entry.Set("statusListIndex", json::Value::String(index));
  entry.Set("statusListCredential", json::Value::String(position.list_credential));
  return entry;
}

json::Value MakeStatusListCredential(std::string_view url, std::string_view issuer,
                                     std::string_view valid_from, std::string_view purpose,
                                     const BitstringStatusList& list) {
  json::Value context = json::Value::Array();
  context.Push(json::Value::String("https://www.w3.org/ns/credentials/v2"));
  json::Value type = json::Value::Array();
  type.Push(json::Value::String("VerifiableCredential"));
  type.Push(json::Value::String("BitstringStatusListCredential"));
  json::Value subject = json::Value::Object();
  subject.Set("id", json::Value::String(std::string(url) + "#list"));
  subject.Set("type", json::Value::String("BitstringStatusList"));
  subject.Set("statusPurpose", json::Value::String(std::string(purpose)));
  subject.Set("encodedList", json::Value::String(list.Encode()));
  json::Value credential = json::Value::Object();
  credential.Set("@context", std::move(context));
  credential.Set("id", json::Value::String(std::string(url)));
  credential.Set("type", std::move(type));
  credential.Set("issuer", json::Value::String(std::string(issuer)));
  credential.Set("validFrom", json::Value::String(std::string(valid_from)));
  credential.Set("credentialSubject", std::move(subject));
  return credential;
}

bool HasType(const json::Value& object, std::string_view type) {
  const json::Value* t = object.Find("type");
  if (t == nullptr) return false;
  if (t->is_string()) return t->AsString() == type;
  if (!t->is_array()) return false;
  for (const json::Value& item : t->items()) {
    if (item.is_string() && item.AsString() == type) return true;
  }
  return false;
}

StatusOr<bool> CheckStatusListEntry(const json::Value& entry,
                                    const json::Value& status_list_credential) {
  constexpr std::string_view kContext = "credentialStatus";
  if (!entry.is_object()) return InvalidArgument("credentialStatus: expected an object");
  if (!HasType(entry, "BitstringStatusListEntry")) {
    return InvalidArgument("credentialStatus: type: expected \"BitstringStatusListEntry\"");
  }
  CB_ASSIGN_OR_RETURN(std::string purpose, StringMember(entry, "statusPurpose", kContext));
  CB_ASSIGN_OR_RETURN(std::string index_text, StringMember(entry, "statusListIndex", kContext));
  CB_ASSIGN_OR_RETURN(std::string url, StringMember(entry, "statusListCredential", kContext));
  size_t index = 0;
  bool decimal = !index_text.empty() && index_text.size() <= 12 &&
                 (index_text == "0" || index_text[0] != '0');
  for (char c : index_text) {
    if (c < '0' || c > '9') decimal = false;
    if (decimal) index = index * 10 + static_cast<size_t>(c - '0');
  }
  if (!decimal) {
    return InvalidArgument("credentialStatus: statusListIndex: expected a decimal string, got \"" +
                           index_text + "\"");
  }

  const json::Value& list_vc = status_list_credential;
  if (!list_vc.is_object()) return InvalidArgument("credentialStatus: list: expected an object");
  const json::Value* list_id = list_vc.Find("id");
  if (list_id == nullptr || !list_id->is_string() || list_id->AsString() != url) {
    return InvalidArgument("credentialStatus: the list credential is not \"" + url + "\"");
  }
  if (!HasType(list_vc, "BitstringStatusListCredential")) {
    return InvalidArgument(
        "credentialStatus: list: type: expected \"BitstringStatusListCredential\"");
  }
  const json::Value* subject = list_vc.Find("credentialSubject");
  if (subject == nullptr || !subject->is_object() || !HasType(*subject, "BitstringStatusList")) {
    return InvalidArgument(
        "credentialStatus: list: credentialSubject: expected a \"BitstringStatusList\"");
  }
  constexpr std::string_view kListContext = "credentialStatus: list: credentialSubject";
  CB_ASSIGN_OR_RETURN(std::string list_purpose,
                      StringMember(*subject, "statusPurpose", kListContext));
  if (list_purpose != purpose) {
    return InvalidArgument("credentialStatus: statusPurpose \"" + purpose +
                           "\" does not match the list's \"" + list_purpose + "\"");
  }
  CB_ASSIGN_OR_RETURN(std::string encoded, StringMember(*subject, "encodedList", kListContext));
  StatusOr<BitstringStatusList> list = BitstringStatusList::Decode(encoded);
  if (!list.ok()) return list.status().WithContext("credentialStatus");
  StatusOr<bool> bit = list->Get(index);
  if (!bit.ok()) return bit.status().WithContext("credentialStatus");
  return bit;
}

}  // namespace creditbank::records
