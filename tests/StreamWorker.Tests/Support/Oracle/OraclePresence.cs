namespace StreamWorker.Tests.Support.Oracle;

/// <summary>One presence aggregate of a conference (participants, or livestream viewers): who is present, the event ids it applied, its windows by start.</summary>
internal sealed class OraclePresence
{
    public HashSet<long> Present { get; } = [];

    public HashSet<string> Seen { get; } = [];

    public Dictionary<long, OracleWindow> Windows { get; } = [];
}
