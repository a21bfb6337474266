using System.Globalization;
using System.Text;
using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Load;

/// <summary>
/// Distinct, valid webhook bodies for load runs: participants entering conferences, each with its own
/// participant id and the current time, so that the gateway never sees a duplicate and never a future timestamp.
/// </summary>
internal sealed class LoadBodies(TimeProvider time)
{
    private long _sequence;

    /// <summary>The next body, and the conference its participant enters.</summary>
    public byte[] Next(out long conference)
    {
        var n = Interlocked.Increment(ref _sequence);
        conference = 9_000_000 + (n / 40);
        var company = 2_000 + (conference % 50);
        var host = 80_000 + (conference % 500);
        var payload = string.Create(CultureInfo.InvariantCulture,
            $"{{\"host_id\":{host},\"company_id\":{company},\"conference_id\":{conference},\"participant_id\":{10_000_000 + n},\"participant_role\":\"participant\",\"meeting_url\":\"https://meet.example.com/c/{conference}\"}}");
        return Encoding.UTF8.GetBytes(EnvelopeWriter.Body("enter_conference", payload, EnvelopeWriter.Timestamp(time.GetUtcNow())));
    }
}
