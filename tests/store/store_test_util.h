// Helpers for the store tests: a certification record's row whose body names its id.
#ifndef CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_
#define CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_

#include <string>

#include "engine/store/store.h"

namespace creditbank::store::testing {

inline RecordRow CertificationRow(const std::string& id, const std::string& pseudonym) {
  RecordRow r;
  r.id = id;
  r.type = "certification";
  r.pseudonym = pseudonym;
  r.body = "{\"id\":\"" + id + "\"}";
  r.leaf_hash = std::string(32, '\x02');
  return r;
}

}  // namespace creditbank::store::testing

#endif  // CREDITBANK_TESTS_STORE_STORE_TEST_UTIL_H_
