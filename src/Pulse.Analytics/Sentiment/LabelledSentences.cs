using System.Globalization;

namespace Pulse.Analytics.Sentiment;

/// <summary>
/// Reads the UCI "Sentiment Labelled Sentences" layout (Kotzias et al., KDD 2015): one sentence per line,
/// then a TAB and the label 0 or 1. The split is on the last TAB and quotes are literal, as the data's
/// SOURCE.md warns (quote-aware readers merge lines).
/// </summary>
public static class LabelledSentences
{
    /// <summary>Every <c>*.txt</c> file of a directory, in file-name order.</summary>
    public static IReadOnlyList<LabelledSentence> ReadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"No directory '{directory}' with labelled sentences.");
        }

        var files = Directory.GetFiles(directory, "*.txt").Order(StringComparer.Ordinal).ToArray();
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"'{directory}' holds no *.txt files of labelled sentences.");
        }

        return [.. files.SelectMany(ReadFile)];
    }

    /// <summary>One file; a line without a TAB and a 0/1 label is an error naming the file and line.</summary>
    public static IEnumerable<LabelledSentence> ReadFile(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            var tab = line.LastIndexOf('\t');
            var label = tab < 0 ? string.Empty : line[(tab + 1)..].Trim();
            if (label is not ("0" or "1"))
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(path)} line {number}: expected '<sentence>\\t0' or '<sentence>\\t1'."));
            }

            yield return new LabelledSentence(line[..tab].Trim(), label == "1");
        }
    }
}
