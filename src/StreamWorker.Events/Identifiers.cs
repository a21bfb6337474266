using System.Globalization;
using System.Text.Json;

namespace StreamWorker.Events;

/// <summary>
/// Reads an identifier as the platform sends it: a JSON integer or a string of decimal digits
/// (docs/http-api.md), non-negative and within <see cref="long"/>, which is what the processor reads.
/// </summary>
internal static class Identifiers
{
    public static bool TryRead(JsonElement value, out long identifier)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Number when value.TryGetInt64(out identifier) && identifier >= 0:
                return true;
            case JsonValueKind.String:
                return long.TryParse(value.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out identifier);
            default:
                identifier = 0;
                return false;
        }
    }

    /// <summary>The Kafka record key (docs/topics.md): <c>conference_id</c> when the payload has one, else <c>host_id</c>.</summary>
    public static string? RecordKey(JsonElement payload)
    {
        if (payload.TryGetProperty(PayloadFieldNamesUtf8.ConferenceId, out var conference) && TryRead(conference, out var conferenceId))
        {
            return conferenceId.ToString(CultureInfo.InvariantCulture);
        }

        return payload.TryGetProperty(PayloadFieldNamesUtf8.HostId, out var host) && TryRead(host, out var hostId)
            ? hostId.ToString(CultureInfo.InvariantCulture)
            : null;
    }
}
