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
