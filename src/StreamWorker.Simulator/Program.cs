using System.Runtime.InteropServices;
using StreamWorker.Simulator.Cli;

// Lives as long as the process: signal handlers may still fire while it exits.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the command gracefully; a second one ends the process.
    e.Cancel = !stop.IsCancellationRequested;
    stop.Cancel();
};
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    // SIGTERM (kill, docker stop, the bench scripts) stops gracefully like Ctrl+C.
    context.Cancel = true;
    stop.Cancel();
});

try
{
    var parsed = CommandLineArgs.Parse(args);
    return parsed.Command switch
    {
        "generate" => await Commands.GenerateAsync(parsed, stop.Token),
        "replay" => await Commands.ReplayAsync(parsed, stop.Token),
        "run" => await Commands.RunAsync(parsed, stop.Token),
        "watch" => await Commands.WatchAsync(parsed, stop.Token),
        "demo" => await Commands.DemoAsync(parsed, stop.Token),
        "noop-server" => await Commands.NoopServerAsync(parsed, stop.Token),
        "load" => await Commands.LoadAsync(parsed, stop.Token),
        "prefill" => await Commands.PrefillAsync(parsed, stop.Token),
        "raw-consume" => await Commands.RawConsumeAsync(parsed, stop.Token),
        "help" or "-h" or "--help" => Help(),
        _ => throw new UsageException($"unknown command '{parsed.Command}'"),
    };
}
catch (UsageException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}\n\n{Commands.Usage}");
    return 2;
}
catch (InvalidDataException e)
{
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}

static int Help()
{
    Console.WriteLine(Commands.Usage);
    return 0;
}
