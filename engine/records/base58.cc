#include "engine/records/base58.h"

#include <algorithm>

namespace creditbank::records {
namespace {

constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

int DigitValue(char c) {
  const char* end = kAlphabet + 58;
  const char* p = std::find(kAlphabet, end, c);
  return p == end ? -1 : static_cast<int>(p - kAlphabet);
}

std::string Printable(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string(1, c);
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("\\x") + kHex[u >> 4] + kHex[u & 15];
}

StatusOr<std::vector<uint8_t>> DecodeAt(std::string_view text, size_t offset_base) {
  size_t zeros = 0;
  while (zeros < text.size() && text[zeros] == '1') ++zeros;
  // Base-256 digits of the value, least significant first.
  std::vector<uint8_t> value;
  for (size_t i = zeros; i < text.size(); ++i) {
    int digit = DigitValue(text[i]);
    if (digit < 0) {
      return InvalidArgument("base58: invalid character '" + Printable(text[i]) + "' at offset " +
                             std::to_string(offset_base + i));
    }
    uint32_t carry = static_cast<uint32_t>(digit);
    for (uint8_t& byte : value) {
      carry += uint32_t{byte} * 58;
      byte = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry != 0) {
      value.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::vector<uint8_t> out(zeros, 0);
  out.insert(out.end(), value.rbegin(), value.rend());
  return out;
}

}  // namespace

std::string Base58Encode(std::span<const uint8_t> bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  // Base-58 digits of the value, least significant first.
  std::vector<uint8_t> digits;
  for (size_t i = zeros; i < bytes.size(); ++i) {
    uint32_t carry = bytes[i];
    for (uint8_t& digit : digits) {
      carry += uint32_t{digit} << 8;
      digit = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry != 0) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

StatusOr<std::vector<uint8_t>> Base58Decode(std::string_view text) { return DecodeAt(text, 0); }

std::string MultibaseBase58Encode(std::span<const uint8_t> bytes) {
  return "z" + Base58Encode(bytes);
}

StatusOr<std::vector<uint8_t>> MultibaseBase58Decode(std::string_view text) {
  if (text.empty()) return InvalidArgument("multibase: empty text");
  if (text[0] != 'z') {
    return InvalidArgument("multibase: expected base58btc ('z') prefix, got '" +
                           Printable(text[0]) + "'");
  }
  return DecodeAt(text.substr(1), 1);
}

}  // namespace creditbank::records
