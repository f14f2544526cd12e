using Pulse.Silo;

// Customers' live scores are read while events stream in: avoid blocking full collections.
System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;

var app = PulseSiloHost.Build(args);
await app.RunAsync();
