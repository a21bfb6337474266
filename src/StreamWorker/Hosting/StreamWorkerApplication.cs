using Microsoft.Extensions.Options;
using StreamWorker.EmbeddedKafka;
using StreamWorker.Gateway;
using StreamWorker.Kafka;
using StreamWorker.Topology.Failure;

namespace StreamWorker.Hosting;

/// <summary>
/// What every role shares around the parts <see cref="Program"/> wires: the builder's defaults, the checks made
/// before the first request, and the process's exit codes.
/// </summary>
public static class StreamWorkerApplication
{
    /// <summary>The exit code when a background part of the process failed in a way it does not handle itself.</summary>
    public const int FailedPartExitCode = 1;

    public const string DefaultUrls = "http://0.0.0.0:8080";

    /// <summary>The web application builder with the defaults of every role; <paramref name="configure"/> runs first (tests add their settings).</summary>
    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        // appsettings.json ships beside the binary: find it wherever the process is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrls);
        }

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>
    /// Fails at start rather than at the first request: validates every setting, then resolves the infrastructure,
    /// so the embedded broker starts, secrets are checked and a generated development token is shown first.
    /// </summary>
    public static WebApplication ResolveAtStart(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ValidateSettings(app.Services);
        _ = app.Services.GetRequiredService<KafkaConnection>();
        _ = app.Services.GetService<WebhookEndpoint>();
        return app;
    }

    /// <summary>
    /// Runs until SIGTERM/Ctrl+C. A configuration error ends the process with <see cref="StartupConfigurationException.ExitCode"/>
    /// and a message naming the key; a processing failure with <see cref="ProcessorFailure.ExitCode"/>; any other
    /// failed background part with <see cref="FailedPartExitCode"/>.
    /// </summary>
    public static async Task<int> RunAsync(Func<WebApplication> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            await using var app = create();
            // A processing failure stops the host gracefully; should that hang, the process still exits.
            var failure = app.Services.GetService<ProcessorFailure>();
            if (failure is not null) failure.HardExitAfter = TimeSpan.FromSeconds(15);
            // The host stops when a background part throws (and logs it as critical), but would exit with 0.
            var parts = app.Services.GetServices<IHostedService>().OfType<BackgroundService>().ToList();
            try
            {
                await app.RunAsync();
            }
            catch (OperationCanceledException) when (parts.Any(p => p.ExecuteTask is { IsFaulted: true }) || failure is { HasFailed: true })
            {
                // A part that failed while the host was still starting stops the start itself: the failure decides the code below.
            }

            if (failure is { HasFailed: true }) return ProcessorFailure.ExitCode;
            return parts.Any(p => p.ExecuteTask is { IsFaulted: true }) ? FailedPartExitCode : 0;
        }
        catch (Exception ex) when (ex is StartupConfigurationException or OptionsValidationException or EmbeddedKafkaException)
        {
            await Console.Error.WriteLineAsync("StreamWorker cannot start: " + ex.Message);
            return StartupConfigurationException.ExitCode;
        }
    }

    /// <summary>
    /// Binds and validates every section registered with <c>ValidateOnStart</c>. One failing section stays an
    /// <see cref="OptionsValidationException"/>; several, or a value the binder cannot convert, become a
    /// <see cref="StartupConfigurationException"/> with the same message.
    /// </summary>
    private static void ValidateSettings(IServiceProvider services)
    {
        try
        {
            services.GetService<IStartupValidator>()?.Validate();
        }
        catch (InvalidOperationException ex)
        {
            // The configuration binder's error for a value of the wrong type ("Failed to convert configuration value at 'Gateway:AckTimeout' ...").
            throw new StartupConfigurationException(ex.Message, ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OptionsValidationException))
        {
            throw new StartupConfigurationException(string.Join(" ", ex.InnerExceptions.Select(e => e.Message)), ex);
        }
    }
}
