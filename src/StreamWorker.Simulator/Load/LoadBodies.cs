using System.Globalization;
using System.Text;
using StreamWorker.Events;
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
        PayloadField[] fields =
        [
            PayloadField.Of(PayloadFieldNames.HostId, host), PayloadField.Of(PayloadFieldNames.CompanyId, company),
            PayloadField.Of(PayloadFieldNames.ConferenceId, conference), PayloadField.Of(PayloadFieldNames.ParticipantId, 10_000_000 + n),
            PayloadField.Of(PayloadFieldNames.ParticipantRole, ParticipantRoles.Participant),
            PayloadField.Of(PayloadFieldNames.MeetingUrl, string.Create(CultureInfo.InvariantCulture, $"https://meet.example.com/c/{conference}")),
        ];
        var payload = EnvelopeWriter.Payload(fields, identifiersAsStrings: false);
        return Encoding.UTF8.GetBytes(EnvelopeWriter.Body(WebhookEventNames.EnterConference, payload, time.GetUtcNow().ToIso()));
    }
}
