using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace Pulse.Analytics.Triggers;

/// <summary>
/// The facts rules may name, each at a dense index of <see cref="CustomerFacts.Values"/>. The customer side
/// registers what it exposes (decayed counts such as <c>kind.complaint.count.7d</c>, scores such as
/// <c>churn.probability</c>); nothing here knows the list, so a new feature needs no change to the rules kernel.
/// Immutable, so one schema is shared by every customer of a silo.
/// </summary>
public sealed partial class FactSchema
{
    private readonly string[] _names;
    private readonly FrozenDictionary<string, int> _indexes;

    public FactSchema(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        _names = [.. names];
        var indexes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _names.Length; i++)
        {
            var name = _names[i];
            if (name is null || !Name().IsMatch(name))
            {
                throw new ArgumentException($"Fact name '{name}' must be letters, digits, '.', '_' or '-', starting with a letter or digit, at most 100.", nameof(names));
            }

            if (!indexes.TryAdd(name, i))
            {
                throw new ArgumentException($"Fact name '{name}' is registered twice.", nameof(names));
            }
        }

        _indexes = indexes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public int Count => _names.Length;

    /// <summary>The names, in index order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>The index of a fact, or −1 when it is not registered.</summary>
    public int IndexOf(string name) => _indexes.TryGetValue(name, out var index) ? index : -1;

    public bool Contains(string name) => _indexes.ContainsKey(name);

    /// <summary>
    /// The registered names nearest to <paramref name="name"/> by edit distance (ties by name), for the
    /// "did you mean" of a validation error.
    /// </summary>
    public IReadOnlyList<string> Closest(string name, int count = 3)
    {
        ArgumentNullException.ThrowIfNull(name);
        return [.. _names
            .Select(n => (Name: n, Distance: EditDistance(name, n)))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(count)
            .Select(c => c.Name)];
    }

    // Levenshtein distance, ignoring case (a wrong capital is a near miss), with one row of memory.
    private static int EditDistance(string a, string b)
    {
        var row = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            row[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            var diagonal = row[0];
            row[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var above = row[j];
                var same = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]);
                row[j] = Math.Min(Math.Min(row[j - 1] + 1, above + 1), diagonal + (same ? 0 : 1));
                diagonal = above;
            }
        }

        return row[b.Length];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex Name();
}
