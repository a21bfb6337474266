using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>
/// What the oracle expects: per analytics topic the latest record per (key, window_start), and the late dead letters.
/// The comparison covers exactly the topics held here: <see cref="Sessions"/> and <see cref="CompanyUsage"/> are null
/// unless the oracle ran with <c>sessionsAndUsage: true</c> (then their lateness also feeds <see cref="LateEventIds"/>).
/// </summary>
public sealed class OracleResult
{
    public Dictionary<(string Key, string WindowStart), JsonObject> Participants { get; } = [];

    public Dictionary<(string Key, string WindowStart), JsonObject> Churn { get; } = [];

    public Dictionary<(string Key, string WindowStart), JsonObject> Dialout { get; } = [];

    /// <summary>Conference sessions (3.4): the latest record per (conference_id, started_at); null when not computed.</summary>
    public Dictionary<(string Key, string WindowStart), JsonObject>? Sessions { get; internal set; }

    /// <summary>
    /// Another record the processor may equally have as the latest of a session: a close that the processor checks once
    /// per minute of stream time (final flag of an ended session, timeout of an open one) when the final stream time
    /// falls within that minute.
    /// </summary>
    public Dictionary<(string Key, string WindowStart), JsonObject> SessionAlternatives { get; } = [];

    /// <summary>Company usage (3.5): the latest record per (company_id, window_start); null when not computed.</summary>
    public Dictionary<(string Key, string WindowStart), JsonObject>? CompanyUsage { get; internal set; }

    /// <summary>One entry per stored record that some aggregate found late (re-deliveries of a late event repeat).</summary>
    public List<string> LateEventIds { get; } = [];
}
