using System.Text.Json.Nodes;

namespace StreamWorker.Tests.Support.Oracle;

/// <summary>Everything the oracle knows about one conference.</summary>
internal sealed class OracleConference(long id)
{
    public long Id { get; } = id;

    public long? CompanyId { get; private set; }

    public long? HostId { get; private set; }

    public OraclePresence Participants { get; } = new();

    public OraclePresence Viewers { get; } = new();

    public HashSet<string> SeenByDialout { get; } = [];

    /// <summary>Event ids the sessions aggregate processed (applied, or found no session for).</summary>
    public HashSet<string> SeenBySessions { get; } = [];

    /// <summary>The open session, if any (3.4).</summary>
    public OracleSession? Session { get; set; }

    /// <summary>ended_at of the latest ended session: an opening event before it is late.</summary>
    public long? LastEndedAt { get; set; }

    /// <summary>Every session of the conference, by started_at (the latest wins when two share it).</summary>
    public Dictionary<long, OracleSession> Sessions { get; } = [];

    /// <summary>The current attempt per dialled participant.</summary>
    public Dictionary<long, OracleAttempt> Attempts { get; } = [];

    /// <summary>company_id / host_id of the most recent applied event (any aggregate) that carries them.</summary>
    public void RememberIds(JsonObject payload)
    {
        if (payload["company_id"] is { } company)
        {
            CompanyId = company.GetValue<long>();
        }

        if (payload["host_id"] is { } host)
        {
            HostId = host.GetValue<long>();
        }
    }
}
