using System.Text.Json.Serialization;
using Community.ServiceDefaults.Auth;
using Community.ServiceDefaults.Http;
using Community.ServiceDefaults.Runtime;
using Community.ServiceDefaults.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Microsoft.Extensions.Hosting;

/// <summary>
/// What every Community process shares: telemetry, health, service discovery, resilience, authentication
/// and RFC 9457 problem details for every error.
/// </summary>
public static class CommunityServiceDefaults
{
    public const string HealthPath = "/health";
    public const string AlivePath = "/alive";

    /// <summary>Activity sources and meters of our own code and libraries that are not auto-instrumented.</summary>
    public static readonly string[] TelemetrySources = ["Community.*", "MassTransit", "Npgsql"];

    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.AddHostDefaults();
        // Enums travel as their names ("Tuesday"), not numbers a client has to look up; instants are kept in UTC.
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.Converters.Add(new Community.ServiceDefaults.Http.UtcDateTimeOffsetConverter());
        });
        builder.AddCommunityProblemDetails();
        builder.AddCommunityAuthentication();
        return builder;
    }

    /// <summary>
    /// What every process shares, APIs and the web front end alike: telemetry, health checks, service discovery
    /// with resilient HTTP clients, and the clock.
    /// </summary>
    public static TBuilder AddHostDefaults<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.ConfigureOpenTelemetry();
        builder.AddDefaultHealthChecks();

        builder.Services.AddServiceDiscovery();
        builder.Services.ConfigureHttpClientDefaults(http =>
        {
            http.AddStandardResilienceHandler(CallerResilience.Configure);
            http.AddServiceDiscovery();
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddOptions<IdleMemoryTrimOptions>().Bind(builder.Configuration.GetSection(IdleMemoryTrimOptions.Section))
            .Validate(o => o.CheckEvery > TimeSpan.Zero && o.IdleBelowBytes > 0 && o.AfterBurstOfBytes > 0,
                "Memory:IdleTrim:CheckEvery, IdleBelowBytes and AfterBurstOfBytes must be above zero.")
            .ValidateOnStart();
        builder.Services.AddHostedService<IdleMemoryTrim>();
        return builder;
    }

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(TelemetrySources))
            .WithTracing(tracing => tracing
                .SetNewTraceRate(builder.Configuration)
                .AddSource(builder.Environment.ApplicationName)
                .AddSource(TelemetrySources)
                .AddAspNetCoreInstrumentation(aspnet =>
                    // Health probes every few seconds would drown the real traces.
                    aspnet.Filter = context =>
                        !context.Request.Path.StartsWithSegments(HealthPath) &&
                        !context.Request.Path.StartsWithSegments(AlivePath))
                .AddHttpClientInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>
    /// Every trace is continued as its parent decided; new ones start at most <c>Telemetry:NewTracesPerSecond</c> a
    /// second (default <see cref="DefaultNewTracesPerSecond"/>; 0 starts none; see <see cref="RootTraceRateSampler"/>).
    /// This replaces <c>OTEL_TRACES_SAMPLER</c>, which the AppHost sets to "always_on" for its dashboard: under a storm
    /// recording every span costs CPU the storm needs.
    /// </summary>
    private static TracerProviderBuilder SetNewTraceRate(this TracerProviderBuilder tracing, IConfiguration configuration)
    {
        var perSecond = configuration.GetValue("Telemetry:NewTracesPerSecond", DefaultNewTracesPerSecond);
        if (!double.IsFinite(perSecond) || perSecond < 0)
        {
            throw new InvalidOperationException($"Telemetry:NewTracesPerSecond must be a number, zero or more, not {perSecond}.");
        }

        return tracing.SetSampler(RootTraceRateSampler.ParentBased(perSecond, TimeProvider.System));
    }

    /// <summary>New traces a second each process keeps: every one at the neighbourhood's usual pace, a sample in a storm.</summary>
    public const double DefaultNewTracesPerSecond = 50;

    public static TBuilder AddDefaultHealthChecks<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), ["live"]);
        return builder;
    }

    /// <summary>
    /// Error handling, authentication, and the health endpoints: <c>/alive</c> (the process answers) and
    /// <c>/health</c> (ready: every check, including the database and the broker, passes).
    /// </summary>
    /// <param name="afterAuthentication">Middleware that needs to know the caller but must run before authorization
    /// refuses anyone (the gateway's rate limits).</param>
    public static WebApplication UseServiceDefaults(this WebApplication app, Action<WebApplication>? afterAuthentication = null)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = UnexpectedException.WriteAsync });
        app.UseStatusCodePages();
        app.UseAuthentication();
        afterAuthentication?.Invoke(app);
        app.UseAuthorization();
        return app.MapHealthEndpoints();
    }

    /// <summary>
    /// <c>/alive</c> (the process answers: only the "live" checks) and <c>/health</c> (ready: every check, each
    /// reported), open to the orchestrator without a token. Every process maps them, the web app included.
    /// </summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthResponse.WriteAsync })
            .AllowAnonymous();
        app.MapHealthChecks(AlivePath, new HealthCheckOptions { Predicate = r => r.Tags.Contains("live") })
            .AllowAnonymous();
        return app;
    }
}
