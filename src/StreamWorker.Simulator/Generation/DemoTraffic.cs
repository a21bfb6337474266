namespace StreamWorker.Simulator.Generation;

/// <summary>Endless traffic for the demo, with conferences arriving often enough for a target delivery rate.</summary>
internal static class DemoTraffic
{
    public static IEnumerable<Delivery> Endless(GeneratorOptions options, double deliveriesPerSecond, DateTimeOffset start)
    {
        ArgumentNullException.ThrowIfNull(options);

        // In steady state, deliveries per second = conferences started per second * deliveries per conference;
        // a finite sample with the same options measures the latter.
        const int sampleConferences = 200;
        var sample = TrafficGenerator.Generate(options with { Conferences = sampleConferences, Duration = TimeSpan.FromHours(1), Seed = options.Seed ^ 0x5eed }).Count();
        var perConference = Math.Max(1.0, sample / (double)sampleConferences);
        var interval = TimeSpan.FromSeconds(perConference / deliveriesPerSecond);

        // As many conferences as are live in steady state (arrival rate times the mean length of 8 minutes) start
        // in the first 30 seconds, so the demo's tables fill at once instead of after several minutes.
        var warmStart = (int)Math.Min(100_000, TimeSpan.FromMinutes(8) / interval);
        return TrafficGenerator.Generate(options with { Duration = null, ConferenceInterval = interval, WarmStartConferences = warmStart, Start = start });
    }
}
