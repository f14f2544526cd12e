using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pulse.Grains.Hosting;
using Pulse.Grains.Triggers.Delivery;
using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

public sealed class TriggerDeliveryRegistrationTests
{
    [Fact]
    public void TheDefaultsAreValid()
    {
        Assert.Empty(TriggerDeliveryOptionsValidator.Problems(new TriggerDeliveryOptions()));
    }

    [Fact]
    public void EveryProblemNamesItsSetting()
    {
        var problems = TriggerDeliveryOptionsValidator.Problems(new TriggerDeliveryOptions
        {
            Timeout = TimeSpan.FromSeconds(30),
            Lease = TimeSpan.FromSeconds(30),
            FirstRetry = TimeSpan.Zero,
            MaxAttempts = 0,
            MaxInFlight = 0,
        });

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Pulse:Triggers:Delivery:FirstRetry", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Pulse:Triggers:Delivery:Lease", StringComparison.Ordinal) && p.Contains("Pulse:Triggers:Delivery:Timeout", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Pulse:Triggers:Delivery:MaxAttempts", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Pulse:Triggers:Delivery:MaxInFlight", StringComparison.Ordinal));
    }

    [Fact]
    public void DeliveryIsConfiguredFromItsSectionWithTheInMemoryOutboxByDefault()
    {
        using var services = Build(new() { ["Pulse:Triggers:Delivery:MaxAttempts"] = "4", ["Pulse:Triggers:Delivery:Timeout"] = "00:00:02" });

        var options = services.GetRequiredService<IOptions<TriggerDeliveryOptions>>().Value;
        Assert.Equal((4, TimeSpan.FromSeconds(2)), (options.MaxAttempts, options.Timeout));
        Assert.IsType<InMemoryTriggerOutbox>(services.GetRequiredService<ITriggerOutbox>());
        Assert.Same(services.GetRequiredService<WebhookDispatcher>(), services.GetRequiredService<WebhookDispatcher>());
    }

    [Fact]
    public void AnInvalidSettingFailsWithItsName()
    {
        using var services = Build(new() { ["Pulse:Triggers:Delivery:MaxAttempts"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<TriggerDeliveryOptions>>().Value);
        Assert.Contains("Pulse:Triggers:Delivery:MaxAttempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ThePostgresOutboxReplacesTheInMemoryOneInEitherOrder()
    {
        var configuration = new ConfigurationBuilder().Build();
        var after = new ServiceCollection().AddPulseTriggerDelivery(configuration).AddPulsePostgresTriggerOutbox();
        var before = new ServiceCollection().AddPulsePostgresTriggerOutbox().AddPulseTriggerDelivery(configuration);

        Assert.Equal(typeof(PostgresTriggerOutbox), Assert.Single(after, d => d.ServiceType == typeof(ITriggerOutbox)).ImplementationType);
        Assert.Equal(typeof(PostgresTriggerOutbox), Assert.Single(before, d => d.ServiceType == typeof(ITriggerOutbox)).ImplementationType);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddLogging().AddPulseTriggerDelivery(configuration).BuildServiceProvider();
    }
}
