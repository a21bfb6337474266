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
    // The signal handlers above cancel the commands: System.CommandLine's own Ctrl+C handling is off.
    return await SimulatorCommandLine.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = null }, stop.Token);
}
catch (InvalidDataException e)
{
    // A deliveries file that cannot be read.
    await Console.Error.WriteLineAsync($"error: {e.Message}");
    return 2;
}
