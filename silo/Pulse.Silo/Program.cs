using Pulse.Silo;

var app = PulseSiloHost.Build(args);
await app.RunAsync();
