// Writes exported credentials for the independent verifier in tests/interop (verify.mjs, Digital
// Bazaar's @digitalbazaar/vc), and checks each with the engine's own verifier first.
//
// tests/interop/tests.cmake runs this test with CREDITBANK_INTEROP_OUT set to a build directory,
// then runs the verifier over it. File names carry the expected verdict: valid-*.json must verify,
// revoked-*.json and tampered-*.json must fail; status/*.json are the status list credentials the
// verifier's offline document loader serves at their "id" URLs. Without the variable the files go to
// a temporary directory, and the engine-side checks still run.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "engine/json/json.h"
#include "engine/records/credential.h"
#include "engine/records/did_key.h"
#include "engine/records/eddsa_jcs.h"
#include "engine/records/signer.h"
#include "engine/records/status_list.h"

namespace creditbank::records {
namespace {

namespace fs = std::filesystem;

constexpr char kListUrl[] = "https://creditbank.example/status/1";
constexpr size_t kRevokedIndex = 42;
constexpr char kCreated[] = "2025-07-01T08:00:00Z";
constexpr char kIssuerName[] = "重庆市终身学习学分银行 (Chongqing Lifelong Learning Credit Bank)";

fs::path OutputDir() {
  const char* env = std::getenv("CREDITBANK_INTEROP_OUT");
  return env != nullptr && *env != '\0' ? fs::path(env)
                                        : fs::path(::testing::TempDir()) / "creditbank-interop";
}

void WriteJson(const fs::path& path, const json::Value& value) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << json::Write(value, 2) << "\n";
  ASSERT_TRUE(out.good()) << path;
}

AchievementInfo Certificate() {
  AchievementInfo info;
  info.record_id = "cert-2025-000042";
  info.learner_pseudonym = "5f0c6b1d9a3e4c7b8d2f1a0e9c8b7a6d5f4e3d2c1b0a99887766554433221100";
  info.code = "1x-iot-install-ops/intermediate";
  info.achievement_type = "Certificate";
  info.name = {"物联网安装调试与运维（中级）", "IoT Installation and Maintenance (Intermediate)"};
  info.description = {"1+X 职业技能等级证书", "1+X vocational skill level certificate"};
  info.level = 3;
  info.framework_id = "cq-vet-4";
  info.framework_name = {"职业教育和培训资历框架", "VET Qualifications Framework"};
  info.credits = "6.5";
  info.units = {{"IOT-U03", {"传感器安装与调试", "Sensor installation and commissioning"}, ""},
                {"IOT-U05", {"物联网网关配置", "IoT gateway configuration"}, ""}};
  info.valid_from = "2025-07-01T00:00:00Z";
  info.valid_until = "2099-12-31T23:59:59Z";
  info.status = StatusListPosition{kListUrl, 7, "revocation"};
  return info;
}

AchievementInfo Award() {
  AchievementInfo info;
  info.record_id = "award-2025-000108";
  info.learner_pseudonym = "0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9";
  info.code = "nsc-2025-iot/national/first";
  info.achievement_type = "Award";
  info.name = {"全国职业院校技能大赛 物联网应用开发 一等奖", ""};
  info.level = 4;
  info.framework_id = "cq-vet-4";
  info.framework_name = {"职业教育和培训资历框架", ""};
  info.credits = "4";
  info.valid_from = "2025-06-20T00:00:00+08:00";
  return info;
}

AchievementInfo Course() {
  AchievementInfo info;
  info.record_id = "course-2025-003311";
  info.learner_pseudonym = "c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00c0ffee00";
  info.code = "cqvtc/IOT101";
  info.achievement_type = "Course";
  info.name = {"传感器技术应用", "Applied Sensor Technology"};
  info.credits = "2.5";
  info.units = {{"IOT-U03", {"传感器安装与调试", ""}, "https://standards.example/iot/U03"}};
  info.valid_from = "2025-01-15T00:00:00Z";
  info.status = StatusListPosition{kListUrl, 8, "revocation"};
  return info;
}

TEST(CredentialInteropTest, WritesCredentialsForIndependentVerifiers) {
  fs::path dir = OutputDir();
  fs::remove_all(dir);
  fs::create_directories(dir / "status");
  std::unique_ptr<Signer> signer = MakeFixedKeySigner("creditbank interop issuer");

  BitstringStatusList list;
  ASSERT_TRUE(list.Set(kRevokedIndex, true).ok());
  ProofOptions options;
  options.created = kCreated;
  auto status_list = AddProof(
      MakeStatusListCredential(kListUrl, DidKeyFromEd25519(signer->public_key().raw()), kCreated,
                               "revocation", list),
      *signer, options);
  ASSERT_TRUE(status_list.ok()) << status_list.status().ToString();
  WriteJson(dir / "status" / "list-1.json", *status_list);

  const CredentialCheck check{.now = "2026-01-01T00:00:00Z",
                              .status_list_credential = &*status_list};
  auto export_and_check = [&](const AchievementInfo& info, const std::string& name) {
    auto vc = ExportAchievementCredential(info, *signer, kIssuerName, kCreated);
    EXPECT_TRUE(vc.ok()) << name << ": " << vc.status().ToString();
    if (!vc.ok()) return json::Value();
    auto verified = VerifyAchievementCredential(*vc, check);
    EXPECT_TRUE(verified.ok()) << name << ": " << verified.status().ToString();
    WriteJson(dir / name, *vc);
    return *vc;
  };
  json::Value certificate = export_and_check(Certificate(), "valid-certificate.json");
  export_and_check(Award(), "valid-award.json");
  export_and_check(Course(), "valid-course.json");

  AchievementInfo revoked_info = Certificate();
  revoked_info.record_id = "cert-2024-000017";
  revoked_info.status->index = kRevokedIndex;
  auto revoked = ExportAchievementCredential(revoked_info, *signer, kIssuerName, kCreated);
  ASSERT_TRUE(revoked.ok());
  EXPECT_EQ(VerifyAchievementCredential(*revoked, check).status(),
            FailedPrecondition("credential: revoked (https://creditbank.example/status/1#42)"));
  WriteJson(dir / "revoked-certificate.json", *revoked);

  const Status kDoesNotVerify = Corruption("eddsa-jcs-2022: signature does not verify");
  json::Value tampered = certificate;
  json::Value subject = *certificate.Find("credentialSubject");
  subject.Set("creditsEarned", json::Value::Number(60));
  tampered.Set("credentialSubject", subject);
  EXPECT_EQ(VerifyAchievementCredential(tampered, check).status(), kDoesNotVerify);
  WriteJson(dir / "tampered-subject.json", tampered);

  tampered = certificate;
  json::Value issuer = *certificate.Find("issuer");
  issuer.Set("name", json::Value::String("Forged Credit Bank"));
  tampered.Set("issuer", issuer);
  EXPECT_EQ(VerifyAchievementCredential(tampered, check).status(), kDoesNotVerify);
  WriteJson(dir / "tampered-issuer-name.json", tampered);

  tampered = certificate;
  tampered.Set("validUntil", json::Value::String("2199-12-31T23:59:59Z"));
  EXPECT_EQ(VerifyAchievementCredential(tampered, check).status(), kDoesNotVerify);
  WriteJson(dir / "tampered-valid-until.json", tampered);

  size_t files = 0;
  for (const auto& entry : fs::directory_iterator(dir)) files += entry.is_regular_file() ? 1 : 0;
  EXPECT_EQ(files, 7u);
}

}  // namespace
}  // namespace creditbank::records
