using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using StreamWorker.Events;

namespace StreamWorker.Bench;

/// <summary>
/// What the conference sessions and company usage rules cost per event, in one process, on the same events: the
/// simulator's deliveries (NDJSON on standard input, <c>StreamWorker.Simulator generate</c>) taken through the gateway's
/// intake and the processor's reader, then through the conference stage (with its write cache) and the company stage
/// with every rule, and with the three older rules only. Prints one JSON line with ns per event for each and the ratio.
/// The stages only: the Streamiz and Kafka work around them, the same with or without the rules, is left out, so the
/// ratio is an upper bound of what the rules add to the processor's cost per event.
/// </summary>
internal static class RuleCost
{
    public static int Run(BenchArgs options)
    {
        var rounds = options.Int("rounds", 5);
        var events = ReadEvents(Console.In);
        if (events.Count == 0)
        {
            Console.Error.WriteLine("rules: no events on standard input (pipe StreamWorker.Simulator generate into it)");
            return 2;
        }

        var settings = AggregateSettings.Default;
        var older = ConferenceRules.All(settings).Where(r => r is not SessionsRule and not CompanyUsageRule).ToList();

        // Alternating rounds after a warm-up of each, the best of each kept: the machine's noise hits both alike.
        Measure(events, settings, null);
        Measure(events, settings, older);
        var (all, without) = (double.MaxValue, double.MaxValue);
        for (var round = 0; round < rounds; round++)
        {
            all = Math.Min(all, Measure(events, settings, null));
            without = Math.Min(without, Measure(events, settings, older));
        }

        Console.WriteLine(JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["rules_events"] = events.Count,
            ["rules_all_ns_per_event"] = Math.Round(all, 1),
            ["rules_without_sessions_usage_ns_per_event"] = Math.Round(without, 1),
            ["rules_sessions_usage_cost_ratio"] = Math.Round(all / without, 3),
        }));
        return 0;
    }

    /// <summary>ns per event through both stages, a fresh store each time.</summary>
    private static double Measure(List<(AggregateEvent? Event, long TimeMs)> events, AggregateSettings settings, IReadOnlyList<ConferenceRule>? rules)
    {
        var store = new MemoryStageStore();
        var engine = new ConferenceEngine(settings, new CachingStageStore(store, new WriteCacheBudget(20_000)), rules);
        var companies = new CompanyStage(settings, new MemoryStageStore());
        long changeOffset = 0;
        var watch = Stopwatch.StartNew();
        for (var offset = 0; offset < events.Count; offset++)
        {
            var (e, time) = events[offset];
            var closed = e is null ? engine.Observe(time, offset) : Apply(engine, e, offset, companies, ref changeOffset);
            if (closed.ProgressMs is { } progress) companies.Apply(DialoutAttemptChange.Progress(0, 1, 0, progress), changeOffset++);
        }

        return watch.Elapsed.TotalNanoseconds / events.Count;
    }

    private static ClosedWindows Apply(ConferenceEngine engine, AggregateEvent e, long offset, CompanyStage companies, ref long changeOffset)
    {
        var result = engine.Process(e, offset);
        foreach (var output in result.Outputs)
        {
            if (output is DialoutAttemptChange change) companies.Apply(change, changeOffset++);
            else if (output is UsageCount count) companies.Apply(count with { Source = 0, SourceOffset = offset }, changeOffset++);
        }

        return result.Closed;
    }

    private static List<(AggregateEvent? Event, long TimeMs)> ReadEvents(TextReader input)
    {
        var intake = new WebhookIntake(new WebhookIntakeOptions { HashKey = "bench"u8.ToArray() }, TimeProvider.System);
        var events = new List<(AggregateEvent?, long)>();
        while (input.ReadLine() is { } line)
        {
            using var delivery = JsonDocument.Parse(line);
            var body = Encoding.UTF8.GetBytes(delivery.RootElement.GetProperty("body").GetString()!);
            var intaken = intake.Process(body, DateTimeOffset.UtcNow);
            if (intaken.Status != IntakeStatus.Accepted || !StoredEventReader.TryRead(intaken.Value.ToArray(), out var stored, out _)) continue;
            var f = stored!.Fields;
            var time = stored.Timestamp.ToUnixTimeMilliseconds();
            var reading = AggregateEventFactory.Read(new EventRawFields(
                stored.EventId, stored.Event, time, f.ConferenceId, f.CompanyId, f.HostId, f.ParticipantId, f.ReasonForLeaving, f.Status, f.Size));
            events.Add((reading.Event, time));
        }

        return events;
    }
}
