namespace StreamWorker.Tests.Support.Oracle;

/// <summary>One dial-out attempt: counted for the company and window of the event that started it.</summary>
internal sealed class OracleAttempt(int id, long companyId, long windowStart)
{
    public int Id { get; } = id;

    public long CompanyId { get; } = companyId;

    public long WindowStart { get; } = windowStart;

    public string Outcome { get; set; } = "pending";
}
