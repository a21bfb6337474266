using StreamWorker.Events;
using static StreamWorker.Events.WebhookEventNames;
using Field = StreamWorker.Events.PayloadFieldNames;

namespace StreamWorker.Simulator.Generation;

// Livestreams: preview updates and viewers who come and go, some of them again and again.
internal sealed partial class ConferenceScript
{
    private static readonly (string, int)[] ViewerLeaveReasons =
        [(ReasonsForLeaving.UserExit, 60), (ReasonsForLeaving.UserDropped, 30), (ReasonsForLeaving.HostKicked, 7), (ReasonsForLeaving.HostKickedBlocked, 3)];

    private void PlanLivestream(int? viewerCount = null)
    {
        var streamStart = Start + _random.Between(0, Length / 5);
        var streamStop = End - _random.Between(0, Length / 10);
        Add(streamStart, StartStreaming, Common());
        var previews = (int)_random.Between(1, 3);
        for (var i = 0; i < previews; i++)
        {
            var previewAt = _random.Between(streamStart + 5_000, streamStop);
            var fields = Common();
            fields.Add(PayloadField.Of(Field.VideoUrl, $"https://cdn.example.com/previews/{_setup.ConferenceId}-{i}.mp4"));
            if (_random.Chance(0.7))
            {
                fields.Add(PayloadField.Of(Field.ImageUrl, $"https://cdn.example.com/previews/{_setup.ConferenceId}-{i}.jpg"));
            }

            Add(previewAt, StreamPreviewUpdated, fields);
        }

        var viewers = viewerCount ?? (int)_random.Between(3, 60);
        for (var i = 0; i < viewers; i++)
        {
            PlanViewer(_random.Between(streamStart + 1_000, streamStop), streamStop);
        }

        Add(streamStop, StopStreaming, Common());
    }

    private void PlanViewer(long enterAt, long streamStop)
    {
        var viewer = _ids.NextParticipant();
        for (var session = 0; session < 4 && enterAt < streamStop; session++)
        {
            Add(enterAt, EnterLivestream, [.. Common(), PayloadField.Of(Field.ParticipantId, viewer)]);
            var leaveAt = enterAt + _random.Between(10_000, 600_000);
            string reason;
            if (leaveAt >= streamStop)
            {
                // Viewers drift away within seconds once the stream stops.
                leaveAt = streamStop + _random.Between(0, 10_000);
                if (leaveAt >= End)
                {
                    return;
                }

                reason = ReasonsForLeaving.UserExit;
            }
            else
            {
                reason = _random.Pick(ViewerLeaveReasons);
            }

            Add(leaveAt, LeaveLivestream, [.. Common(), PayloadField.Of(Field.ParticipantId, viewer), PayloadField.Of(Field.ReasonForLeaving, reason)]);
            if (leaveAt >= streamStop || !_random.Chance(reason is ReasonsForLeaving.UserDropped ? 0.7 : reason is ReasonsForLeaving.UserExit ? 0.2 : 0.0))
            {
                return;
            }

            enterAt = leaveAt + _random.Between(1_000, 30_000);
        }
    }
}
