using System.Globalization;
using StreamWorker.Events;
using static StreamWorker.Events.WebhookEventNames;
using Field = StreamWorker.Events.PayloadFieldNames;

namespace StreamWorker.Simulator.Generation;

// Dial-outs along the platform's status paths; an answered call may bring a participant into the conference.
internal sealed partial class ConferenceScript
{
    private static readonly (DialoutPath, int)[] DialoutPaths =
        [(DialoutPath.Answered, 40), (DialoutPath.Rejected, 14), (DialoutPath.NoAnswer, 14), (DialoutPath.Cancelled, 8),
         (DialoutPath.AnsweredThenPressedTwo, 10), (DialoutPath.Redial, 14)];

    private void PlanDialout(long at)
    {
        var participant = _ids.NextParticipant();
        var phone = "+1555" + _random.Between(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        if (!_setup.DialoutEnabled || _random.Chance(0.04))
        {
            at = Status(at, participant, phone, DialoutStatuses.New, 0, 0);
            Status(at, participant, phone, DialoutStatuses.NotEnabled, 200, 2_000);
            return;
        }

        switch (_random.Pick(DialoutPaths))
        {
            case DialoutPath.Answered:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, DialoutStatuses.Answered, 3_000, 25_000);
                if (_random.Chance(0.6))
                {
                    PlanParticipant(at + _random.Between(2_000, 15_000), ParticipantRoles.Participant);
                }

                break;
            case DialoutPath.Rejected:
                at = Dial(at, participant, phone);
                Status(at, participant, phone, DialoutStatuses.Rejected, 2_000, 20_000);
                break;
            case DialoutPath.NoAnswer:
                at = Dial(at, participant, phone);
                Status(at, participant, phone, DialoutStatuses.NoAnswer, 30_000, 45_000);
                break;
            case DialoutPath.Cancelled:
                at = _random.Chance(0.5) ? Status(at, participant, phone, DialoutStatuses.New, 0, 0) : Dial(at, participant, phone);
                Status(at, participant, phone, DialoutStatuses.Cancelled, 1_000, 10_000);
                break;
            case DialoutPath.AnsweredThenPressedTwo:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, DialoutStatuses.Answered, 3_000, 25_000);
                Status(at, participant, phone, DialoutStatuses.Rejected, 5_000, 15_000);
                break;
            case DialoutPath.Redial:
                at = Dial(at, participant, phone);
                at = Status(at, participant, phone, _random.Chance(0.5) ? DialoutStatuses.NoAnswer : DialoutStatuses.Rejected, 20_000, 45_000);
                at = Dial(at + _random.Between(10_000, 60_000), participant, phone);
                Status(at, participant, phone, _random.Chance(0.7) ? DialoutStatuses.Answered : DialoutStatuses.NoAnswer, 3_000, 40_000);
                break;
        }
    }

    private long Dial(long at, long participant, string phone)
    {
        at = Status(at, participant, phone, DialoutStatuses.New, 0, 0);
        return Status(at, participant, phone, DialoutStatuses.Dialed, 500, 3_000);
    }

    private long Status(long after, long participant, string phone, string status, long minDelay, long maxDelay)
    {
        var at = after + _random.Between(minDelay, maxDelay);
        Add(at, DialoutStatusChange,
            [.. Common(), PayloadField.Of(Field.ParticipantId, participant), PayloadField.Of(Field.Status, status), PayloadField.Of(Field.PhoneNumber, phone)]);
        return at;
    }
}
