#include "engine/records/status_list.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "engine/json/json.h"

namespace creditbank::records {
namespace {

// W3C Bitstring Status List v1.0, the example BitstringStatusListCredential's encodedList: a list of
// 131,072 clear entries.
constexpr char kSpecEmptyList[] =
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA";
// Entries 0, 7, 8, 1000 and 131071 set, encoded by an independent implementation: the npm package
// @digitalbazaar/vc-bitstring-status-list 2.0.1 (createList, setStatus, encode).
constexpr char kIndependentList[] =
    "uH4sIAAAAAAAAA-3NQQEAAAQEMJrTXIzz2Apsp3KSNwAAAAAAAAAAAAAAAAAAAPzRB_LuFOIAQAAA";
const std::set<size_t> kIndependentBits = {0, 7, 8, 1000, 131071};

TEST(StatusListTest, EmptyListEncodesAsTheSpecExample) {
  BitstringStatusList list;
  EXPECT_EQ(list.size(), 131072u);
  EXPECT_EQ(list.Encode(), kSpecEmptyList);
}

TEST(StatusListTest, DecodesTheSpecExampleToAllClear) {
  StatusOr<BitstringStatusList> list = BitstringStatusList::Decode(kSpecEmptyList);
  ASSERT_TRUE(list.ok()) << list.status().ToString();
  EXPECT_EQ(list->size(), 131072u);
  for (size_t i = 0; i < list->size(); ++i) {
    ASSERT_FALSE(list->Get(i).value()) << i;
  }
}

// Index 0 is the left-most (most significant) bit of byte 0.
TEST(StatusListTest, BitOrderIsLeftmostFirst) {
  BitstringStatusList list;
  ASSERT_TRUE(list.Set(0, true).ok());
  ASSERT_TRUE(list.Set(7, true).ok());
  ASSERT_TRUE(list.Set(8, true).ok());
  EXPECT_EQ(list.bytes()[0], 0x81);
  EXPECT_EQ(list.bytes()[1], 0x80);
  EXPECT_EQ(list.bytes()[2], 0x00);
  EXPECT_TRUE(list.Get(7).value());
  EXPECT_FALSE(list.Get(6).value());
  ASSERT_TRUE(list.Set(7, false).ok());
  EXPECT_EQ(list.bytes()[0], 0x80);
}

TEST(StatusListTest, AgreesWithAnIndependentEncoder) {
  BitstringStatusList list;
  for (size_t i : kIndependentBits) ASSERT_TRUE(list.Set(i, true).ok());
  EXPECT_EQ(list.Encode(), kIndependentList);

  StatusOr<BitstringStatusList> decoded = BitstringStatusList::Decode(kIndependentList);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  std::set<size_t> set_bits;
  for (size_t i = 0; i < decoded->size(); ++i) {
    if (decoded->Get(i).value()) set_bits.insert(i);
  }
  EXPECT_EQ(set_bits, kIndependentBits);
}

TEST(StatusListTest, LargerListsRoundTrip) {
  BitstringStatusList list(200'003);  // rounded up to whole bytes
  EXPECT_EQ(list.size(), 200'008u);
  std::set<size_t> set_bits;
  for (size_t i = 3; i < list.size(); i = i * 7 + 1) set_bits.insert(i);
  for (size_t i : set_bits) ASSERT_TRUE(list.Set(i, true).ok());
  StatusOr<BitstringStatusList> back = BitstringStatusList::Decode(list.Encode());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->bytes(), list.bytes());
  EXPECT_EQ(BitstringStatusList(10).size(), 131072u);  // never below the minimum
}

TEST(StatusListTest, IndexOutOfRange) {
  BitstringStatusList list;
  EXPECT_EQ(list.Get(131072).status(),
            InvalidArgument("status list: index 131072 out of range [0, 131072)"));
  EXPECT_EQ(list.Set(131072, true),
            InvalidArgument("status list: index 131072 out of range [0, 131072)"));
}

TEST(StatusListTest, DecodeErrors) {
  struct Case {
    const char* encoded;
    const char* message;
  };
  const Case cases[] = {
      {"", "status list: encodedList must start with the multibase prefix 'u'"},
      {"zH4sI", "status list: encodedList must start with the multibase prefix 'u'"},
      // The gzip of 1,024 zero bytes: 8,192 entries.
      {"uH4sIAAAAAAAAA2NgGAWjYBSMVAAALq-17wAEAAA",
       "status list: 8192 entries, fewer than the minimum 131072"},
      // The spec's list with three zero bytes after the gzip member.
      {"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAAAAAA",
       "status list: data after the gzip stream"},
      // The spec's list cut short inside its gzip trailer.
      {"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbS",
       "status list: gzip: truncated gzip stream"},
      // zlib (RFC 1950) rather than gzip framing.
      {"ueJztwTEBAAAAwqD1T20MH6AAAAAAAAAAAAAAAAAAAACAtwFAAAAB",
       "status list: gzip: incorrect header check"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.encoded);
    EXPECT_EQ(BitstringStatusList::Decode(c.encoded).status(), InvalidArgument(c.message));
  }
  StatusOr<BitstringStatusList> bad_base64 = BitstringStatusList::Decode("uH4s+IAA");
  EXPECT_EQ(bad_base64.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad_base64.status().message().rfind("status list: base64url: ", 0), 0u)
      << bad_base64.status().message();
}

constexpr char kListUrl[] = "https://bank.example/status/1";

TEST(StatusListTest, EntryJson) {
  json::Value entry = MakeStatusListEntry({kListUrl, 94567, "revocation"});
  EXPECT_EQ(json::Write(entry),
            R"({"id":"https://bank.example/status/1#94567","type":"BitstringStatusListEntry",)"
            R"("statusPurpose":"revocation","statusListIndex":"94567",)"
            R"("statusListCredential":"https://bank.example/status/1"})");
}

TEST(StatusListTest, ListCredentialJson) {
  BitstringStatusList list;
  json::Value vc = MakeStatusListCredential(kListUrl, "did:key:z6MkExample", "2025-01-01T00:00:00Z",
                                            "revocation", list);
  EXPECT_EQ(json::Write(vc),
            R"({"@context":["https://www.w3.org/ns/credentials/v2"],)"
            R"("id":"https://bank.example/status/1",)"
            R"("type":["VerifiableCredential","BitstringStatusListCredential"],)"
            R"("issuer":"did:key:z6MkExample","validFrom":"2025-01-01T00:00:00Z",)"
            R"("credentialSubject":{"id":"https://bank.example/status/1#list",)"
            R"("type":"BitstringStatusList","statusPurpose":"revocation",)"
            R"("encodedList":"uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"}})");
}

class StatusListEntryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    BitstringStatusList list;
    ASSERT_TRUE(list.Set(42, true).ok());
    list_vc_ = MakeStatusListCredential(kListUrl, "did:key:z6MkExample", "2025-01-01T00:00:00Z",
                                        "revocation", list);
  }
  json::Value Entry(size_t index) { return MakeStatusListEntry({kListUrl, index, "revocation"}); }
  json::Value list_vc_;
};

TEST_F(StatusListEntryTest, ReadsTheEntrysBit) {
  EXPECT_EQ(CheckStatusListEntry(Entry(42), list_vc_).value(), true);
  EXPECT_EQ(CheckStatusListEntry(Entry(41), list_vc_).value(), false);
  EXPECT_EQ(CheckStatusListEntry(Entry(0), list_vc_).value(), false);
}

TEST_F(StatusListEntryTest, RejectsMismatches) {
  json::Value entry = Entry(42);
  entry.Set("statusPurpose", json::Value::String("suspension"));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument("credentialStatus: statusPurpose \"suspension\" does not match the "
                            "list's \"revocation\""));

  entry = Entry(42);
  entry.Set("statusListIndex", json::Value::String("12a"));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument(
                "credentialStatus: statusListIndex: expected a decimal string, got \"12a\""));
  entry.Set("statusListIndex", json::Value::String("042"));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument(
                "credentialStatus: statusListIndex: expected a decimal string, got \"042\""));
  entry.Set("statusListIndex", json::Value::Integer(42));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument("credentialStatus: statusListIndex: expected a string, got number"));

  EXPECT_EQ(CheckStatusListEntry(Entry(131072), list_vc_).status(),
            InvalidArgument(
                "credentialStatus: status list: index 131072 out of range [0, 131072)"));

  entry = Entry(42);
  entry.Set("statusListCredential", json::Value::String("https://bank.example/status/2"));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument(
                "credentialStatus: the list credential is not \"https://bank.example/status/2\""));

  entry = Entry(42);
  entry.Set("type", json::Value::String("StatusList2021Entry"));
  EXPECT_EQ(CheckStatusListEntry(entry, list_vc_).status(),
            InvalidArgument("credentialStatus: type: expected \"BitstringStatusListEntry\""));
}

TEST_F(StatusListEntryTest, RejectsAListCredentialOfAnotherType) {
  list_vc_.Set("type", json::Value::String("VerifiableCredential"));
  EXPECT_EQ(CheckStatusListEntry(Entry(42), list_vc_).status(),
            InvalidArgument(
                "credentialStatus: list: type: expected \"BitstringStatusListCredential\""));
}

}  // namespace
}  // namespace creditbank::records
