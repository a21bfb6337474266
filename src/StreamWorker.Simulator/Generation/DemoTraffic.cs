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
        return TrafficGenerator.Generate(options with { Duration = null, ConferenceInterval = interval, Start = start });
    }
}
