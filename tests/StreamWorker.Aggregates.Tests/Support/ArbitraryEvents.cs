using static StreamWorker.Aggregates.Tests.Support.Events;

namespace StreamWorker.Aggregates.Tests.Support;

/// <summary>
/// Event sequences of one conference from arbitrary bytes, for the properties: four participants, the kinds of
/// every aggregate, times spread over 85 minutes in any order (so some events are late).
/// </summary>
internal static class ArbitraryEvents
{
    private static readonly DialoutStatus[] Statuses = Enum.GetValues<DialoutStatus>();

    /// <summary>Every three bytes make one event: kind, participant and reason/status, time.</summary>
    public static List<AggregateEvent> From(byte[]? bytes)
    {
        var events = new List<AggregateEvent>();
        for (var i = 0; bytes is not null && i + 2 < bytes.Length; i += 3)
        {
            var id = "e" + i;
            var participant = bytes[i + 1] % 4;
            var time = At(0) + (bytes[i + 2] * 20_000L);
            var reason = (LeaveReason)(bytes[i + 1] / 4 % 4);
            events.Add((bytes[i] % 17) switch
            {
                12 => Of(AggregateEventKind.ConferenceStart, id, time),
                13 => Of(participant % 2 == 0 ? AggregateEventKind.StartRecording : AggregateEventKind.StopRecording, id, time),
                14 => Of(participant % 2 == 0 ? AggregateEventKind.StartStreaming : AggregateEventKind.StopBroadcasting, id, time),
                15 => RoleChanged(id, time, participant),
                16 => DriveFile(id, time, 1000 + participant),
                0 or 1 => Enter(id, time, participant),
                2 => Leave(id, time, participant, reason),
                3 => Watch(id, time, participant),
                4 => StopWatching(id, time, participant, reason),
                5 => End(id, time),
                _ => Dial(id, time, participant, Statuses[bytes[i + 1] / 4 % Statuses.Length]),
            });
        }

        return events;
    }
}
