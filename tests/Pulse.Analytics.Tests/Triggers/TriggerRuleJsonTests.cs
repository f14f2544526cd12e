using Pulse.Analytics.Triggers;
using static Pulse.Analytics.Tests.Triggers.TriggerTesting;

namespace Pulse.Analytics.Tests.Triggers;

public sealed class TriggerRuleJsonTests
{
    // Every property and every kind of condition, in the order and form the writer uses.
    private const string Everything = """
        {"id":"retention.high-value","name":"Retain valuable customers at risk","description":"Churn risk crosses 0.7 and CLV is over 500",
        "enabled":true,"version":7,"priority":10,"category":"marketing",
        "when":{"all":[
          {"fact":"churn.probability","above":0.7,"rearmBelow":0.6},
          {"fact":"clv.value","atLeast":500},
          {"fact":"sentiment.level7d","below":-0.5,"rearmAbove":-0.2},
          {"fact":"kind.complaint.count.7d","atMost":2},
          {"fact":"clv.pAlive","between":[0.2,0.9]},
          {"any":[{"event":"complaint"},{"event":"support-call"}]},
          {"not":{"attribute":"Contract","equals":"Two year"}},
          {"attribute":"PaymentMethod","in":["Electronic check","Mailed check"]},
          {"segment":"in","ids":[2,3]},
          {"segment":"notIn","ids":[0]},
          {"segmentMove":{"from":1,"to":3}},
          {"segmentMove":{"to":4}},
          {"segmentMove":{}},
          {"inactiveFor":"30d"}]},
        "cooldown":"7d","cap":{"count":2,"period":"30d"},"rateLimit":50.5,"group":"retention-offers",
        "webhooks":[{"url":"https://hooks.example.com/pulse?campaign=r&x=1","secretName":"crm-signing"},{"url":"http://localhost:8080/hook"}]}
        """;

    [Fact]
    public void ARuleRoundTripsToTheSameJson()
    {
        var parsed = TriggerRuleJson.Parse(Everything, Schema);

        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        var rule = parsed.Rule!;
        Assert.Equal(("retention.high-value", 7L, 10, TriggerCategory.Marketing), (rule.Id, rule.Version, rule.Priority, rule.Category));
        Assert.Equal((TimeSpan.FromDays(7), new TriggerCap(2, TimeSpan.FromDays(30)), 50.5), (rule.Cooldown, rule.Cap, rule.RateLimit));
        Assert.Equal(new FactCondition("churn.probability", FactComparison.Above, 0.7, 0.6), ((AllCondition)rule.When).Conditions[0]);
        Assert.Equal(new TriggerWebhook(new Uri("https://hooks.example.com/pulse?campaign=r&x=1"), "crm-signing"), rule.Webhooks[0]);

        var written = TriggerRuleJson.Write(rule);
        Assert.Equal(string.Concat(Everything.Split('\n').Select(l => l.Trim())), written);
        Assert.Equal(written, TriggerRuleJson.Write(TriggerRuleJson.Parse(TriggerRuleJson.Write(rule, indented: true), Schema).Rule!));
    }

    [Fact]
    public void DefaultsAreFilledAndWrittenOut()
    {
        var rule = TriggerRuleJson.Parse(Json("""{"inactiveFor":"P30D"}"""), Schema).Rule!;

        Assert.Equal((true, 0L, 0, null, null, null), (rule.Enabled, rule.Version, rule.Priority, rule.Cooldown, rule.Cap, rule.Group));
        Assert.Empty(rule.Webhooks);
        Assert.Equal("""{"id":"r1","name":"rule r1","enabled":true,"version":0,"priority":0,"category":"marketing","when":{"inactiveFor":"30d"}}""", TriggerRuleJson.Write(rule));
    }

    [Theory]
    [InlineData("30d", 30 * 24 * 3600.0)]
    [InlineData("12h", 12 * 3600.0)]
    [InlineData("15m", 15 * 60.0)]
    [InlineData("90s", 90.0)]
    [InlineData("P30D", 30 * 24 * 3600.0)]
    [InlineData("P2W", 14 * 24 * 3600.0)]
    [InlineData("PT12H", 12 * 3600.0)]
    [InlineData("P1DT6H30M", 30.5 * 3600.0)]
    [InlineData("PT0.5S", 0.5)]
    public void DurationsAreReadInShortAndIsoForms(string text, double seconds)
    {
        Assert.True(TriggerDuration.TryParse(text, out var duration, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
        Assert.True(TriggerDuration.TryParse(TriggerDuration.Format(duration), out var again, out _));
        Assert.Equal(duration, again);
    }

    [Theory]
    [InlineData("30", "must be a duration")]
    [InlineData("30 d", "must be a duration")]
    [InlineData("1w", "must be a duration")]
    [InlineData("-1d", "must be a duration")]
    [InlineData("P", "must be a duration")]
    [InlineData("PT", "must be a duration")]
    [InlineData("P1Y", "years and months")]
    [InlineData("P1M", "years and months")]
    [InlineData("0d", "must be positive")]
    [InlineData("3651d", "at most 3650d")]
    public void BadDurationsAreRefusedWithAReason(string text, string reason)
    {
        Assert.False(TriggerDuration.TryParse(text, out _, out var error));
        Assert.Contains(reason, error);
    }

    [Theory]
    [InlineData("""{"fact":"churn.probability","above":0.7}""", "\"colour\":\"red\"", "colour", "unknown property")]
    [InlineData("""{"fact":"churn.probability","abve":0.7}""", "", "when", "needs one of 'above'")]
    [InlineData("""{"fact":"churn.probability","above":0.7,"below":0.2}""", "", "when", "has both 'above' and 'below'")]
    [InlineData("""{"fact":"churn.probability","above":"0.7"}""", "", "when.above", "must be a number, not a string")]
    [InlineData("""{"fact":"churn.probability","above":"NaN"}""", "", "when.above", "must be a number")]
    [InlineData("""{"fact":"churn.probability","above":1e400}""", "", "when.above", "must be a finite number")]
    [InlineData("""{"fact":"churn.probability","above":0.7}""", "\"priority\":\"high\"", "priority", "must be a whole number, not a string")]
    [InlineData("""{"fact":"churn.probability","above":0.7}""", "\"priority\":1.5", "priority", "must be a whole number")]
    [InlineData("""{"fact":"churn.probability","above":0.7}""", "\"enabled\":null", "enabled", "must be true or false, not null")]
    [InlineData("""{"all":[]}""", "", "when.all", "must hold at least one condition")]
    [InlineData("""{"any":{"event":"complaint"}}""", "", "when.any", "must be an array of conditions")]
    [InlineData("""{"all":[{"event":"complaint"},{"fact":"churn.probability","above":0.7,"rearmBelow":0.7}]}""", "", "when.all[1].rearmBelow", "must be below 'above' (0.7)")]
    [InlineData("""{"fact":"sentiment.level7d","below":-0.5,"rearmAbove":-0.6}""", "", "when.rearmAbove", "must be above 'below' (-0.5)")]
    [InlineData("""{"fact":"sentiment.level7d","below":-0.5,"rearmBelow":-0.6}""", "", "when.rearmBelow", "goes with 'above' or 'atLeast'")]
    [InlineData("""{"not":{"fact":"churn.probability","above":0.7,"rearmBelow":0.6}}""", "", "when.not.rearmBelow", "has no effect under 'not'")]
    [InlineData("""{"fact":"clv.pAlive","between":[0.9,0.2]}""", "", "when.between", "must be [low, high]")]
    [InlineData("""{"fact":"clv.pAlive","between":[0.2]}""", "", "when.between", "two finite numbers")]
    [InlineData("""{"any":[{"fact":"churn.probabilty","above":0.7}]}""", "", "when.any[0].fact", "unknown fact 'churn.probabilty'; closest known: churn.probability")]
    [InlineData("""{"event":"Complaint"}""", "", "when.event", "wire name")]
    [InlineData("""{"event":"complaint","fact":"churn.probability"}""", "", "when", "has both 'fact' and 'event'")]
    [InlineData("""{"colour":"red"}""", "", "when", "must be a condition")]
    [InlineData("""[{"event":"complaint"}]""", "", "when", "must be a condition object, not an array")]
    [InlineData("""{"attribute":"Contract"}""", "", "when", "needs 'equals' or 'in'")]
    [InlineData("""{"attribute":"Contract","in":["a",1]}""", "", "when.in[1]", "must be a string, not a number")]
    [InlineData("""{"segment":"within","ids":[1]}""", "", "when.segment", "must be 'in' or 'notIn'")]
    [InlineData("""{"segment":"in","ids":[1,-2]}""", "", "when.ids[1]", "must not be negative")]
    [InlineData("""{"segment":"in"}""", "", "when.ids", "is required")]
    [InlineData("""{"segmentMove":{"from":2,"to":2}}""", "", "when.segmentMove", "the same segment")]
    [InlineData("""{"segmentMove":{"from":"1"}}""", "", "when.segmentMove.from", "must be a whole number")]
    [InlineData("""{"inactiveFor":"a month"}""", "", "when.inactiveFor", "must be a duration")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"cooldown\":\"0s\"", "cooldown", "must be positive")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"cap\":{\"count\":2}", "cap.period", "is required")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"cap\":{\"count\":0,\"period\":\"1d\"}", "cap.count", "must be at least 1")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"rateLimit\":0", "rateLimit", "must be a positive number")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"group\":\"retention offers\"", "group", "letters, digits")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"version\":-1", "version", "must be between 0 and")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"webhooks\":[{\"url\":\"/relative\"}]", "webhooks[0].url", "absolute http or https URL")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"webhooks\":[{\"url\":\"https://a.example\"},{\"url\":\"ftp://files.example/x\"}]", "webhooks[1].url", "absolute http or https URL")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"webhooks\":[{\"url\":\"https://user:pw@a.example\"}]", "webhooks[0].url", "must not carry credentials")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"webhooks\":[{\"url\":\"https://a.example\",\"secret\":\"s3cr3t\"}]", "webhooks[0].secret", "unknown property")]
    [InlineData("""{"inactiveFor":"30d"}""", "\"id\":\"again\"", "id", "appears twice")]
    public void EachProblemIsReportedAtThePathOfItsField(string when, string more, string path, string message)
    {
        var parsed = TriggerRuleJson.Parse(Json(when, more), Schema);

        Assert.Null(parsed.Rule);
        Assert.Contains(parsed.Errors, e => e.Path == path && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ARearmOnTheWrongSideReadsAsTheIssueSays()
    {
        var parsed = TriggerRuleJson.Parse(Json("""{"all":[{"event":"complaint"},{"fact":"churn.probability","above":0.7,"rearmBelow":0.75}]}"""), Schema);

        Assert.Equal(["when.all[1].rearmBelow: must be below 'above' (0.7)"], parsed.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void EveryErrorIsCollectedNotJustTheFirst()
    {
        var json = """
            {"id":"bad id","name":"","category":"promo","colour":"red",
             "when":{"all":[{"fact":"clv.valeu","above":500},{"fact":"churn.probability","above":0.7,"rearmBelow":0.8},{"any":[]},{"event":7}]},
             "cap":{"count":"two","period":"1y"}}
            """;

        var errors = TriggerRuleJson.Parse(json, Schema).Errors.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray();

        Assert.Equal(
            ["cap.count", "cap.period", "category", "colour", "id", "name", "when.all[0].fact", "when.all[1].rearmBelow", "when.all[2].any", "when.all[3].event"],
            errors);
    }

    [Fact]
    public void MissingRequiredPropertiesAreNamed()
    {
        var errors = TriggerRuleJson.Parse("{}", Schema).Errors.Select(e => e.ToString()).ToArray();

        Assert.Equal(["category: is required", "when: is required", "id: is required", "name: is required"], errors);
    }

    [Fact]
    public void NonJsonAndNonFiniteLiteralsAreRefusedAsJson()
    {
        Assert.Equal("$", Assert.Single(TriggerRuleJson.Parse(Json("""{"fact":"churn.probability","above":NaN}"""), Schema).Errors).Path);
        Assert.Equal("$", Assert.Single(TriggerRuleJson.Parse("[]", Schema).Errors).Path);
    }

    [Fact]
    public void ConditionsNestedDeeperThanSixteenAreRefusedAtTheSeventeenth()
    {
        var when = string.Concat(Enumerable.Repeat("""{"not":""", 16)) + """{"event":"complaint"}""" + new string('}', 16);

        var errors = TriggerRuleJson.Parse(Json(when), Schema).Errors;

        Assert.Equal(new TriggerRuleError("when" + string.Concat(Enumerable.Repeat(".not", 16)), "nests deeper than 16 conditions"), Assert.Single(errors));
        Assert.True(TriggerRuleJson.Parse(Json(when[7..^1]), Schema).IsValid);
    }

    [Fact]
    public void MoreThanTwoHundredConditionsAreRefused()
    {
        // 200 leaves under one 'any': 201 conditions; one leaf fewer is the most allowed.
        var leaves = string.Join(",", Enumerable.Repeat("""{"event":"complaint"}""", 200));

        var errors = TriggerRuleJson.Parse(Json($$"""{"any":[{{leaves}}]}"""), Schema).Errors;

        Assert.Equal("when: has more than 200 conditions", Assert.Single(errors).ToString());
        Assert.True(TriggerRuleJson.Parse(Json($$"""{"any":[{{leaves[..^22]}}]}"""), Schema).IsValid);
    }

    [Fact]
    public void RulesBuiltInCodeAreValidatedWithTheSamePaths()
    {
        var rule = new TriggerRule
        {
            Id = "r1",
            Name = "n",
            Category = TriggerCategory.Service,
            When = new AnyCondition([new FactCondition("churn.probability", FactComparison.AtLeast, 0.7, 0.9), new AllCondition([])]),
            Cap = new TriggerCap(1, TimeSpan.Zero),
            Webhooks = [new TriggerWebhook(new Uri("mailto:a@example.com"))],
        };

        var errors = TriggerRuleValidator.Validate(rule, Schema).Select(e => e.Path);

        Assert.Equal(["when.any[0].rearmBelow", "when.any[1].all", "cap.period", "webhooks[0].url"], errors);
    }

    [Fact]
    public void CompilingRefusesInvalidRulesAndDuplicateIds()
    {
        var valid = Rule("""{"event":"complaint"}""");
        var invalid = valid with { Id = "r2", When = new FactCondition("nope", FactComparison.Above, 1) };

        var problem = Assert.Throws<ArgumentException>(() => CompiledRuleSet.Compile([valid, invalid, valid], Schema));

        Assert.Contains("rule 'r2': when.fact: unknown fact 'nope'", problem.Message);
        Assert.Contains("rule 'r1': the id is used twice", problem.Message);
    }

    [Fact]
    public void TheSchemaSuggestsTheClosestNames()
    {
        Assert.Equal(["kind.complaint.count.7d", "kind.complaint.count.30d"], Schema.Closest("kind.complaints.count.7d", 2));
        Assert.Equal(["churn.probability"], Schema.Closest("Churn.Probability", 1));
        Assert.Throws<ArgumentException>(() => new FactSchema(["a", "a"]));
        Assert.Throws<ArgumentException>(() => new FactSchema(["has space"]));
    }
}
