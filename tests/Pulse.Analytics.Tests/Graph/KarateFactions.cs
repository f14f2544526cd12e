namespace Pulse.Analytics.Tests.Graph;

/// <summary>
/// How Zachary's karate club split: the members who followed the instructor ("Mr. Hi", member 1) and
/// those who followed the officer (member 34), as the <c>club</c> attribute of NetworkX's
/// <c>karate_club_graph()</c> records it (Zachary 1977; member v here is NetworkX's node v − 1).
/// </summary>
internal static class KarateFactions
{
    public static readonly int[] Instructor = [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 17, 18, 20, 22];

    /// <summary>Per slot (member − 1): 0 for the instructor's faction, 1 for the officer's.</summary>
    public static int[] BySlot() => [.. Enumerable.Range(1, 34).Select(v => Instructor.Contains(v) ? 0 : 1)];
}
