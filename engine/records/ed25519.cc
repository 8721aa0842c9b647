#include "engine/records/ed25519.h"

#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <utility>

#include "engine/records/digest.h"
#include "engine/records/openssl_handles.h"

namespace creditbank::records {
namespace {

using internal::BioPtr;
using internal::EvpMdCtxPtr;
using internal::EvpPkeyCtxPtr;
using internal::OpenSslError;

std::shared_ptr<evp_pkey_st> Share(EVP_PKEY* pkey) {
  return std::shared_ptr<evp_pkey_st>(pkey, internal::EvpPkeyDeleter());
}

std::string LengthError(std::string_view what, size_t want, size_t got) {
  return std::string(what) + ": expected " + std::to_string(want) + " bytes, got " +
         std::to_string(got);
}

StatusOr<Ed25519RawPublicKey> RawPublicKeyOf(EVP_PKEY* pkey) {
  Ed25519RawPublicKey raw;
  size_t len = raw.size();
  if (EVP_PKEY_get_raw_public_key(pkey, raw.data(), &len) != 1 || len != raw.size()) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 public key: EVP_PKEY_get_raw_public_key");
  }
  return raw;
}

Status RequireEd25519(EVP_PKEY* pkey, std::string_view what) {
  if (EVP_PKEY_get_id(pkey) != EVP_PKEY_ED25519) {
    const char* type = EVP_PKEY_get0_type_name(pkey);
    return InvalidArgument(std::string(what) + ": not an Ed25519 key (type " +
                           (type != nullptr ? type : "unknown") + ")");
  }
  return Status::Ok();
}

// A thread's context for signing, and one for verifying, each initialised for the key it was last
// used with and used again for the next call with that key: Ed25519 keeps nothing between two one-shot
// operations, and OpenSSL 3.0 signs and verifies again with the same context, which saves
// EVP_DigestSignInit's (or VerifyInit's) fetching and key checks: 4 to 8 µs of a 45-55 µs signature,
// 15 of a 130 µs verification on this project's machine. An OpenSSL that refuses a second use (later
// versions mark the context finalised) fails the call, which leaves the errors queued before it as
// they were (ERR_set_mark); the context is initialised again, and once the same key has then signed or
// verified where its used context failed, the thread initialises that context before each call. A
// context holds a reference to its key, so that another key cannot take its address meanwhile; a key
// retired by rotation stays in memory until the thread uses another one or ends.
enum class Operation { kSign = 0, kVerify = 1 };

struct KeyedContext {
  EvpMdCtxPtr ctx{EVP_MD_CTX_new()};
  std::shared_ptr<evp_pkey_st> key;  // what ctx is initialised for; null when it is not
  bool reuse_refused = false;        // this OpenSSL does not sign or verify twice with one context
};

// Runs `call` with the context as it is, when it is initialised for `key` and may be used again;
// `*tried` says whether it ran. A failure leaves OpenSSL's error queue as it was before the call.
template <typename Call>
bool CallAgain(KeyedContext& context, const std::shared_ptr<evp_pkey_st>& key, Call call, bool* tried) {
  *tried = context.key == key && !context.reuse_refused;
  if (!*tried) return false;
  ERR_set_mark();
  if (call()) {
    ERR_clear_last_mark();
    return true;
  }
  ERR_pop_to_mark();
  return false;
}

KeyedContext& ThreadContext(Operation operation) {
  thread_local KeyedContext contexts[2];
  return contexts[static_cast<int>(operation)];
}

// Initialises `context` for `key`: false on failure, with OpenSSL's reason queued.
bool Initialise(KeyedContext& context, Operation operation, const std::shared_ptr<evp_pkey_st>& key) {
  context.key.reset();
  if (EVP_MD_CTX_reset(context.ctx.get()) != 1) return false;
  const int rc = operation == Operation::kSign
                     ? EVP_DigestSignInit(context.ctx.get(), nullptr, nullptr, nullptr, key.get())
                     : EVP_DigestVerifyInit(context.ctx.get(), nullptr, nullptr, nullptr, key.get());
  if (rc != 1) return false;
  context.key = key;
  return true;
}

bool SignWith(EVP_MD_CTX* ctx, std::span<const uint8_t> message, Ed25519Signature* sig) {
  size_t len = sig->size();
  return EVP_DigestSign(ctx, sig->data(), &len, message.data(), message.size()) == 1 && len == sig->size();
}

}  // namespace

std::string Ed25519KeyId(std::span<const uint8_t, kEd25519PublicKeySize> raw_public_key) {
  Digest d = Sha256(std::span<const uint8_t>(raw_public_key));
  return "ed25519:" + HexEncode(std::span<const uint8_t>(d).first(8));
}

// ---------------------------------------------------------------------------------------------
// Ed25519PublicKey

Ed25519PublicKey::Ed25519PublicKey(std::shared_ptr<evp_pkey_st> pkey, const Ed25519RawPublicKey& raw)
    : pkey_(std::move(pkey)), raw_(raw), key_id_(Ed25519KeyId(raw_)) {}

StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromRaw(std::span<const uint8_t> raw) {
  if (raw.size() != kEd25519PublicKeySize) {
    return InvalidArgument(LengthError("Ed25519 public key", kEd25519PublicKeySize, raw.size()));
  }
  EVP_PKEY* pkey = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nullptr, raw.data(), raw.size());
  if (pkey == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument,
                        "Ed25519 public key: EVP_PKEY_new_raw_public_key");
  }
  Ed25519RawPublicKey copy;
  std::copy(raw.begin(), raw.end(), copy.begin());
  return Ed25519PublicKey(Share(pkey), copy);
}

StatusOr<Ed25519PublicKey> Ed25519PublicKey::FromPem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return OpenSslError(StatusCode::kInternal, "Ed25519 public key PEM: BIO_new_mem_buf");
  EVP_PKEY* raw_pkey = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
  if (raw_pkey == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument,
                        "Ed25519 public key PEM: not a PEM SubjectPublicKeyInfo");
  }
  std::shared_ptr<evp_pkey_st> pkey = Share(raw_pkey);
  CB_RETURN_IF_ERROR(RequireEd25519(pkey.get(), "Ed25519 public key PEM"));
  CB_ASSIGN_OR_RETURN(Ed25519RawPublicKey raw, RawPublicKeyOf(pkey.get()));
  return Ed25519PublicKey(std::move(pkey), raw);
}

StatusOr<std::string> Ed25519PublicKey::ToPem() const {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio) return OpenSslError(StatusCode::kInternal, "Ed25519 public key PEM: BIO_new");
  if (PEM_write_bio_PUBKEY(bio.get(), pkey_.get()) != 1) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 public key PEM: PEM_write_bio_PUBKEY");
  }
  return internal::BioContents(bio.get(), "Ed25519 public key PEM");
}

Status Ed25519PublicKey::Verify(std::span<const uint8_t> message,
                                std::span<const uint8_t> signature) const {
  if (signature.size() != kEd25519SignatureSize) {
    return Corruption(LengthError("Ed25519 signature", kEd25519SignatureSize, signature.size()));
  }
  KeyedContext& context = ThreadContext(Operation::kVerify);
  if (!context.ctx) return OpenSslError(StatusCode::kInternal, "Ed25519 verify: EVP_MD_CTX_new");
  auto verify = [&] {
    return EVP_DigestVerify(context.ctx.get(), signature.data(), signature.size(), message.data(), message.size());
  };
  // A mismatch, or an OpenSSL that refuses a second use, is verified afresh below.
  bool tried = false;
  if (CallAgain(context, pkey_, [&] { return verify() == 1; }, &tried)) return Status::Ok();
  if (!Initialise(context, Operation::kVerify, pkey_)) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 verify: EVP_DigestVerifyInit");
  }
  ERR_set_mark();
  const int rc = verify();
  if (rc == 1) {
    ERR_clear_last_mark();
    context.reuse_refused = context.reuse_refused || tried;
    return Status::Ok();
  }
  if (rc == 0) {
    ERR_pop_to_mark();  // a plain mismatch; OpenSSL may queue a reason we do not need
    return Corruption("Ed25519 signature does not verify");
  }
  ERR_clear_last_mark();
  return OpenSslError(StatusCode::kInternal, "Ed25519 verify: EVP_DigestVerify");
}

// ---------------------------------------------------------------------------------------------
// Ed25519PrivateKey

Ed25519PrivateKey::Ed25519PrivateKey(std::shared_ptr<evp_pkey_st> pkey, Ed25519PublicKey public_key)
    : pkey_(std::move(pkey)), public_key_(std::move(public_key)) {}

StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromPkey(std::shared_ptr<evp_pkey_st> pkey) {
  CB_ASSIGN_OR_RETURN(Ed25519RawPublicKey raw, RawPublicKeyOf(pkey.get()));
  CB_ASSIGN_OR_RETURN(Ed25519PublicKey pub, Ed25519PublicKey::FromRaw(raw));
  return Ed25519PrivateKey(std::move(pkey), std::move(pub));
}

StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::Generate() {
  EvpPkeyCtxPtr ctx(EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, nullptr));
  if (!ctx) return OpenSslError(StatusCode::kInternal, "Ed25519 keygen: EVP_PKEY_CTX_new_id");
  if (EVP_PKEY_keygen_init(ctx.get()) != 1) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 keygen: EVP_PKEY_keygen_init");
  }
  EVP_PKEY* pkey = nullptr;
  if (EVP_PKEY_keygen(ctx.get(), &pkey) != 1 || pkey == nullptr) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 keygen: EVP_PKEY_keygen");
  }
  return FromPkey(Share(pkey));
}

StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromSeed(std::span<const uint8_t> seed) {
  if (seed.size() != kEd25519SeedSize) {
    return InvalidArgument(LengthError("Ed25519 seed", kEd25519SeedSize, seed.size()));
  }
  EVP_PKEY* pkey = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(), seed.size());
  if (pkey == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument, "Ed25519 seed: EVP_PKEY_new_raw_private_key");
  }
  return FromPkey(Share(pkey));
}

StatusOr<Ed25519PrivateKey> Ed25519PrivateKey::FromPkcs8Pem(std::string_view pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return OpenSslError(StatusCode::kInternal, "Ed25519 private key PEM: BIO_new_mem_buf");
  // An empty passphrase callback argument: an encrypted key fails instead of prompting on a tty.
  char no_passphrase[] = "";
  EVP_PKEY* raw_pkey = PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, no_passphrase);
  if (raw_pkey == nullptr) {
    return OpenSslError(StatusCode::kInvalidArgument,
                        "Ed25519 private key PEM: not an unencrypted PEM PKCS#8 private key");
  }
  std::shared_ptr<evp_pkey_st> pkey = Share(raw_pkey);
  CB_RETURN_IF_ERROR(RequireEd25519(pkey.get(), "Ed25519 private key PEM"));
  return FromPkey(std::move(pkey));
}

std::string Ed25519PrivateKey::ToString() const { return "Ed25519 private key " + key_id(); }

StatusOr<std::array<uint8_t, kEd25519SeedSize>> Ed25519PrivateKey::ExportSeed() const {
  std::array<uint8_t, kEd25519SeedSize> seed;
  size_t len = seed.size();
  if (EVP_PKEY_get_raw_private_key(pkey_.get(), seed.data(), &len) != 1 || len != seed.size()) {
    OPENSSL_cleanse(seed.data(), seed.size());
    return OpenSslError(StatusCode::kInternal, "Ed25519 seed: EVP_PKEY_get_raw_private_key");
  }
  return seed;
}

StatusOr<std::string> Ed25519PrivateKey::ExportPkcs8Pem() const {
  BioPtr bio(BIO_new(BIO_s_secmem()));
  if (!bio) return OpenSslError(StatusCode::kInternal, "Ed25519 private key PEM: BIO_new");
  if (PEM_write_bio_PrivateKey(bio.get(), pkey_.get(), nullptr, nullptr, 0, nullptr, nullptr) != 1) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 private key PEM: PEM_write_bio_PrivateKey");
  }
  return internal::BioContents(bio.get(), "Ed25519 private key PEM");
}

StatusOr<Ed25519Signature> Ed25519PrivateKey::Sign(std::span<const uint8_t> message) const {
  KeyedContext& context = ThreadContext(Operation::kSign);
  if (!context.ctx) return OpenSslError(StatusCode::kInternal, "Ed25519 sign: EVP_MD_CTX_new");
  Ed25519Signature sig;
  bool tried = false;
  if (CallAgain(context, pkey_, [&] { return SignWith(context.ctx.get(), message, &sig); }, &tried)) return sig;
  if (!Initialise(context, Operation::kSign, pkey_)) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 sign: EVP_DigestSignInit");
  }
  if (!SignWith(context.ctx.get(), message, &sig)) {
    return OpenSslError(StatusCode::kInternal, "Ed25519 sign: EVP_DigestSign");
  }
  context.reuse_refused = context.reuse_refused || tried;
  return sig;
}

}  // namespace creditbank::records
