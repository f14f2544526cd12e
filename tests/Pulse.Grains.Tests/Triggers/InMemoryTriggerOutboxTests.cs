using Pulse.Grains.Triggers.Outbox;

namespace Pulse.Grains.Tests.Triggers;

public sealed class InMemoryTriggerOutboxTests : TriggerOutboxTests
{
    protected override ITriggerOutbox Outbox { get; } = new InMemoryTriggerOutbox();
}
