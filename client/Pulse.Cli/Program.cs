using System.CommandLine;
using Pulse.Cli.Bench;
using Pulse.Cli.Customers;
using Pulse.Cli.Database;
using Pulse.Cli.Feed;
using Pulse.Cli.Graph;
using Pulse.Cli.Import;
using Pulse.Cli.Log;
using Pulse.Cli.Models;
using Pulse.Cli.Segments;
using Pulse.Cli.Shell;
using Pulse.Cli.Triggers;

// A blocking gen-2 collection in the load generator would show up as server latency in `pulse bench`.
System.Runtime.GCSettings.LatencyMode = System.Runtime.GCLatencyMode.SustainedLowLatency;

var url = CommonOptions.Url();
var root = new RootCommand("pulse — feed, import, inspect and benchmark a Pulse cluster over HTTP")
{
    url,
    FeedCommand.Create(url),
    ImportCommand.Create(url),
    ImportAttributesCommand.Create(url),
    CustomerCommand.Create(url),
    BenchCommand.Create(url),
    DbCommand.Create(),
    LogCommand.Create(url),
    ModelCommand.Create(url),
    SegmentsCommand.Create(url),
    InfluencersCommand.Create(url),
    GraphCommand.Create(url),
    TriggersCommand.Create(url),
};

// A stop asked with Ctrl-C cancels the action's token; the feed then lets batches in flight finish
// (FeedRunner.DrainGrace) before the process is ended anyway.
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = FeedRunner.DrainGrace + TimeSpan.FromSeconds(5) };
return await root.Parse(args).InvokeAsync(invocation).ConfigureAwait(false);
