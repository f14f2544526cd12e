using Pulse.Silo;

// Customers' live scores are read while events stream in: avoid blocking full collections.
System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;

// appsettings.json sits beside the program; without this, starting it from another directory would
// silently run on defaults (every request logged, no demo feed). A --contentRoot given later wins.
var app = PulseSiloHost.Build(["--contentRoot", AppContext.BaseDirectory, .. args]);
await app.RunAsync();
