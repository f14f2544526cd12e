using System.Security.Cryptography;
using System.Text;

namespace Pulse.Cli.Import;

/// <summary>
/// Event ids for imported rows that do not carry one: derived from the file name and the row, so
/// importing the same file again sends the same ids and the server reports duplicates instead of
/// counting the rows twice.
/// </summary>
internal static class EventIds
{
    private const int MaxLength = 128;

    /// <param name="sourceName">The file (its directory is ignored, so a moved file still deduplicates).</param>
    /// <param name="row">The row's line number.</param>
    /// <param name="customerPrefix">
    /// The customer prefix of this import: the same file imported under another prefix makes other
    /// customers, so it must make other events too.
    /// </param>
    public static string For(string sourceName, long row, string customerPrefix = "")
    {
        var head = customerPrefix + Path.GetFileName(sourceName);
        var id = $"{head}:{row}";
        if (id.Length <= MaxLength)
        {
            return id;
        }

        // Long names keep a readable start and a hash of the whole, so ids stay unique and within the limit.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(head)))[..16];
        return $"{head[..80]}~{hash}:{row}";
    }
}
