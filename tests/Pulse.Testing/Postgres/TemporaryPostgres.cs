using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Pulse.Testing.Postgres;

/// <summary>
/// A real PostgreSQL server for tests: initdb in a temporary directory, its own port on 127.0.0.1,
/// started and stopped by the test, from the Debian binaries (<c>/usr/lib/postgresql/*/bin</c>, or
/// <c>PULSE_PG_BIN</c>). PostgreSQL refuses to run as root, so as root it runs as the <c>postgres</c>
/// user through <c>runuser</c>.
/// </summary>
public sealed class TemporaryPostgres : IAsyncDisposable
{
    private const string Superuser = "pulse";
    private readonly string _bin;
    private readonly string _root;
    private readonly string _data;
    private readonly string _socket;
    private Process? _server;

    private TemporaryPostgres(string bin, string root, int port)
    {
        _bin = bin;
        _root = root;
        _data = Path.Combine(root, "data");
        _socket = Path.Combine(root, "socket");
        Port = port;
    }

    public int Port { get; }

    /// <summary>Connection string to the <c>postgres</c> database as the superuser (trust auth, loopback only).</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) =>
        $"Host=127.0.0.1;Port={Port};Username={Superuser};Database={database};Pooling=true;Timeout=5;Command Timeout=30";

    /// <summary>Creates, initialises and starts a server.</summary>
    public static async Task<TemporaryPostgres> StartAsync(CancellationToken cancellationToken = default)
    {
        var bin = FindBinaries();
        var root = Path.Combine(Path.GetTempPath(), "pulse-pg-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(root);
        var pg = new TemporaryPostgres(bin, root, Network.FreePorts.Next());
        Directory.CreateDirectory(pg._socket);
        if (IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root], cancellationToken);
        }

        await pg.RunAsServerUserAsync(Path.Combine(bin, "initdb"), ["-D", pg._data, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--no-sync"], cancellationToken);
        await pg.StartServerAsync(cancellationToken);
        return pg;
    }

    /// <summary>Starts the server again after <see cref="StopAsync"/> or <see cref="Kill"/>.</summary>
    public Task RestartAsync(CancellationToken cancellationToken = default) => StartServerAsync(cancellationToken);

    /// <summary>Stops the server cleanly (fast shutdown: open sessions are cut, committed data is kept).</summary>
    public async Task StopAsync()
    {
        if (_server is { HasExited: false } server)
        {
            await RunAsServerUserAsync(Path.Combine(_bin, "pg_ctl"), ["-D", _data, "-m", "fast", "-w", "stop"], CancellationToken.None);
            await server.WaitForExitAsync();
        }

        _server = null;
    }

    /// <summary>Kills the server process outright (SIGKILL of the postmaster).</summary>
    public void Kill()
    {
        if (_server is { HasExited: false } server)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
        }

        _server = null;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            Kill();
        }

        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary directory is harmless; a failing dispose would hide the test's own result.
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var (file, args) = ServerUserCommand(Path.Combine(_bin, "postgres"),
        [
            "-D", _data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "listen_addresses=127.0.0.1", "-c", $"unix_socket_directories={_socket}",
            "-c", "max_connections=200", "-c", "shared_buffers=128MB",
        ]);
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("could not start postgres");
        _server.ErrorDataReceived += (_, _) => { };
        _server.OutputDataReceived += (_, _) => { };
        _server.BeginErrorReadLine();
        _server.BeginOutputReadLine();

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_server.HasExited)
            {
                throw new InvalidOperationException($"postgres exited with code {_server.ExitCode} while starting");
            }

            if (await CanConnectAsync())
            {
                return;
            }

            await Task.Delay(50, cancellationToken);
        }

        throw new TimeoutException($"postgres did not accept connections on port {Port} within 30 s");
    }

    private async Task<bool> CanConnectAsync()
    {
        try
        {
            var isReady = Path.Combine(_bin, "pg_isready");
            var code = await RunAsync(isReady, ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", Superuser], CancellationToken.None, throwOnError: false);
            return code == 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private Task RunAsServerUserAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (command, commandArgs) = ServerUserCommand(file, args);
        return RunAsync(command, commandArgs, cancellationToken);
    }

    private static (string File, IReadOnlyList<string> Args) ServerUserCommand(string file, IReadOnlyList<string> args) =>
        IsRoot ? ("runuser", ["-u", "postgres", "--", file, .. args]) : (file, args);

    private static async Task<int> RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}{await stdout}");
        }

        return process.ExitCode;
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("PULSE_PG_BIN");
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        const string debian = "/usr/lib/postgresql";
        var bin = Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "postgres")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return bin ?? throw new InvalidOperationException(
            "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin: run tests/run-all.sh (it installs Debian's postgresql package) or set PULSE_PG_BIN.");
    }

    private static bool IsRoot => Environment.UserName == "root";

}
