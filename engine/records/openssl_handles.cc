#include "engine/records/openssl_handles.h"

#include <openssl/err.h>

namespace creditbank::records::internal {

std::string DrainOpenSslErrors() {
  std::string out;
  while (unsigned long code = ERR_get_error()) {
    char text[256];
    ERR_error_string_n(code, text, sizeof text);
    if (!out.empty()) out += "; ";
    out += text;
  }
  return out.empty() ? "no OpenSSL error queued" : out;
}

Status OpenSslError(StatusCode code, std::string_view context) {
  return Status(code, std::string(context) + ": " + DrainOpenSslErrors());
}

StatusOr<std::string> BioContents(BIO* bio, std::string_view context) {
  char* data = nullptr;
  long len = BIO_get_mem_data(bio, &data);
  if (len < 0 || (len > 0 && data == nullptr)) {
    return OpenSslError(StatusCode::kIOError, std::string(context) + ": BIO_get_mem_data");
  }
  return std::string(data, static_cast<size_t>(len));
}

}  // namespace creditbank::records::internal
