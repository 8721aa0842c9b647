// Internal to engine/records: RAII owners for OpenSSL handles and the one way errors leave OpenSSL.
//
// Every OpenSSL call in this part checks its return code and, on failure, returns a Status built by
// OpenSslError, which drains the thread's OpenSSL error queue into the message so that the failure
// reads "context: <OpenSSL reason>" and no stale error is left for the next call to misreport.
#ifndef CREDITBANK_ENGINE_RECORDS_OPENSSL_HANDLES_H_
#define CREDITBANK_ENGINE_RECORDS_OPENSSL_HANDLES_H_

#include <openssl/bio.h>
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "engine/base/status.h"

namespace creditbank::records::internal {

struct EvpPkeyDeleter {
  void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct EvpMdCtxDeleter {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
struct EvpPkeyCtxDeleter {
  void operator()(EVP_PKEY_CTX* p) const { EVP_PKEY_CTX_free(p); }
};
struct BioDeleter {
  void operator()(BIO* p) const { BIO_free_all(p); }
};

using EvpPkeyPtr = std::unique_ptr<EVP_PKEY, EvpPkeyDeleter>;
using EvpMdCtxPtr = std::unique_ptr<EVP_MD_CTX, EvpMdCtxDeleter>;
using EvpPkeyCtxPtr = std::unique_ptr<EVP_PKEY_CTX, EvpPkeyCtxDeleter>;
using BioPtr = std::unique_ptr<BIO, BioDeleter>;

// The queued OpenSSL errors of this thread, oldest first, joined by "; " (ERR_error_string_n text),
// or "no OpenSSL error queued". Clears the queue.
std::string DrainOpenSslErrors();

// `code` with message "<context>: <DrainOpenSslErrors()>".
Status OpenSslError(StatusCode code, std::string_view context);

// The bytes written to a memory BIO, or an IOError naming `context`.
StatusOr<std::string> BioContents(BIO* bio, std::string_view context);

}  // namespace creditbank::records::internal

#endif  // CREDITBANK_ENGINE_RECORDS_OPENSSL_HANDLES_H_
