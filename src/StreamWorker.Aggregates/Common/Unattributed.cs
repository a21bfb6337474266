namespace StreamWorker.Aggregates.Common;

/// <summary>
/// For telemetry: an event an aggregate applied without anything to count it in (<c>no_session</c>: no open session;
/// <c>no_company</c>: no company to count it for). Not dead-lettered: the aggregate's rules say it changes nothing.
/// </summary>
public sealed record Unattributed(string Outcome)
{
    public static Unattributed NoSession { get; } = new("no_session");

    public static Unattributed NoCompany { get; } = new("no_company");
}
