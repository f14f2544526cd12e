using BenchmarkDotNet.Attributes;
using Pulse.Analytics.Learning;
using Pulse.Analytics.Sentiment;

namespace Pulse.Benchmarks.Sentiment;

/// <summary>
/// Scoring what a customer said with the shipped sentiment model (src/Pulse.Grains/Models/Shipped):
/// TF-IDF word and character n-grams into a logistic regression, mapped to [-1, 1]. Target (issue 5):
/// at most 20 µs per short text. Short texts are 200 Yelp review sentences of 10 to 15 words
/// (UCI Sentiment Labelled Sentences); a call transcript of about 60 words is measured alongside.
/// </summary>
[MemoryDiagnoser]
public class SentimentScoreBenchmarks
{
    private const int Sample = 200;

    private const string Transcript =
        "Hi, I'm calling about my bill again. This is the third time this month I've been charged for a "
        + "service I cancelled back in March. Your agent last week promised me a refund within five days and "
        + "nothing has arrived. Honestly I'm tired of waiting on hold for forty minutes every time. If this "
        + "isn't sorted out today I'm going to switch to another provider.";

    private SentimentModel _model = null!;
    private string[] _texts = [];

    [GlobalSetup]
    public void Setup()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "Data", "sentiment");
        _model = SentimentModel.Load(ModelArtifact.FromBytes(File.ReadAllBytes(Path.Combine(data, "sentiment.zip"))));
        _texts = [.. File.ReadLines(Path.Combine(data, "yelp_labelled.txt"))
            .Select(line => line[..line.LastIndexOf('\t')].Trim())
            .Where(text => WordCount(text) is >= 10 and <= 15)
            .Take(Sample)];
        if (_texts.Length != Sample)
        {
            throw new InvalidOperationException($"Expected {Sample} short sentences, found {_texts.Length}.");
        }

        Console.WriteLine($"// {_texts.Length} short texts, {_texts.Average(WordCount):F1} words on average; transcript {WordCount(Transcript)} words scores {_model.Score(Transcript):+0.00;-0.00}");
    }

    /// <summary>One short text (10 to 15 words).</summary>
    [Benchmark(OperationsPerInvoke = Sample)]
    public double ScoreShortText()
    {
        double sum = 0;
        foreach (var text in _texts)
        {
            sum += _model.Score(text);
        }

        return sum;
    }

    /// <summary>One call transcript of about 60 words.</summary>
    [Benchmark]
    public double ScoreCallTranscript() => _model.Score(Transcript);

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
}
