using Orleans.Runtime;

namespace Pulse.Grains.Triggers.Delivery;

/// <summary>
/// Runs the silo's <see cref="WebhookDispatcher"/> while the silo is active, like the model caches' loops: it
/// starts once customers can fire and stops, with its sends, before the silo goes down.
/// </summary>
internal sealed class WebhookDispatcherLifecycle(WebhookDispatcher dispatcher) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(WebhookDispatcher), ServiceLifecycleStage.Active, dispatcher.StartAsync, dispatcher.StopAsync);
}
