#include "engine/records/credential.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "engine/json/json.h"
#include "engine/records/did_key.h"
#include "engine/records/eddsa_jcs.h"
#include "engine/records/signer.h"
#include "engine/records/status_list.h"

namespace creditbank::records {
namespace {

constexpr char kListUrl[] = "https://creditbank.example/status/1";
constexpr char kCreated[] = "2025-07-01T08:00:00Z";
constexpr char kIssuerName[] = "重庆市终身学习学分银行 (Chongqing Lifelong Learning Credit Bank)";

ProofOptions CreatedAt(std::string created) {
  ProofOptions options;
  options.created = std::move(created);
  return options;
}

AchievementInfo SampleInfo() {
  AchievementInfo info;
  info.record_id = "cert-2025-000042";
  info.learner_pseudonym = "5f0c6b1d9a3e4c7b8d2f1a0e9c8b7a6d5f4e3d2c1b0a99887766554433221100";
  info.code = "1x-iot-install-ops/intermediate";
  info.achievement_type = "Certificate";
  info.name = {"物联网安装调试与运维（中级）", "IoT Installation and Maintenance (Intermediate)"};
  info.description = {"", "1+X vocational skill level certificate"};
  info.level = 3;
  info.framework_id = "cq-vet-4";
  info.framework_name = {"职业教育和培训资历框架", ""};
  info.credits = "6.5";
  info.units = {{"IOT-U03", {"传感器安装与调试", ""}, ""},
                {"IOT-U05", {"", "IoT gateway configuration"}, "https://standards.example/iot/U05"}};
  info.valid_from = "2025-07-01T00:00:00Z";
  info.valid_until = "2029-06-30T23:59:59Z";
  info.status = StatusListPosition{kListUrl, 42, "revocation"};
  return info;
}

// The whole credential, written out by hand from credential.h's shape.
constexpr char kExpectedUnsigned[] =
    R"j({"@context":["https://www.w3.org/ns/credentials/v2",)j"
    R"j("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],)j"
    R"j("id":"urn:creditbank:record:cert-2025-000042",)j"
    R"j("type":["VerifiableCredential","OpenBadgeCredential"],)j"
    R"j("issuer":{"id":"did:key:z6MkExample","type":["Profile"],)j"
    R"j("name":"重庆市终身学习学分银行 (Chongqing Lifelong Learning Credit Bank)"},)j"
    R"j("validFrom":"2025-07-01T00:00:00Z","validUntil":"2029-06-30T23:59:59Z",)j"
    R"j("name":"物联网安装调试与运维（中级） (IoT Installation and Maintenance (Intermediate))",)j"
    R"j("credentialSubject":{"type":["AchievementSubject"],)j"
    R"j("identifier":[{"type":"IdentityObject",)j"
    R"j("identityHash":"5f0c6b1d9a3e4c7b8d2f1a0e9c8b7a6d5f4e3d2c1b0a99887766554433221100",)j"
    R"j("identityType":"identifier","hashed":true}],)j"
    R"j("achievement":{"id":"urn:creditbank:achievement:1x-iot-install-ops%2Fintermediate",)j"
    R"j("type":["Achievement"],"achievementType":"Certificate",)j"
    R"j("name":"物联网安装调试与运维（中级） (IoT Installation and Maintenance (Intermediate))",)j"
    R"j("description":"1+X vocational skill level certificate",)j"
    R"j("criteria":{"narrative":"Certified by the credit bank under its recognition rules (学分银行认定)."},)j"
    R"j("humanCode":"1x-iot-install-ops/intermediate","creditsAvailable":6.5,)j"
    R"j("alignment":[{"type":["Alignment"],"targetName":"职业教育和培训资历框架 level 3",)j"
    R"j("targetUrl":"urn:creditbank:cq-vet-4:level:3","targetCode":"level-3",)j"
    R"j("targetType":"ext:QualificationsFrameworkLevel","targetFramework":"职业教育和培训资历框架"},)j"
    R"j({"type":["Alignment"],"targetName":"传感器安装与调试","targetUrl":"urn:creditbank:unit:IOT-U03",)j"
    R"j("targetCode":"IOT-U03","targetType":"ceasn:Competency","targetFramework":"职业教育和培训资历框架"},)j"
    R"j({"type":["Alignment"],"targetName":"IoT gateway configuration",)j"
    R"j("targetUrl":"https://standards.example/iot/U05","targetCode":"IOT-U05",)j"
    R"j("targetType":"ceasn:Competency","targetFramework":"职业教育和培训资历框架"}],)j"
    R"j("tag":["level:3"]},"creditsEarned":6.5},)j"
    R"j("credentialStatus":{"id":"https://creditbank.example/status/1#42",)j"
    R"j("type":"BitstringStatusListEntry","statusPurpose":"revocation","statusListIndex":"42",)j"
    R"j("statusListCredential":"https://creditbank.example/status/1"}})j";

TEST(CredentialTest, BuildsTheOpenBadgeShape) {
  auto vc = BuildAchievementCredential(SampleInfo(), "did:key:z6MkExample", kIssuerName);
  ASSERT_TRUE(vc.ok()) << vc.status().ToString();
  EXPECT_EQ(json::Write(*vc), kExpectedUnsigned);
}

TEST(CredentialTest, OptionalPartsAreLeftOut) {
  AchievementInfo info = SampleInfo();
  info.valid_until.clear();
  info.status.reset();
  info.units.clear();
  info.level = 0;
  info.description = {};
  info.criteria = {"", "Won a first prize at the national skills competition"};
  info.achievement_type = "Award";
  info.credits = "4";
  auto vc = BuildAchievementCredential(info, "did:key:z6MkExample", "Bank");
  ASSERT_TRUE(vc.ok()) << vc.status().ToString();
  EXPECT_EQ(vc->Find("validUntil"), nullptr);
  EXPECT_EQ(vc->Find("credentialStatus"), nullptr);
  const json::Value* achievement = vc->Find("credentialSubject")->Find("achievement");
  EXPECT_EQ(achievement->Find("alignment"), nullptr);
  EXPECT_EQ(achievement->Find("tag"), nullptr);
  EXPECT_EQ(achievement->Find("description"), nullptr);
  EXPECT_EQ(json::Write(*achievement->Find("criteria")),
            R"j({"narrative":"Won a first prize at the national skills competition"})j");
  EXPECT_EQ(achievement->Find("achievementType")->AsString(), "Award");
  EXPECT_EQ(json::Write(*vc->Find("credentialSubject")->Find("creditsEarned")), "4");
}

TEST(CredentialTest, RejectsBadInput) {
  struct Case {
    void (*edit)(AchievementInfo&);
    const char* message;
  };
  const Case cases[] = {
      {[](AchievementInfo& i) { i.record_id.clear(); }, "credential: record_id: empty"},
      {[](AchievementInfo& i) { i.learner_pseudonym.clear(); },
       "credential: learner_pseudonym: empty"},
      {[](AchievementInfo& i) { i.code.clear(); }, "credential: code: empty"},
      {[](AchievementInfo& i) { i.name = {}; }, "credential: name: empty"},
      {[](AchievementInfo& i) { i.units[1].code.clear(); },
       "credential: units: a unit without a code"},
      {[](AchievementInfo& i) { i.credits = "2.505"; },
       "credential: credits: expected a non-negative decimal with at most 2 decimal places, got "
       "\"2.505\""},
      {[](AchievementInfo& i) { i.credits = "-1"; },
       "credential: credits: expected a non-negative decimal with at most 2 decimal places, got "
       "\"-1\""},
      {[](AchievementInfo& i) { i.credits = "1e3"; },
       "credential: credits: expected a non-negative decimal with at most 2 decimal places, got "
       "\"1e3\""},
      {[](AchievementInfo& i) { i.credits = "4."; },
       "credential: credits: expected a non-negative decimal with at most 2 decimal places, got "
       "\"4.\""},
      {[](AchievementInfo& i) { i.credits = ""; },
       "credential: credits: expected a non-negative decimal with at most 2 decimal places, got "
       "\"\""},
      {[](AchievementInfo& i) { i.valid_from = "2025-07-01"; },
       "credential: valid_from: expected an XML Schema dateTimeStamp, got \"2025-07-01\""},
      {[](AchievementInfo& i) { i.valid_until = "2029-06-30T23:59:59"; },
       "credential: valid_until: expected an XML Schema dateTimeStamp, got "
       "\"2029-06-30T23:59:59\""},
      // 08:00 in Beijing is midnight UTC: the same instant as valid_from.
      {[](AchievementInfo& i) { i.valid_until = "2025-07-01T08:00:00+08:00"; },
       "credential: valid_until: not after valid_from"},
  };
  for (const Case& c : cases) {
    AchievementInfo info = SampleInfo();
    c.edit(info);
    EXPECT_EQ(BuildAchievementCredential(info, "did:key:z6MkExample", kIssuerName).status(),
              InvalidArgument(c.message))
        << c.message;
  }
}

class SignedCredentialTest : public ::testing::Test {
 protected:
  void SetUp() override {
    signer_ = MakeFixedKeySigner("credential test issuer");
    auto vc = ExportAchievementCredential(SampleInfo(), *signer_, kIssuerName, kCreated);
    ASSERT_TRUE(vc.ok()) << vc.status().ToString();
    vc_ = *vc;
    list_ = SignedList(*signer_, /*revoked_index=*/7);
  }

  static json::Value SignedList(const Signer& signer, size_t revoked_index) {
    BitstringStatusList list;
    EXPECT_TRUE(list.Set(revoked_index, true).ok());
    json::Value unsigned_list = MakeStatusListCredential(
        kListUrl, DidKeyFromEd25519(signer.public_key().raw()), kCreated, "revocation", list);
    auto signed_list = AddProof(unsigned_list, signer, CreatedAt(kCreated));
    EXPECT_TRUE(signed_list.ok()) << signed_list.status().ToString();
    return signed_list.ok() ? *signed_list : json::Value();
  }

  std::string Did() const { return DidKeyFromEd25519(signer_->public_key().raw()); }

  std::unique_ptr<Signer> signer_;
  json::Value vc_;
  json::Value list_;
};

TEST_F(SignedCredentialTest, IssuerIsTheSignersDidKeyAndTheProofIsLast) {
  EXPECT_EQ(vc_.Find("issuer")->Find("id")->AsString(), Did());
  EXPECT_EQ(vc_.members().back().first, "proof");
  const json::Value& proof = vc_.members().back().second;
  EXPECT_EQ(proof.Find("cryptosuite")->AsString(), "eddsa-jcs-2022");
  EXPECT_EQ(proof.Find("verificationMethod")->AsString(),
            DidKeyVerificationMethod(signer_->public_key().raw()));
  EXPECT_EQ(proof.Find("created")->AsString(), kCreated);
  EXPECT_EQ(*proof.Find("@context"), *vc_.Find("@context"));
}

TEST_F(SignedCredentialTest, Verifies) {
  auto verified = VerifyAchievementCredential(
      vc_, {.now = "2026-01-01T00:00:00Z", .status_list_credential = &list_});
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->id, "urn:creditbank:record:cert-2025-000042");
  EXPECT_EQ(verified->issuer, Did());
  EXPECT_EQ(verified->proof.created, kCreated);
  EXPECT_TRUE(verified->status_checked);

  auto unchecked = VerifyAchievementCredential(vc_);
  ASSERT_TRUE(unchecked.ok()) << unchecked.status().ToString();
  EXPECT_FALSE(unchecked->status_checked);
}

TEST_F(SignedCredentialTest, TamperedCredentialsFail) {
  const Status kDoesNotVerify = Corruption("eddsa-jcs-2022: signature does not verify");
  json::Value vc = vc_;
  json::Value subject = *vc_.Find("credentialSubject");
  subject.Set("creditsEarned", json::Value::Number(60));
  vc.Set("credentialSubject", subject);
  EXPECT_EQ(VerifyAchievementCredential(vc).status(), kDoesNotVerify);

  vc = vc_;
  vc.Set("validUntil", json::Value::String("2099-12-31T23:59:59Z"));
  EXPECT_EQ(VerifyAchievementCredential(vc).status(), kDoesNotVerify);

  vc = vc_;
  vc.Set("credentialStatus", MakeStatusListEntry({kListUrl, 43, "revocation"}));
  EXPECT_EQ(VerifyAchievementCredential(vc).status(), kDoesNotVerify);
}

TEST_F(SignedCredentialTest, IssuerMustBeTheSigner) {
  auto forged = BuildAchievementCredential(SampleInfo(), "did:key:z6MkOtherIssuer", kIssuerName);
  ASSERT_TRUE(forged.ok());
  auto signed_forged = AddProof(*forged, *signer_, CreatedAt(kCreated));
  ASSERT_TRUE(signed_forged.ok());
  EXPECT_EQ(VerifyAchievementCredential(*signed_forged).status(),
            Corruption("credential: issuer \"did:key:z6MkOtherIssuer\" is not the signer \"" +
                       Did() + "\""));
}

TEST_F(SignedCredentialTest, ValidityWindow) {
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "2025-06-30T23:59:59Z"}).status(),
            FailedPrecondition("credential: not valid before 2025-07-01T00:00:00Z"));
  EXPECT_TRUE(VerifyAchievementCredential(vc_, {.now = "2025-07-01T08:00:00+08:00"}).ok());
  EXPECT_TRUE(VerifyAchievementCredential(vc_, {.now = "2029-06-30T23:59:59Z"}).ok());
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "2029-07-01T00:00:00Z"}).status(),
            FailedPrecondition("credential: expired at 2029-06-30T23:59:59Z"));
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "tomorrow"}).status(),
            InvalidArgument("credential: now: expected an XML Schema dateTimeStamp, got "
                            "\"tomorrow\""));
}

TEST_F(SignedCredentialTest, RevokedCredentialFails) {
  json::Value revoked_list = SignedList(*signer_, 42);
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "", .status_list_credential = &revoked_list}).status(),
            FailedPrecondition("credential: revoked (https://creditbank.example/status/1#42)"));
}

TEST_F(SignedCredentialTest, StatusListMustBeGenuine) {
  json::Value tampered = list_;
  json::Value subject = *list_.Find("credentialSubject");
  subject.Set("encodedList", json::Value::String(BitstringStatusList().Encode()));
  tampered.Set("credentialSubject", subject);
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "", .status_list_credential = &tampered}).status(),
            Corruption("credential: status list: eddsa-jcs-2022: signature does not verify"));

  auto other = MakeFixedKeySigner("someone else");
  json::Value foreign = SignedList(*other, 7);
  EXPECT_EQ(VerifyAchievementCredential(vc_, {.now = "", .status_list_credential = &foreign}).status(),
            Corruption("credential: status list: issued by \"" +
                       DidKeyFromEd25519(other->public_key().raw()) + "\", not by \"" + Did() +
                       "\""));
}

}  // namespace
}  // namespace creditbank::records
