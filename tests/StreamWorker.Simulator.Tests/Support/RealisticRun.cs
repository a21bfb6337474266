using StreamWorker.Simulator.Generation;

namespace StreamWorker.Simulator.Tests.Support;

/// <summary>One realistic generated run (the defaults of the generate command, plus some noise of every kind), shared by the generator tests.</summary>
public sealed class RealisticRun
{
    internal static readonly GeneratorOptions Options = new()
    {
        Companies = 10,
        Conferences = 300,
        Duration = TimeSpan.FromMinutes(10),
        Seed = 42,
        DuplicateShare = 0.05,
        OutOfOrderShare = 0.05,
        LateShare = 0.01,
        UnknownShare = 0.01,
        InvalidShare = 0.01,
    };

    public RealisticRun()
    {
        Deliveries = TrafficGenerator.Generate(Options).ToList();
        Parsed = Deliveries.Where(d => d.Kind != DeliveryKind.Invalid).Select(ParsedDelivery.Parse).ToList();
    }

    internal List<Delivery> Deliveries { get; }

    /// <summary>Every delivery except the deliberately invalid ones.</summary>
    internal List<ParsedDelivery> Parsed { get; }

    /// <summary>First deliveries of known events, duplicates and noise left out.</summary>
    internal IEnumerable<ParsedDelivery> Events => Parsed.Where(p => p.Delivery.Kind is DeliveryKind.Original or DeliveryKind.OutOfOrder or DeliveryKind.Late);
}
