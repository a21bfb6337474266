using System.CommandLine;
using StreamWorker.Simulator.Generation;
using static StreamWorker.Simulator.Cli.SimulatorCommandLine;

namespace StreamWorker.Simulator.Cli;

/// <summary>The shares of duplicates, reordered, late, unknown and invalid deliveries.</summary>
internal sealed class ShareOptions(double late)
{
    private readonly Option<double> duplicates = Number("--duplicates", 0.05, 0, 1, "share of re-deliveries");
    private readonly Option<double> outOfOrder = Number("--out-of-order", 0.05, 0, 1, "share delivered out of order");
    private readonly Option<double> lateShare = Number("--late", late, 0, 1, "share delivered after their window closed");
    private readonly Option<double> unknown = Number("--unknown", 0.001, 0, 1, "share of unknown event types");
    private readonly Option<double> invalid = Number("--invalid", 0.0, 0, 1, "share of invalid deliveries");

    public void AddTo(Command command)
    {
        foreach (var option in new[] { duplicates, outOfOrder, lateShare, unknown, invalid }) command.Options.Add(option);
    }

    public static GeneratorOptions Read(ParseResult parse, GeneratorOptions options) => options with
    {
        DuplicateShare = parse.GetValue<double>("--duplicates"),
        OutOfOrderShare = parse.GetValue<double>("--out-of-order"),
        LateShare = parse.GetValue<double>("--late"),
        UnknownShare = parse.GetValue<double>("--unknown"),
        InvalidShare = parse.GetValue<double>("--invalid"),
    };
}
