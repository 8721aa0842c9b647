#include "engine/records/checkpoint.h"

#include <chrono>
#include <cstdio>
#include <vector>

#include "engine/records/digest.h"

namespace creditbank::records {
namespace {

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // U+2014 then a space
constexpr size_t kKeyHashSize = 4;

Status BodyError(size_t line, const std::string& detail) {
  return Corruption("checkpoint: line " + std::to_string(line) + ": " + detail);
}

std::string Quoted(std::string_view s) {
  constexpr size_t kMax = 40;
  std::string out = "\"";
  for (char c : s.substr(0, kMax)) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\x%02x", u);
      out += esc;
    } else {
      out += c;
    }
  }
  if (s.size() > kMax) out += "…";
  return out + "\"";
}

bool HasControlCharacter(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) return true;
  }
  return false;
}

// Splits text that ends in "\n" into its lines (without the newlines).
std::vector<std::string_view> Lines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

std::optional<uint64_t> ParseDecimal(std::string_view s) {
  if (s.empty() || s.size() > 20 || (s.size() > 1 && s[0] == '0')) return std::nullopt;
  uint64_t value = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return std::nullopt;
    uint64_t digit = static_cast<uint64_t>(c - '0');
    if (value > (UINT64_MAX - digit) / 10) return std::nullopt;
    value = value * 10 + digit;
  }
  return value;
}

}  // namespace

std::string FormatUtcTime(int64_t unix_time) {
  using namespace std::chrono;
  sys_seconds tp{seconds{unix_time}};
  sys_days day = floor<days>(tp);
  year_month_day ymd{day};
  hh_mm_ss<seconds> hms{tp - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return text;
}

StatusOr<int64_t> ParseUtcTime(std::string_view text) {
  Status bad = InvalidArgument("time " + Quoted(text) + " is not YYYY-MM-DDThh:mm:ssZ");
  constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (text.size() != kShape.size()) return bad;
  for (size_t i = 0; i < kShape.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kShape[i] == 'd' ? !digit : text[i] != kShape[i]) return bad;
  }
  auto num = [&](size_t pos, size_t len) {
    int v = 0;
    for (size_t i = pos; i < pos + len; ++i) v = v * 10 + (text[i] - '0');
    return v;
  };
  using namespace std::chrono;
  year_month_day ymd{year{num(0, 4)}, month{static_cast<unsigned>(num(5, 2))},
                     day{static_cast<unsigned>(num(8, 2))}};
  int hh = num(11, 2), mm = num(14, 2), ss = num(17, 2);
  if (!ymd.ok() || ymd.year() < year{1970} || hh > 23 || mm > 59 || ss > 59) return bad;
  sys_seconds tp = sys_days{ymd} + hours{hh} + minutes{mm} + seconds{ss};
  return static_cast<int64_t>(tp.time_since_epoch().count());
}

std::string CheckpointBody(const Checkpoint& checkpoint) {
  std::string body = checkpoint.origin + "\n" + std::to_string(checkpoint.tree_size) + "\n" +
                     Base64Encode(checkpoint.root) + "\n";
  if (checkpoint.unix_time) body += "time " + FormatUtcTime(*checkpoint.unix_time) + "\n";
  return body;
}

StatusOr<Checkpoint> ParseCheckpointBody(std::string_view body) {
  if (body.empty() || body.back() != '\n') {
    return Corruption("checkpoint: the body does not end with a newline");
  }
  std::vector<std::string_view> lines = Lines(body);
  if (lines.size() < 3) {
    return Corruption("checkpoint: the body has " + std::to_string(lines.size()) +
                      " lines, expected origin, tree size and root");
  }
  Checkpoint cp;
  if (lines[0].empty() || HasControlCharacter(lines[0])) {
    return BodyError(1, "origin " + Quoted(lines[0]) + " is empty or has a control character");
  }
  cp.origin = std::string(lines[0]);
  std::optional<uint64_t> size = ParseDecimal(lines[1]);
  if (!size) {
    return BodyError(2, "tree size " + Quoted(lines[1]) +
                            " is not a decimal number without leading zeros");
  }
  cp.tree_size = *size;
  StatusOr<std::vector<uint8_t>> root = Base64Decode(lines[2]);
  if (!root.ok() || root->size() != kHashSize) {
    return BodyError(3, "root " + Quoted(lines[2]) + " is not base64 of 32 bytes");
  }
  std::copy(root->begin(), root->end(), cp.root.begin());
  for (size_t i = 3; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (i == 3 && line.substr(0, 5) == "time ") {
      StatusOr<int64_t> t = ParseUtcTime(line.substr(5));
      if (!t.ok()) return BodyError(i + 1, t.status().message());
      cp.unix_time = *t;
      continue;
    }
    return BodyError(i + 1, "unexpected extension line " + Quoted(line));
  }
  return cp;
}

uint32_t NoteKeyHash(std::string_view key_name, const Ed25519PublicKey& key) {
  static constexpr uint8_t kSeparatorAndType[2] = {0x0A, 0x01};
  Digest d = Sha256Parts({AsBytes(key_name), kSeparatorAndType, key.raw()});
  return (uint32_t{d[0]} << 24) | (uint32_t{d[1]} << 16) | (uint32_t{d[2]} << 8) | d[3];
}

StatusOr<std::string> SignCheckpoint(const Checkpoint& checkpoint, const Signer& signer) {
  if (checkpoint.origin.empty() || HasControlCharacter(checkpoint.origin)) {
    return InvalidArgument("checkpoint: origin " + Quoted(checkpoint.origin) +
                           " is empty or has a control character");
  }
  std::string body = CheckpointBody(checkpoint);
  CB_ASSIGN_OR_RETURN(Ed25519Signature sig, signer.Sign(AsBytes(body)));
  uint32_t key_hash = NoteKeyHash(signer.key_id(), signer.public_key());
  std::vector<uint8_t> blob = {static_cast<uint8_t>(key_hash >> 24), static_cast<uint8_t>(key_hash >> 16),
                               static_cast<uint8_t>(key_hash >> 8), static_cast<uint8_t>(key_hash)};
  blob.insert(blob.end(), sig.begin(), sig.end());
  return body + "\n" + std::string(kEmDashSpace) + signer.key_id() + " " + Base64Encode(blob) + "\n";
}

StatusOr<Checkpoint> OpenSignedCheckpoint(std::string_view note, const Ed25519PublicKey& key) {
  size_t split = note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return Corruption("checkpoint: no blank line before the signatures");
  }
  std::string_view body = note.substr(0, split + 1);
  std::string_view signatures = note.substr(split + 2);
  if (signatures.empty()) return Corruption("checkpoint: no signature lines");
  if (signatures.back() != '\n') {
    return Corruption("checkpoint: the last signature line does not end with a newline");
  }
  const std::string& wanted_name = key.key_id();
  const uint32_t wanted_hash = NoteKeyHash(wanted_name, key);
  std::optional<std::vector<uint8_t>> found;
  std::vector<std::string_view> lines = Lines(signatures);
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::string where = "checkpoint: signature line " + std::to_string(i + 1) + ": ";
    size_t space = line.size() < kEmDashSpace.size() ? std::string_view::npos
                                                     : line.find(' ', kEmDashSpace.size());
    if (line.substr(0, kEmDashSpace.size()) != kEmDashSpace || space == std::string_view::npos ||
        space == kEmDashSpace.size()) {
      return Corruption(where + "expected \"— <key name> <base64>\"");
    }
    std::string_view name = line.substr(kEmDashSpace.size(), space - kEmDashSpace.size());
    StatusOr<std::vector<uint8_t>> blob = Base64Decode(line.substr(space + 1));
    if (!blob.ok() || blob->size() < kKeyHashSize) {
      return Corruption(where + "signature is not base64 of a key hash and a signature");
    }
    uint32_t hash = (uint32_t{(*blob)[0]} << 24) | (uint32_t{(*blob)[1]} << 16) |
                    (uint32_t{(*blob)[2]} << 8) | (*blob)[3];
    if (name != wanted_name || hash != wanted_hash) continue;  // another key's signature
    if (blob->size() != kKeyHashSize + kEd25519SignatureSize) {
      return Corruption(where + "signature is not base64 of 68 bytes");
    }
    // Every line is read, also after the one wanted: a note is well formed as a whole.
    if (!found) found = std::vector<uint8_t>(blob->begin() + kKeyHashSize, blob->end());
  }
  if (!found) return Corruption("checkpoint: no signature by key " + wanted_name);
  if (!key.Verify(AsBytes(body), *found).ok()) {
    return Corruption("checkpoint signature does not verify");
  }
  // Parsed after the signature check: the body is trusted only once it verifies, but a signed body
  // that is still malformed is reported as such.
  return ParseCheckpointBody(body);
}

}  // namespace creditbank::records
