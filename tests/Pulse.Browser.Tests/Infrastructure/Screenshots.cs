namespace Pulse.Browser.Tests.Infrastructure;

/// <summary>Where screenshots go: the test's bin folder always, the repository's docs/screenshots on request.</summary>
public static class Screenshots
{
    public const int Width = 1280;
    public const int Height = 800;

    /// <summary>Set to <c>1</c> to refresh the screenshots in docs/screenshots.</summary>
    public const string UpdateVariable = "PULSE_UPDATE_SCREENSHOTS";

    /// <summary><c>screenshots/</c> under the test's bin folder.</summary>
    public static string OutputFolder { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static bool UpdateDocs => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static async Task SaveAsync(string name, byte[] png, bool publish)
    {
        Directory.CreateDirectory(OutputFolder);
        await File.WriteAllBytesAsync(Path.Combine(OutputFolder, name + ".png"), png);
        if (publish && UpdateDocs)
        {
            var docs = Path.Combine(RepositoryRoot(), "docs", "screenshots");
            Directory.CreateDirectory(docs);
            await File.WriteAllBytesAsync(Path.Combine(docs, name + ".png"), png);
        }
    }

    /// <summary>The folder holding Orleans.sln, found by walking up from the test's bin folder.</summary>
    public static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Orleans.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Orleans.sln above {AppContext.BaseDirectory}: cannot find docs/screenshots.");
    }
}
