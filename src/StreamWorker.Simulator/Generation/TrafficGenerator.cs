using StreamWorker.Events;

namespace StreamWorker.Simulator.Generation;

/// <summary>
/// Generates the simulated platform's deliveries in send order, lazily, from one seeded random source:
/// the same options give the same deliveries, byte for byte. Conferences start one after another; each is
/// planned in full when it starts and its deliveries wait in a queue ordered by send time.
/// </summary>
internal static class TrafficGenerator
{
    private const long FirstConferenceId = 1_258_000;
    private static readonly string[] UnknownEventNames = ["whiteboard_shared", "poll_created", "breakout_room_opened"];

    public static IEnumerable<Delivery> Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Companies < 1 || options.Conferences < 1)
        {
            throw new ArgumentException("at least one company and one conference are needed", nameof(options));
        }

        return GenerateIterator(options);
    }

    private static IEnumerable<Delivery> GenerateIterator(GeneratorOptions options)
    {
        var random = new Random(options.Seed);
        var details = new Random(DetailsSeed(options.Seed));
        var ids = new IdentifierSource();
        var history = new ConferenceHistory();
        var queue = new PriorityQueue<Delivery, (long SendOffsetMs, long Sequence)>();
        long sequence = 0;
        var durationMs = options.Duration is { } duration ? (long)duration.TotalMilliseconds : (long?)null;
        var intervalMs = durationMs is { } d
            ? Math.Max(1.0, d * 0.75 / options.Conferences)
            : Math.Max(1.0, options.ConferenceInterval.TotalMilliseconds);
        var warmCount = durationMs is null ? Math.Max(0, options.WarmStartConferences) : 0;
        var warmSpanMs = (long)options.WarmStartSpan.TotalMilliseconds;
        var started = 0;
        var nextStart = NextStart(random, started, intervalMs, warmCount, warmSpanMs);

        if (options.IsLargeConference)
        {
            // One conference over the whole duration: planned at once, delivered in send order.
            var lengthMs = Math.Max(60_000, durationMs ?? 3_600_000);
            var setup = new ConferenceSetup(FirstConferenceId, 1_001, 61_000, 0, lengthMs - 1_000, DialoutEnabled: false, null,
                options.LargeConferenceParticipants, options.LargeConferenceViewers);
            foreach (var draft in ConferenceScript.Plan(random, details, ids, setup))
            {
                foreach (var delivery in Deliver(random, options, draft))
                {
                    queue.Enqueue(delivery, (delivery.SendOffsetMs, sequence++));
                }
            }

            while (queue.TryDequeue(out var delivery, out _))
            {
                yield return delivery;
            }

            yield break;
        }

        while (true)
        {
            var moreConferences = durationMs is null || started < options.Conferences;
            if (queue.TryPeek(out var next, out _) && (!moreConferences || next.SendOffsetMs < nextStart))
            {
                yield return queue.Dequeue();
                continue;
            }

            if (!moreConferences)
            {
                yield break;
            }

            var setup = NewConference(random, history, options, started, nextStart, durationMs);
            foreach (var draft in ConferenceScript.Plan(random, details, ids, setup))
            {
                foreach (var delivery in Deliver(random, options, draft))
                {
                    queue.Enqueue(delivery, (delivery.SendOffsetMs, sequence++));
                }
            }

            started++;
            nextStart = NextStart(random, started, intervalMs, warmCount, warmSpanMs);
        }
    }

    private static long NextStart(Random random, int index, double intervalMs, int warmCount, long warmSpanMs)
    {
        if (index < warmCount)
        {
            var warmIntervalMs = warmSpanMs / (double)warmCount;
            return (long)(index * warmIntervalMs) + random.Between(0, (long)warmIntervalMs);
        }

        var offset = warmCount > 0 ? warmSpanMs : 0;
        return offset + (long)((index - warmCount) * intervalMs) + random.Between(0, (long)intervalMs);
    }

    // The draws of payload details that came after the first traffic model: apart from the main draws, from the same seed.
    private static int DetailsSeed(int seed) => unchecked((seed * 1_000_003) + 0x2545F491);

    private static ConferenceSetup NewConference(Random random, ConferenceHistory history, GeneratorOptions options, int index, long startMs, long? durationMs)
    {
        // A few large companies hold most conferences, as on a real platform.
        var u = random.NextDouble();
        var company = (int)(options.Companies * u * u);
        var host = 61_000 + (company * 10) + random.Next(3);

        // Mostly short conferences, some long: 2 to 20 minutes.
        var v = random.NextDouble();
        var endMs = startMs + (long)((2 + (18 * v * v)) * 60_000);
        if (durationMs is { } d)
        {
            endMs = Math.Max(startMs + 20_000, Math.Min(endMs, d - random.Between(0, 5_000)));
        }

        // A one-time access code used again: mostly the same host's invitation to an earlier meeting.
        var (conferenceId, companyId) = (FirstConferenceId + index, 1_001 + company);
        long? reusedCodeOf = index > 0 && random.Chance(0.06) ? history.Earlier(host, companyId, random.Between(0, index) / (double)index) : null;
        history.Add(conferenceId, host, companyId);
        return new ConferenceSetup(
            ConferenceId: conferenceId,
            CompanyId: companyId,
            HostId: host,
            StartMs: startMs,
            EndMs: endMs,
            DialoutEnabled: company % 5 != 4,
            ReusedCodeOfConferenceId: reusedCodeOf);
    }

    /// <summary>The deliveries of one event: the first one (maybe delayed), maybe a re-delivery, maybe noise around it.</summary>
    private static IEnumerable<Delivery> Deliver(Random random, GeneratorOptions options, EventDraft draft)
    {
        var timestamp = options.Start.AddMilliseconds(draft.OffsetMs).ToIso();
        var body = EnvelopeWriter.Body(draft.Event, EnvelopeWriter.Payload(draft.Fields, identifiersAsStrings: random.Chance(0.01)), timestamp);

        var kind = DeliveryKind.Original;
        var sendAt = draft.OffsetMs;
        var delayDraw = random.NextDouble();
        if (delayDraw < options.OutOfOrderShare)
        {
            // Overtaken by later events, but within the 2 minute grace of the 1 minute windows.
            kind = DeliveryKind.OutOfOrder;
            sendAt += random.Between(1_000, 90_000);
        }
        else if (delayDraw < options.OutOfOrderShare + options.LateShare)
        {
            // Beyond every window's grace, including the dial-out window's 15 + 15 minutes.
            kind = DeliveryKind.Late;
            sendAt += random.Between(31 * 60_000, 40 * 60_000);
        }

        yield return new Delivery(sendAt, kind, draft.Event, body);

        if (random.Chance(options.DuplicateShare))
        {
            var retryAfter = random.Chance(0.5) ? random.Between(0, 2_000) : random.Between(60_000, 300_000);
            yield return new Delivery(sendAt + retryAfter, DeliveryKind.Duplicate, draft.Event, body);
        }

        if (random.Chance(options.UnknownShare))
        {
            var name = UnknownEventNames[random.Next(UnknownEventNames.Length)];
            var fields = draft.Fields.Where(f => f.Name is PayloadFieldNames.HostId or PayloadFieldNames.CompanyId or PayloadFieldNames.ConferenceId).ToList();
            yield return new Delivery(draft.OffsetMs, DeliveryKind.Unknown, name,
                EnvelopeWriter.Body(name, EnvelopeWriter.Payload(fields, identifiersAsStrings: false), timestamp));
        }

        if (random.Chance(options.InvalidShare))
        {
            yield return InvalidDelivery(random, draft, timestamp);
        }
    }

    private static Delivery InvalidDelivery(Random random, EventDraft draft, string timestamp)
    {
        var payload = EnvelopeWriter.Payload(draft.Fields, identifiersAsStrings: false);
        var body = random.Next(4) switch
        {
            // 400: the envelope lacks its timestamp.
            0 => $"{{\"{EnvelopeFieldNames.Event}\":\"{draft.Event}\",\"{EnvelopeFieldNames.Payload}\":{System.Text.Json.JsonSerializer.Serialize(payload, SimulatorJsonContext.Default.String)}}}",
            // 400: payload is an object instead of a string holding JSON.
            1 => $"{{\"{EnvelopeFieldNames.Event}\":\"{draft.Event}\",\"{EnvelopeFieldNames.Payload}\":{payload},\"{EnvelopeFieldNames.Timestamp}\":\"{timestamp}\"}}",
            // 400: not an ISO 8601 timestamp.
            2 => EnvelopeWriter.Body(draft.Event, payload, "yesterday at noon"),
            // 422: a known event without its host_id.
            _ => EnvelopeWriter.Body(draft.Event, EnvelopeWriter.Payload(draft.Fields.Where(f => f.Name != PayloadFieldNames.HostId).ToList(), identifiersAsStrings: false), timestamp),
        };
        return new Delivery(draft.OffsetMs, DeliveryKind.Invalid, draft.Event, body);
    }
}
