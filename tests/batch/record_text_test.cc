// bank/record_text.h writes record bodies and stored outcomes in canonical form directly; the
// general canonicalizer over the value forms (DecisionToJson, OutcomeToJson, the certification body
// of record_bodies.h) is the reference. The decisions come from a generated intake converted for
// every shipped programme, and the test counts the shapes it met so that a branch left unexercised
// fails it.
#include "engine/bank/record_text.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "engine/bank/import.h"
#include "engine/bank/outcome_json.h"
#include "engine/batch/learner_reader.h"
#include "engine/batch/synthetic_intake.h"
#include "engine/json/json.h"
#include "engine/rules/loader.h"

namespace creditbank::bank {
namespace {

// The certification record body as record_bodies.h describes it, built as a value. Credits go
// through their decimal text, as a JSON reader would see them.
json::Value ReferenceCertificationBody(const Outcome& outcome, const Certification& c) {
  json::Value body = json::Value::Object();
  body.Set("outcome", OutcomeToJson(outcome));
  body.Set("rule", json::Value::String(c.rule->id));
  body.Set("level", json::Value::Integer(c.level));
  body.Set("credits", *json::Parse(c.credits.ToString()));
  json::Value units = json::Value::Array();
  for (const std::string& u : c.units()) units.Push(json::Value::String(u));
  body.Set("units", units);
  body.Set("valid_until", c.valid_until ? json::Value::String(c.valid_until->ToString()) : json::Value::Null());
  return body;
}

std::string ReferenceConversionBody(const Decision& d) {
  json::Value full = DecisionToJson(d);
  json::Value body = json::Value::Object();
  for (const auto& [key, value] : full.members()) {
    if (key != "learner") body.Set(key, value);
  }
  return *json::Canonicalize(body);
}

TEST(RecordTextTest, EqualsTheCanonicalizerOverConvertedIntakes) {
  std::shared_ptr<const RuleSet> rules = rules::LoadRuleSet(CREDITBANK_SOURCE_DIR "/rules").rule_set;
  ASSERT_NE(rules, nullptr);
  std::stringstream intake;
  batch::IntakeOptions options;
  options.learners = 1500;
  options.seed = 29;
  options.defects_per_10k = 0;
  batch::IntakeSummary summary;
  ASSERT_EQ(batch::GenerateIntake(*rules, options, intake, &summary), Status::Ok());
  std::vector<Learner> learners;
  std::unique_ptr<batch::LearnerReader> reader = batch::NewLearnerReader(&intake, batch::InputFormat::kJsonLines);
  Learner learner;
  batch::Reject reject;
  while (reader->Next(&learner, &reject) == batch::ReadResult::kLearner) learners.push_back(learner);
  ASSERT_EQ(static_cast<int64_t>(learners.size()), summary.learners);

  const char* programmes[] = {"CQ-BK-01-310102", "CQ-ZZ-01-710102", "CQEIT-460702", "CQEIT-510102",
                              "CQEIT-510103",    "CQEIT-510203",    "CQEIT-510206"};
  Converter converter(rules);
  int64_t decisions = 0, certified = 0, rejected = 0, no_expiry = 0, exemptions = 0, paths = 0, not_chosen = 0,
          scores = 0, tiers = 0;
  for (const Learner& l : learners) {
    for (const Outcome& o : l.outcomes) {
      std::string text;
      ASSERT_EQ(AppendCanonicalOutcome(o, &text), Status::Ok());
      ASSERT_EQ(text, *json::Canonicalize(OutcomeToJson(o))) << l.id << " " << o.id;
      scores += o.score.has_value();
      tiers += o.tier.has_value();
    }
    for (const char* p : programmes) {
      StatusOr<Decision> d = converter.Convert(l, p, Date::FromCivil(2026, 11, 29));
      ASSERT_TRUE(d.ok()) << d.status().ToString();
      ++decisions;
      StatusOr<std::string> body = ConversionBodyText(*d);
      ASSERT_TRUE(body.ok()) << body.status().ToString();
      ASSERT_EQ(*body, ReferenceConversionBody(*d)) << l.id << " " << p;
      for (size_t k = 0; k < d->certifications.size(); ++k) {
        const Certification& c = d->certifications[k];
        if (!c.certified) {
          ++rejected;
          continue;
        }
        ++certified;
        no_expiry += !c.valid_until.has_value();
        StatusOr<std::string> cert = CertificationBodyText(l.outcomes[k], c);
        ASSERT_TRUE(cert.ok()) << cert.status().ToString();
        ASSERT_EQ(*cert, *json::Canonicalize(ReferenceCertificationBody(l.outcomes[k], c))) << l.id << " " << p;
        // A batch run builds it from the outcome row's text instead.
        StatusOr<store::OutcomeRow> row = MakeOutcomeRow("p", l.outcomes[k]);
        ASSERT_TRUE(row.ok()) << row.status().ToString();
        ASSERT_EQ(CertificationBodyText(row->body, c).value(), *cert) << l.id << " " << p;
      }
      exemptions += static_cast<int64_t>(d->exemptions.size());
      for (const Exemption& e : d->exemptions) paths += !e.path.empty();
      not_chosen += static_cast<int64_t>(d->not_chosen.size());
    }
  }
  EXPECT_EQ(decisions, 7 * summary.learners);
  for (int64_t seen : {certified, rejected, no_expiry, exemptions, paths, not_chosen, scores, tiers}) {
    EXPECT_GT(seen, 0);
  }
}

// Strings that need escaping or are not ASCII, credits with trailing zeros, and a string that is
// not UTF-8.
TEST(RecordTextTest, EscapesStringsAndWritesNumbersAsTheCanonicalizer) {
  RecognitionRule rule;
  rule.id = "REC-\"引号\"\\";
  rule.units = {"U\t1", "单元"};
  Outcome o;
  o.id = "o1";
  o.kind = OutcomeKind::kCourse;
  o.code = "C\n1";
  o.institution = "重庆电子工程职业学院";
  o.score = *Decimal::Parse("86.50");
  o.date = Date::FromCivil(2024, 2, 29);
  Certification c;
  c.outcome = o.id;
  c.certified = true;
  c.rule = &rule;
  c.level = 3;
  c.credits = *Decimal::Parse("0.10");
  c.valid_until = Date::FromCivil(2029, 2, 28);
  StatusOr<std::string> text = CertificationBodyText(o, c);
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "{\"credits\":0.1,\"level\":3,\"outcome\":{\"code\":\"C\\n1\",\"date\":\"2024-02-29\",\"id\":\"o1\","
            "\"institution\":\"重庆电子工程职业学院\",\"kind\":\"course\",\"score\":86.5},"
            "\"rule\":\"REC-\\\"引号\\\"\\\\\",\"units\":[\"U\\t1\",\"单元\"],\"valid_until\":\"2029-02-28\"}");
  EXPECT_EQ(*text, *json::Canonicalize(ReferenceCertificationBody(o, c)));
  o.code = "\xe4\xb8";  // cut short
  EXPECT_EQ(CertificationBodyText(o, c).status(), InvalidArgument("canonical JSON: invalid UTF-8 in a string"));
}

}  // namespace
}  // namespace creditbank::bank
