using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pulse.Testing.Processes;

/// <summary>
/// A Pulse silo or front end running as its own OS process (the built <c>Pulse.Silo.dll</c>), so tests
/// can run a real multi-process cluster and kill a member with SIGKILL or stop it with SIGTERM.
/// </summary>
public sealed class PulseProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PulseProcess(Process process, string name, Uri http)
    {
        _process = process;
        Name = name;
        Http = http;
    }

    public string Name { get; }

    /// <summary>The HTTP API of this process.</summary>
    public Uri Http { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the process wrote, for failure messages.</summary>
    public string RecentOutput => string.Join('\n', _output.TakeLast(40));

    /// <summary>Starts <c>Pulse.Silo.dll</c> with the given settings and waits until its HTTP API answers.</summary>
    public static async Task<PulseProcess> StartAsync(string name, IEnumerable<string> settings, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var port = Network.FreePorts.Next();
        var http = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(SiloAssembly());
        start.ArgumentList.Add($"--urls={http}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start Pulse.Silo");
        var pulse = new PulseProcess(process, name, http);
        process.OutputDataReceived += (_, e) => pulse.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => pulse.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{name} exited with {process.ExitCode} while starting:\n{pulse.RecentOutput}");
            }

            try
            {
                if ((await client.GetAsync("/health/live", cancellationToken)).IsSuccessStatusCode)
                {
                    return pulse;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }

            await Task.Delay(100, cancellationToken);
        }

        process.Kill(entireProcessTree: true);
        throw new TimeoutException($"{name} did not answer on {http} in time:\n{pulse.RecentOutput}");
    }

    /// <summary>SIGKILL: the process dies at once, nothing flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the process to shut down gracefully.</summary>
    public async Task StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-s", "TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill!.WaitForExitAsync();
        }

        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"{Name} did not stop gracefully:\n{RecentOutput}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        Kill();
        _process.Dispose();
        await Task.CompletedTask;
    }

    /// <summary>A free TCP port on loopback.</summary>

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200)
        {
            _output.TryDequeue(out _);
        }
    }

    /// <summary>The silo built next to the tests: same configuration (Debug/Release) as the test assembly.</summary>
    private static string SiloAssembly()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        var root = baseDirectory;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.sln")))
        {
            root = root.Parent;
        }

        if (root is null)
        {
            throw new InvalidOperationException("Orleans.sln not found above " + AppContext.BaseDirectory);
        }

        var dll = Path.Combine(root.FullName, "silo", "Pulse.Silo", "bin", configuration, framework, "Pulse.Silo.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is not built; build the solution first.");
    }
}
