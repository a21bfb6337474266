using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>What the oracle expects: per analytics topic the latest record per (key, window_start), and the late dead letters.</summary>
public sealed class OracleResult
{
    public Dictionary<(string Key, string WindowStart), JsonObject> Participants { get; } = [];

    public Dictionary<(string Key, string WindowStart), JsonObject> Churn { get; } = [];

    public Dictionary<(string Key, string WindowStart), JsonObject> Dialout { get; } = [];

    /// <summary>One entry per stored record that some aggregate found late (re-deliveries of a late event repeat).</summary>
    public List<string> LateEventIds { get; } = [];
}
